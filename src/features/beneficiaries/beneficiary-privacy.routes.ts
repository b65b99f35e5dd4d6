// RGPD routes: export of one person's data (page and JSON), erasure after confirmation, and the read log
// of a structure's records for its managers.
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { HttpError } from "../../web/errors.ts";
import { pageContext, sendHtml } from "../../web/page.ts";
import { canSeeReadLog, managedStructureIds } from "../activities/activities.policy.ts";
import { AGE_BANDS, GENDERS, labelOf, SOCIAL_STATUSES, THEMES } from "../activities/taxonomy.ts";
import { recordAudit } from "../audit/audit.repository.ts";
import type { BookingFeatureDeps } from "../booking/booking.deps.ts";
import { requirePeopleActor, requireRecord } from "./beneficiaries.access.ts";
import { advisorName, communeName, listHistory } from "./beneficiaries.repository.ts";
import type { BeneficiaryRow } from "./beneficiaries.table.ts";
import { eraseBeneficiary } from "./beneficiary-erasure.repository.ts";
import { linkedAppointments, logRead, readLogOf, readLogOfStructures } from "./beneficiary-privacy.repository.ts";
import { EraseConfirmPage, ExportPage, JournalPage, whatLabel } from "./beneficiary-privacy.views.tsx";

const ID_PARAMS = Type.Object({ id: Type.String({ maxLength: 64 }) });
const PAGE_QUERY = Type.Object({ page: Type.Optional(Type.String({ maxLength: 6 })) });
const JOURNAL_PAGE_SIZE = 50;

async function userName(deps: BookingFeatureDeps, userId: string | null): Promise<string | null> {
  if (userId === null) return null;
  const user = await deps.db.selectFrom("users").select(["first_name", "last_name"]).where("id", "=", userId).executeTakeFirst();
  return user ? `${user.first_name} ${user.last_name}` : null;
}

async function exportData(deps: BookingFeatureDeps, row: BeneficiaryRow) {
  return {
    commune: await communeName(deps.db, row.residence_commune_code),
    ownerName: await advisorName(deps.db, row.advisor_id),
    consentBy: await userName(deps, row.consent_by_user_id),
    history: await listHistory(deps.db, row.id),
    appointments: await linkedAppointments(deps.db, row.id),
    reads: await readLogOf(deps.db, row.id),
  };
}

export async function beneficiaryPrivacyRoutes(app: FastifyInstance, deps: BookingFeatureDeps): Promise<void> {
  async function manageable(request: Parameters<typeof requirePeopleActor>[1]) {
    const { actor } = await requirePeopleActor(deps, request);
    const row = await requireRecord(deps, request, actor, (request.params as { id: string }).id, "manage");
    if (row.erased_at !== null) throw new HttpError("not_found");
    return { actor, row };
  }

  app.get("/beneficiaires/:id/export", { schema: { hide: true, params: ID_PARAMS } }, async (request, reply) => {
    const { actor, row } = await manageable(request);
    await logRead(deps.db, actor.userId, row.id, "export", deps.now());
    return sendHtml(reply, ExportPage({ ctx: pageContext(request, reply), row, ...(await exportData(deps, row)) }));
  });

  app.get("/beneficiaires/:id/export.json", { schema: { hide: true, params: ID_PARAMS } }, async (request, reply) => {
    const { actor, row } = await manageable(request);
    const now = deps.now();
    await logRead(deps.db, actor.userId, row.id, "export-json", now);
    const data = await exportData(deps, row);
    const document = {
      exporteLe: now.toISOString(),
      fiche: {
        id: row.id,
        prenom: row.first_name,
        nom: row.last_name,
        telephone: row.phone,
        courriel: row.email,
        anneeNaissance: row.birth_year,
        trancheAge: labelOf(AGE_BANDS, row.age_band as never),
        communeResidence: row.residence_commune_code ? { codeInsee: row.residence_commune_code, nom: data.commune } : null,
        genre: labelOf(GENDERS, row.gender as never),
        situation: labelOf(SOCIAL_STATUSES, row.social_status as never),
        notes: row.notes,
        partageeAvecLaStructure: row.shared_with_structure,
        suiviePar: data.ownerName,
        creeeLe: row.created_at.toISOString(),
        modifieeLe: row.updated_at.toISOString(),
      },
      consentement: { le: row.consent_at?.toISOString() ?? null, comment: row.consent_method, enregistrePar: data.consentBy },
      comptesRendus: data.history.map((h) => ({
        id: h.id,
        date: h.date,
        type: h.type,
        titre: h.title,
        thematiques: h.themes.map((t) => THEMES.find((x) => x.code === t)?.label ?? t),
        dureeMinutes: h.duration_minutes,
        notes: h.notes,
        conseiller: `${h.advisor_first_name} ${h.advisor_last_name}`,
      })),
      rendezVous: data.appointments.map((a) => ({
        le: a.starts_at.toISOString(),
        statut: a.status,
        prenom: a.first_name,
        nom: a.last_name,
        telephone: a.phone,
        courriel: a.email,
        anneeNaissance: a.birth_year,
        besoin: a.needs,
        notes: a.notes,
      })),
      consultations: data.reads.map((r) => ({ le: r.at.toISOString(), par: r.reader, quoi: whatLabel(r.what) })),
    };
    return reply
      .header("content-disposition", `attachment; filename="donnees-beneficiaire-${row.id}.json"`)
      .type("application/json; charset=utf-8")
      .send(JSON.stringify(document, null, 2));
  });

  app.get("/beneficiaires/:id/effacer", { schema: { hide: true, params: ID_PARAMS } }, async (request, reply) => {
    const { actor, row } = await manageable(request);
    await logRead(deps.db, actor.userId, row.id, "effacement", deps.now());
    const history = await listHistory(deps.db, row.id);
    return sendHtml(reply, EraseConfirmPage({ ctx: pageContext(request, reply), row, reportCount: history.length }));
  });

  app.post("/beneficiaires/:id/effacer", { schema: { hide: true, params: ID_PARAMS } }, async (request, reply) => {
    const { actor, row } = await manageable(request);
    const now = deps.now();
    await deps.db.transaction().execute(async (trx) => {
      await eraseBeneficiary(trx, row.id, "demande", now);
      await recordAudit(trx, { at: now, actorUserId: actor.userId, action: "beneficiary.erased", subjectType: "beneficiary", subjectId: row.id, details: { reason: "demande" } });
    });
    return reply.redirect("/beneficiaires?message=efface", 303);
  });

  app.get("/beneficiaires/journal", { schema: { hide: true, querystring: PAGE_QUERY } }, async (request, reply) => {
    const { actor } = await requirePeopleActor(deps, request);
    const structures = managedStructureIds(actor).filter((id) => canSeeReadLog(actor, id));
    if (structures.length === 0) throw new HttpError("forbidden");
    const requested = Number((request.query as { page?: string }).page ?? "1");
    const page = Number.isInteger(requested) && requested >= 1 ? requested : 1;
    const { rows, total } = await readLogOfStructures(deps.db, structures, page, JOURNAL_PAGE_SIZE);
    return sendHtml(reply, JournalPage({ ctx: pageContext(request, reply), rows, page, pageCount: Math.max(1, Math.ceil(total / JOURNAL_PAGE_SIZE)) }));
  });
}
