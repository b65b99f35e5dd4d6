// /partenaires: the directory of partner structures, one partner's page, the coordination's and the partner
// agent's forms, the data·inclusion import, and the exports (which follow the directory's filters).
// A partner the viewer cannot see, or a guessed slug or service id, answers 404.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import type { Config } from "../../config.ts";
import type { Db } from "../../db/schema.ts";
import { HttpError } from "../../web/errors.ts";
import { pageContext, sendHtml } from "../../web/page.ts";
import { requireViewer } from "../auth/auth.routes.ts";
import type { Viewer } from "../auth/viewer.ts";
import { spreadsheetCsvLine } from "../places/opendata/csv.ts";
import { SERVICE_FIELDS, STRUCTURE_FIELDS, serviceRecords, structureRecord } from "./data-inclusion.ts";
import { DirectoryPage, PartnerPage } from "./partner-directory.views.tsx";
import { ProfileFormPage, ServiceFormPage } from "./partner-forms.views.tsx";
import { PartnerImportPage } from "./partner-import.views.tsx";
import { isCode, isTypology, THEMATIQUES } from "./partner-vocabulary.ts";
import { canEditPartner, canManagePartners, canReadDirectory } from "./partners.policy.ts";
import { coverageOf, type DirectoryFilters, findPartnerBySlug, findService, listPartners, type PartnerDetail, servicesOf, territoryOf } from "./partners.repository.ts";
import { archivePartnerStructure, createPartner, editPartner, PAGE_SIZE, partnersToExport, removeService, saveService } from "./partners.service.ts";
import { BLANK_PROFILE, BLANK_SERVICE, checkProfile, checkService, type ProfileForm, readProfileForm, readServiceForm, type ServiceForm } from "./partners.ts";
import { checkPartnerImport, runPartnerImport } from "./partners-import.service.ts";

export interface PartnersDeps {
  db: Db;
  config: Readonly<Config>;
  now: () => Date;
}

type Body = Record<string, string | string[] | undefined>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_FILE = 5 * 1024 * 1024;
const FILTER_QUERY = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  commune: Type.Optional(Type.String({ maxLength: 10 })),
  typologie: Type.Optional(Type.String({ maxLength: 30 })),
  thematique: Type.Optional(Type.String({ maxLength: 80 })),
  page: Type.Optional(Type.String({ maxLength: 6 })),
  message: Type.Optional(Type.String({ maxLength: 20 })),
});
const NOTICES: Record<string, string> = {
  cree: "Partenaire ajouté.",
  modifie: "Fiche enregistrée.",
  service: "Service enregistré.",
  retire: "Service retiré.",
  archive: "Partenaire archivé.",
};

function reader(request: FastifyRequest): Viewer {
  const viewer = requireViewer(request);
  if (!canReadDirectory(viewer)) throw new HttpError("forbidden", "L'annuaire des partenaires est réservé aux agents du réseau.");
  return viewer;
}

function manager(request: FastifyRequest): Viewer {
  const viewer = requireViewer(request);
  if (!canManagePartners(viewer)) throw new HttpError("forbidden", "Seule la coordination gère les partenaires.");
  return viewer;
}

function filtersOf(query: Record<string, string | undefined>): DirectoryFilters & { q: string; commune: string; typologie: string; thematique: string } {
  const typologie = query.typologie ?? "";
  const thematique = query.thematique ?? "";
  return {
    q: (query.q ?? "").trim(),
    commune: /^[0-9AB]{5}$/.test(query.commune ?? "") ? query.commune! : "",
    typologie: isTypology(typologie) ? typologie : "",
    thematique: isCode(THEMATIQUES, thematique) ? thematique : "",
  };
}

function queryOf(filters: { q: string; commune: string; typologie: string; thematique: string }): string {
  return new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== "")).toString();
}

