// Open data: the public places in the national standard (CSV and JSON, streamed), its public page, and the
// administrators' import of a file in that standard (pasted, checked, then confirmed).
import { Readable } from "node:stream";
import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import type { FieldErrors } from "../../../web/components.tsx";
import { HttpError } from "../../../web/errors.ts";
import { pageContext, sendHtml } from "../../../web/page.ts";
import { requireViewer } from "../../auth/auth.routes.ts";
import type { PlacesFeatureDeps } from "../places.deps.ts";
import { canImportPlaces } from "./opendata.policy.ts";
import { findStructure, listStructures } from "./opendata.repository.ts";
import { type ExportSummary, emptySummary, exportSummary, streamPlacesCsv, streamPlacesJson } from "./opendata-export.ts";
import { checkImport, runImport } from "./opendata-import.service.ts";
import { IMPORT_PATH, type ImportDone, type ImportForm, ImportPage, ImportReportPage } from "./opendata-import.views.tsx";
import { CSV_PATH, JSON_PATH, OpenDataPage } from "./opendata-public.views.tsx";
import { STANDARD } from "./standard-schema.ts";

const MAX_PASTE = 5 * 1024 * 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const REFUSALS = {
  file_errors: "Le fichier a des erreurs qui empêchent de le lire.",
  row_errors: "Le fichier a des lignes à corriger. Corrigez-les, ou choisissez d'importer seulement les lignes valides.",
  nothing_valid: "Aucune ligne n'est valide.",
  structure_missing: "Choisissez la structure des nouveaux lieux.",
} as const;

/** Streams the lines, then logs what the export had to leave out. */
function logged(lines: AsyncIterable<string>, summary: ExportSummary, log: FastifyBaseLogger): Readable {
  async function* run() {
    yield* lines;
    if (summary.excluded.length > 0) {
      log.warn({ excluded: summary.excluded.length, places: summary.excluded.map((p) => p.slug) }, "open-data export left out places the standard refuses");
    }
  }
  return Readable.from(run());
}

function readForm(body: unknown): ImportForm & { etape: string } {
  const b = (body ?? {}) as Record<string, string | undefined>;
  return { fichier: b.fichier ?? "", structure: (b.structure ?? "").trim(), source: (b.source ?? "").trim(), etape: b.etape ?? "verifier" };
}

export async function opendataRoutes(app: FastifyInstance, deps: PlacesFeatureDeps): Promise<void> {
  const { db, config } = deps;

  app.get("/donnees", { schema: { hide: true } }, async (request, reply) =>
    sendHtml(reply, OpenDataPage({ ctx: pageContext(request, reply), version: STANDARD.version })),
  );

  app.get(CSV_PATH, { schema: { hide: true } }, async (request, reply) => {
    const summary = emptySummary();
    return reply
      .type("text/csv; charset=utf-8")
      .header("content-disposition", 'attachment; filename="lieux-de-mediation-numerique.csv"')
      .header("cache-control", "public, max-age=300")
      .send(logged(streamPlacesCsv(db, config, summary), summary, request.log));
  });

  app.get(JSON_PATH, { schema: { hide: true } }, async (request, reply) => {
    const summary = emptySummary();
    return reply
      .type("application/json; charset=utf-8")
      .header("content-disposition", 'inline; filename="lieux-de-mediation-numerique.json"')
      .header("cache-control", "public, max-age=300")
      .send(logged(streamPlacesJson(db, config, summary), summary, request.log));
  });

  const importPage = async (request: FastifyRequest, reply: FastifyReply, form: ImportForm, errors: FieldErrors, done: ImportDone | null) => {
    const [structures, summary] = await Promise.all([listStructures(db), exportSummary(db, config)]);
    return sendHtml(
      reply,
      ImportPage({ ctx: pageContext(request, reply), form, errors, structures, summary, done }),
      Object.keys(errors).length > 0 ? 400 : 200,
    );
  };

  app.get(
    IMPORT_PATH,
    {
      schema: {
        hide: true,
        querystring: Type.Object({
          crees: Type.Optional(Type.Integer({ minimum: 0 })),
          maj: Type.Optional(Type.Integer({ minimum: 0 })),
          inchanges: Type.Optional(Type.Integer({ minimum: 0 })),
          ignores: Type.Optional(Type.Integer({ minimum: 0 })),
        }),
      },
    },
    async (request, reply) => {
      if (!canImportPlaces(requireViewer(request))) throw new HttpError("forbidden");
      const q = request.query as { crees?: number; maj?: number; inchanges?: number; ignores?: number };
      const done = q.crees === undefined ? null : { created: q.crees, updated: q.maj ?? 0, unchanged: q.inchanges ?? 0, skipped: q.ignores ?? 0 };
      return importPage(request, reply, { fichier: "", structure: "", source: "" }, {}, done);
    },
  );

  app.post(
    IMPORT_PATH,
    {
      bodyLimit: MAX_PASTE + 64 * 1024,
      schema: {
        hide: true,
        body: Type.Object({
          fichier: Type.Optional(Type.String({ maxLength: MAX_PASTE })),
          structure: Type.Optional(Type.String({ maxLength: 100 })),
          source: Type.Optional(Type.String({ maxLength: 200 })),
          etape: Type.Optional(Type.String({ maxLength: 30 })),
        }),
      },
    },
    async (request, reply) => {
      const viewer = requireViewer(request);
      if (!canImportPlaces(viewer)) throw new HttpError("forbidden");
      const { etape, ...form } = readForm(request.body);
      const structure = UUID.test(form.structure) ? await findStructure(db, { id: form.structure }) : undefined;
      const errors: FieldErrors = {};
      if (!structure) errors.structure = "Choisissez la structure à laquelle rattacher les nouveaux lieux.";
      if (form.fichier.trim() === "") errors.fichier = "Collez le contenu du fichier CSV.";
      if (Object.keys(errors).length > 0 || !structure) return importPage(request, reply, form, errors, null);

      const input = { text: form.fichier, structureId: structure.id, declaredSource: form.source };
      const structures = await listStructures(db);
      const ctx = pageContext(request, reply);
      if (etape !== "importer" && etape !== "importer-valides") {
        const report = await checkImport(db, config, input);
        return sendHtml(reply, ImportReportPage({ ctx, form, report, structures, structureName: structure.name, refused: null }));
      }
      const outcome = await runImport(db, config, input, { onlyValid: etape === "importer-valides", actorUserId: viewer.userId, now: deps.now() });
      if (outcome.kind === "refused") {
        const page = ImportReportPage({ ctx, form, report: outcome.report, structures, structureName: structure.name, refused: REFUSALS[outcome.reason] });
        return sendHtml(reply, page, 400);
      }
      request.log.info({ created: outcome.created, updated: outcome.updated, unchanged: outcome.unchanged }, "places imported");
      const skipped = outcome.report.invalid.length;
      return reply.redirect(`${IMPORT_PATH}?crees=${outcome.created}&maj=${outcome.updated}&inchanges=${outcome.unchanged}&ignores=${skipped}`, 303);
    },
  );
}