export async function partnersRoutes(app: FastifyInstance, deps: PartnersDeps): Promise<void> {
  const { db } = deps;
  const departement = deps.config.departement.code;

  async function partnerOr404(viewer: Viewer, slug: string): Promise<PartnerDetail> {
    const partner = await findPartnerBySlug(db, slug);
    // Archived partners stay visible to the coordination only.
    if (!partner || (partner.archived_at && !canManagePartners(viewer))) throw new HttpError("not_found");
    return partner;
  }

  async function editable(request: FastifyRequest): Promise<{ viewer: Viewer; partner: PartnerDetail }> {
    const viewer = reader(request);
    const partner = await partnerOr404(viewer, (request.params as { slug: string }).slug);
    if (!canEditPartner(viewer, partner.id) || partner.archived_at) throw new HttpError("forbidden", "Vous pouvez lire cette fiche, pas la modifier.");
    return { viewer, partner };
  }

  app.get("/partenaires", { schema: { hide: true, querystring: FILTER_QUERY } }, async (request, reply) => {
    const viewer = reader(request);
    const query = request.query as Record<string, string | undefined>;
    const filters = filtersOf(query);
    const requested = Math.max(1, Number.parseInt(query.page ?? "1", 10) || 1);
    const first = await listPartners(db, filters, { offset: (requested - 1) * PAGE_SIZE, limit: PAGE_SIZE });
    const pageCount = Math.max(1, Math.ceil(first.total / PAGE_SIZE));
    const page = Math.min(requested, pageCount);
    const { rows, total } = page === requested ? first : await listPartners(db, filters, { offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE });
    const territory = await territoryOf(db, departement);
    const model = {
      filters, communes: territory.communes, rows, total, page, pageCount, canManage: canManagePartners(viewer),
      notice: NOTICES[query.message ?? ""] ?? null, query: queryOf(filters),
    };
    return sendHtml(reply, DirectoryPage({ ctx: pageContext(request, reply), model }));
  });

  async function exportData(request: FastifyRequest) {
    reader(request);
    return partnersToExport(db, filtersOf(request.query as Record<string, string | undefined>));
  }
  const source = deps.config.brand.name;

  app.get("/partenaires/export/structures.csv", { schema: { hide: true, querystring: FILTER_QUERY } }, async (request, reply) => {
    const partners = await exportData(request);
    const body = spreadsheetCsvLine(STRUCTURE_FIELDS) + partners.map((p) => { const r = structureRecord(p, source); return spreadsheetCsvLine(STRUCTURE_FIELDS.map((f) => r[f])); }).join("");
    return reply.type("text/csv; charset=utf-8").header("content-disposition", 'attachment; filename="partenaires-structures.csv"').send(body);
  });

  app.get("/partenaires/export/services.csv", { schema: { hide: true, querystring: FILTER_QUERY } }, async (request, reply) => {
    const partners = await exportData(request);
    const lines = partners.flatMap((p) => serviceRecords(p, source, departement)).map((r) => spreadsheetCsvLine(SERVICE_FIELDS.map((f) => { const v = r[f]; return Array.isArray(v) ? v.join("|") : v; })));
    return reply.type("text/csv; charset=utf-8").header("content-disposition", 'attachment; filename="partenaires-services.csv"').send(spreadsheetCsvLine(SERVICE_FIELDS) + lines.join(""));
  });

  app.get("/partenaires/export.json", { schema: { hide: true, querystring: FILTER_QUERY } }, async (request, reply) => {
    const partners = await exportData(request);
    const body = { structures: partners.map((p) => structureRecord(p, source)), services: partners.flatMap((p) => serviceRecords(p, source, departement)) };
    return reply.type("application/json; charset=utf-8").header("content-disposition", 'inline; filename="partenaires.json"').send(JSON.stringify(body));
  });

  const renderProfile = async (request: FastifyRequest, reply: FastifyReply, form: ProfileForm, errors: Record<string, string>, partner: PartnerDetail | null) => {
    const territory = await territoryOf(db, departement);
    const page = ProfileFormPage({
      ctx: pageContext(request, reply),
      heading: partner ? `Modifier la fiche de ${partner.name}` : "Ajouter un partenaire",
      action: partner ? `/partenaires/${partner.slug}/modifier` : "/partenaires/nouveau",
      back: partner ? { href: `/partenaires/${partner.slug}`, label: partner.name } : { href: "/partenaires", label: "Tous les partenaires" },
      form, errors, epcis: territory.epcis,
    });
    return sendHtml(reply, page, Object.keys(errors).length > 0 ? 400 : 200);
  };

  app.get("/partenaires/nouveau", { schema: { hide: true } }, async (request, reply) => {
    manager(request);
    return renderProfile(request, reply, BLANK_PROFILE, {}, null);
  });

  app.post("/partenaires/nouveau", { schema: { hide: true } }, async (request, reply) => {
    const viewer = manager(request);
    const form = readProfileForm(request.body as Body);
    const checked = checkProfile(form, await territoryOf(db, departement));
    if (!checked.ok) return renderProfile(request, reply, form, checked.errors, null);
    const created = await createPartner(db, checked.value, { userId: viewer.userId, now: deps.now() });
    if (!created.ok) return renderProfile(request, reply, form, created.errors, null);
    return reply.redirect(`/partenaires/${created.value}?message=cree`, 303);
  });

  const SLUG = { params: Type.Object({ slug: Type.String({ maxLength: 200 }) }) };
  const SERVICE = { params: Type.Object({ slug: Type.String({ maxLength: 200 }), service: Type.String({ maxLength: 60 }) }) };

  app.get("/partenaires/:slug", { schema: { hide: true, ...SLUG, querystring: FILTER_QUERY } }, async (request, reply) => {
    const viewer = reader(request);
    const partner = await partnerOr404(viewer, (request.params as { slug: string }).slug);
    const [coverage, services] = await Promise.all([coverageOf(db, [partner.id]), servicesOf(db, [partner.id])]);
    const model = {
      partner, coverage: coverage.get(partner.id)!, services, canEdit: canEditPartner(viewer, partner.id), canManage: canManagePartners(viewer),
      notice: NOTICES[(request.query as { message?: string }).message ?? ""] ?? null,
    };
    return sendHtml(reply, PartnerPage({ ctx: pageContext(request, reply), model }));
  });

  app.get("/partenaires/:slug/modifier", { schema: { hide: true, ...SLUG } }, async (request, reply) => {
    const { partner } = await editable(request);
    const coverage = (await coverageOf(db, [partner.id])).get(partner.id)!;
    const form: ProfileForm = {
      nom: partner.name, typologie: partner.typology ?? "", siret: partner.siret ?? "", adresse: partner.address ?? "", code_postal: partner.postcode ?? "",
      commune: partner.communeName ?? "", telephone: partner.phone ?? "", courriel: partner.email ?? "", site_web: partner.website ?? "",
      description: partner.description ?? "", publics: partner.publics ?? [], departement: partner.covers_departement ?? false,
      epcis: coverage.epcis.map((e) => e.code), communes: coverage.communes.map((c) => c.name).join(", "),
    };
    return renderProfile(request, reply, form, {}, partner);
  });

  app.post("/partenaires/:slug/modifier", { schema: { hide: true, ...SLUG } }, async (request, reply) => {
    const { viewer, partner } = await editable(request);
    const form = readProfileForm(request.body as Body);
    const checked = checkProfile(form, await territoryOf(db, departement));
    if (!checked.ok) return renderProfile(request, reply, form, checked.errors, partner);
    const edited = await editPartner(db, partner.id, checked.value, { userId: viewer.userId, now: deps.now() });
    if (!edited.ok) return renderProfile(request, reply, form, edited.errors, partner);
    return reply.redirect(`/partenaires/${partner.slug}?message=modifie`, 303);
  });

  app.post("/partenaires/:slug/archiver", { schema: { hide: true, ...SLUG } }, async (request, reply) => {
    const viewer = manager(request);
    const partner = await partnerOr404(viewer, (request.params as { slug: string }).slug);
    await archivePartnerStructure(db, partner.id, { userId: viewer.userId, now: deps.now() });
    return reply.redirect("/partenaires?message=archive", 303);
  });

  const renderService = (request: FastifyRequest, reply: FastifyReply, partner: PartnerDetail, serviceId: string | null, form: ServiceForm, errors: Record<string, string>) =>
    sendHtml(
      reply,
      ServiceFormPage({
        ctx: pageContext(request, reply),
        heading: serviceId ? `Modifier le service ${form.nom}` : `Ajouter un service à ${partner.name}`,
        partner,
        action: serviceId ? `/partenaires/${partner.slug}/services/${serviceId}/modifier` : `/partenaires/${partner.slug}/services/nouveau`,
        form,
        errors,
      }),
      Object.keys(errors).length > 0 ? 400 : 200,
    );

  async function serviceOf(partner: PartnerDetail, id: string) {
    const service = UUID.test(id) ? await findService(db, partner.id, id) : undefined;
    if (!service) throw new HttpError("not_found");
    return service;
  }

  app.get("/partenaires/:slug/services/nouveau", { schema: { hide: true, ...SLUG } }, async (request, reply) => {
    const { partner } = await editable(request);
    return renderService(request, reply, partner, null, BLANK_SERVICE, {});
  });

  app.post("/partenaires/:slug/services/nouveau", { schema: { hide: true, ...SLUG } }, async (request, reply) => {
    const { viewer, partner } = await editable(request);
    const form = readServiceForm(request.body as Body);
    const checked = checkService(form);
    if (!checked.ok) return renderService(request, reply, partner, null, form, checked.errors);
    await saveService(db, partner.id, null, checked.value, { userId: viewer.userId, now: deps.now() });
    return reply.redirect(`/partenaires/${partner.slug}?message=service`, 303);
  });

  app.get("/partenaires/:slug/services/:service/modifier", { schema: { hide: true, ...SERVICE } }, async (request, reply) => {
    const { partner } = await editable(request);
    const s = await serviceOf(partner, (request.params as { service: string }).service);
    const form: ServiceForm = { nom: s.name, thematiques: s.thematiques, description: s.description ?? "", modes_accueil: s.reception_modes, orientation: s.how_to_refer ?? "", publics: s.publics };
    return renderService(request, reply, partner, s.id, form, {});
  });

  app.post("/partenaires/:slug/services/:service/modifier", { schema: { hide: true, ...SERVICE } }, async (request, reply) => {
    const { viewer, partner } = await editable(request);
    const s = await serviceOf(partner, (request.params as { service: string }).service);
    const form = readServiceForm(request.body as Body);
    const checked = checkService(form);
    if (!checked.ok) return renderService(request, reply, partner, s.id, form, checked.errors);
    await saveService(db, partner.id, s.id, checked.value, { userId: viewer.userId, now: deps.now() });
    return reply.redirect(`/partenaires/${partner.slug}?message=service`, 303);
  });

  app.post("/partenaires/:slug/services/:service/archiver", { schema: { hide: true, ...SERVICE } }, async (request, reply) => {
    const { viewer, partner } = await editable(request);
    const s = await serviceOf(partner, (request.params as { service: string }).service);
    await removeService(db, s.id, { userId: viewer.userId, now: deps.now() });
    return reply.redirect(`/partenaires/${partner.slug}?message=retire`, 303);
  });

  const COUNT = Type.Optional(Type.Integer({ minimum: 0 }));
  const IMPORT_QUERY = Type.Object({ crees: COUNT, maj: COUNT, inchanges: COUNT, services: COUNT });

  app.get("/partenaires/import", { schema: { hide: true, querystring: IMPORT_QUERY } }, async (request, reply) => {
    manager(request);
    const q = request.query as { crees?: number; maj?: number; inchanges?: number; services?: number };
    const done = q.crees === undefined ? null : { created: q.crees, updated: q.maj ?? 0, unchanged: q.inchanges ?? 0, services: q.services ?? 0 };
    const model = { files: { structures: "", services: "" }, errors: {}, check: null, refused: false, done };
    return sendHtml(reply, PartnerImportPage({ ctx: pageContext(request, reply), model }));
  });

  app.post(
    "/partenaires/import",
    {
      bodyLimit: 2 * MAX_FILE + 64 * 1024,
      schema: {
        hide: true,
        body: Type.Object({
          structures: Type.Optional(Type.String({ maxLength: MAX_FILE })),
          services: Type.Optional(Type.String({ maxLength: MAX_FILE })),
          etape: Type.Optional(Type.String({ maxLength: 20 })),
        }),
      },
    },
    async (request, reply) => {
      const viewer = manager(request);
      const body = request.body as { structures?: string; services?: string; etape?: string };
      const files = { structures: body.structures ?? "", services: body.services ?? "" };
      const ctx = pageContext(request, reply);
      if (files.structures.trim() === "" && files.services.trim() === "") {
        const model = { files, errors: { structures: "Collez le contenu du fichier des structures." }, check: null, refused: false, done: null };
        return sendHtml(reply, PartnerImportPage({ ctx, model }), 400);
      }
      if (body.etape !== "importer") {
        const check = await checkPartnerImport(db, departement, files);
        const bad = check.fileErrors.length > 0 || check.errors.length > 0;
        return sendHtml(reply, PartnerImportPage({ ctx, model: { files, errors: {}, check, refused: false, done: null } }), bad ? 400 : 200);
      }
      const outcome = await runPartnerImport(db, departement, files, { actorUserId: viewer.userId, now: deps.now() });
      if (outcome.kind === "refused") return sendHtml(reply, PartnerImportPage({ ctx, model: { files, errors: {}, check: outcome.check, refused: true, done: null } }), 400);
      const counts = `crees=${outcome.created}&maj=${outcome.updated}&inchanges=${outcome.unchanged}&services=${outcome.check.services.length}`;
      return reply.redirect(`/partenaires/import?${counts}`, 303);
    },
  );
}
