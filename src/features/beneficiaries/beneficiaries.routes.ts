// Routes of beneficiaries: list, search, record, consent, sharing, duplicates, merge, RGPD export and erasure, read log.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { HttpError } from "../../web/errors.ts";
import { pageContext, sendHtml } from "../../web/page.ts";
import { canManageBeneficiary, canWriteReports, managedStructureIds, ownAdvisorIds } from "../activities/activities.policy.ts";
import type { BookingFeatureDeps } from "../booking/booking.deps.ts";
import { accessOf, requirePeopleActor, requireRecord } from "./beneficiaries.access.ts";
import {
  advisorName,
  communeName,
  departementCommunes,
  insertBeneficiary,
  listBeneficiaries,
  listHistory,
  setShared,
  updateBeneficiary,
} from "./beneficiaries.repository.ts";
import { PeopleListPage, RecordPage } from "./beneficiaries.views.tsx";
import { type BeneficiaryFormValues, blankBeneficiaryForm, type ConsentMethod, checkBeneficiaryForm, normalizeText, readBeneficiaryForm } from "./beneficiary.ts";
import { BeneficiaryFormPage } from "./beneficiary-form.views.tsx";
import { logRead } from "./beneficiary-privacy.repository.ts";
import { beneficiaryPrivacyRoutes } from "./beneficiary-privacy.routes.ts";
import { duplicatesRoutes } from "./duplicates.routes.ts";

export const PAGE_SIZE = 25;
export const FORM_BODY = Type.Record(Type.String({ maxLength: 60 }), Type.Union([Type.String({ maxLength: 2000 }), Type.Array(Type.String({ maxLength: 200 }), { maxItems: 10 })]));
export const ID_PARAMS = Type.Object({ id: Type.String({ maxLength: 64 }) });
const LIST_QUERY = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  page: Type.Optional(Type.String({ maxLength: 6 })),
  message: Type.Optional(Type.String({ maxLength: 20 })),
});
const NOTICES: Record<string, string> = {
  cree: "La fiche a été créée.",
  enregistre: "La fiche a été enregistrée.",
  partage: "La fiche est maintenant partagée avec votre structure.",
  "non-partage": "La fiche n'est plus partagée avec votre structure.",
  efface: "Les informations de la personne ont été effacées. Ses comptes rendus restent, sans nom.",
  fusion: "Les deux fiches ont été fusionnées.",
};

export function pageNumber(text: string | undefined): number {
  const n = Number(text ?? "1");
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}

export async function beneficiariesRoutes(app: FastifyInstance, deps: BookingFeatureDeps): Promise<void> {
  let communeCache: { code: string; name: string }[] | null = null;
  async function communes() {
    communeCache ??= await departementCommunes(deps.db, deps.config.departement.code);
    return communeCache;
  }
  async function resolver() {
    const list = await communes();
    return (typed: string) => {
      if (list.some((c) => c.code === typed)) return typed;
      const name = normalizeText(typed);
      return list.find((c) => normalizeText(c.name) === name)?.code ?? null;
    };
  }

  async function renderForm(request: FastifyRequest, reply: FastifyReply, recordId: string | null, values: BeneficiaryFormValues, errors: Record<string, string>) {
    const page = BeneficiaryFormPage({ ctx: pageContext(request, reply), recordId, values, errors, communes: await communes() });
    return sendHtml(reply, page, Object.keys(errors).length > 0 ? 400 : 200);
  }

  app.get("/beneficiaires", { schema: { hide: true, querystring: LIST_QUERY } }, async (request, reply) => {
    const { actor, scope } = await requirePeopleActor(deps, request);
    const query = request.query as { q?: string; page?: string; message?: string };
    const q = (query.q ?? "").trim();
    const page = pageNumber(query.page);
    const { rows, total } = await listBeneficiaries(deps.db, scope, { q, page, pageSize: PAGE_SIZE });
    const heading = ownAdvisorIds(actor).length > 0 ? "Mes bénéficiaires" : "Bénéficiaires partagés dans la structure";
    const notice = query.message ? (NOTICES[query.message] ?? null) : null;
    const canSeeLog = managedStructureIds(actor).length > 0;
    return sendHtml(
      reply,
      PeopleListPage({ ctx: pageContext(request, reply), heading, q, page, pageSize: PAGE_SIZE, total, rows, canCreate: canWriteReports(actor), canSeeLog, notice }),
    );
  });

  app.get("/beneficiaires/nouveau", { schema: { hide: true } }, async (request, reply) => {
    const { actor } = await requirePeopleActor(deps, request);
    if (!canWriteReports(actor)) throw new HttpError("forbidden");
    return renderForm(request, reply, null, blankBeneficiaryForm(), {});
  });

  app.post("/beneficiaires/nouveau", { schema: { hide: true, body: FORM_BODY } }, async (request, reply) => {
    const { actor } = await requirePeopleActor(deps, request);
    const advisor = actor.advisors[0];
    if (!canWriteReports(actor) || !advisor) throw new HttpError("forbidden");
    const values = readBeneficiaryForm(request.body as Record<string, string | string[]>);
    const now = deps.now();
    const { input, errors } = checkBeneficiaryForm(values, { now, consentNeeded: true, resolveCommune: await resolver() });
    if (!input) return renderForm(request, reply, null, values, errors);
    const id = await insertBeneficiary(deps.db, input, {
      advisorId: advisor.id,
      structureId: advisor.structureId,
      userId: actor.userId,
      consentMethod: values.consent_method as ConsentMethod,
      now,
    });
    return reply.redirect(`/beneficiaires/${id}?message=cree`, 303);
  });

  app.get("/beneficiaires/:id", { schema: { hide: true, params: ID_PARAMS, querystring: LIST_QUERY } }, async (request, reply) => {
    const { actor } = await requirePeopleActor(deps, request);
    const row = await requireRecord(deps, request, actor, (request.params as { id: string }).id, "see");
    // A merged record lives on in the one it was merged into (old links, bookmarks).
    if (row.merged_into_id !== null) return reply.redirect(`/beneficiaires/${row.merged_into_id}`, 301);
    const now = deps.now();
    if (row.erased_at === null) await logRead(deps.db, actor.userId, row.id, "fiche", now);
    const message = (request.query as { message?: string }).message;
    return sendHtml(
      reply,
      RecordPage({
        ctx: pageContext(request, reply),
        row,
        commune: await communeName(deps.db, row.residence_commune_code),
        ownerName: await advisorName(deps.db, row.advisor_id),
        history: row.erased_at === null ? await listHistory(deps.db, row.id) : [],
        canManage: canManageBeneficiary(actor, accessOf(row)),
        canShare: ownAdvisorIds(actor).includes(row.advisor_id),
        canWriteReport: canWriteReports(actor),
        notice: message ? (NOTICES[message] ?? null) : null,
      }),
    );
  });

  app.get("/beneficiaires/:id/modifier", { schema: { hide: true, params: ID_PARAMS } }, async (request, reply) => {
    const { actor } = await requirePeopleActor(deps, request);
    const row = await requireRecord(deps, request, actor, (request.params as { id: string }).id, "manage");
    if (row.erased_at !== null) throw new HttpError("not_found");
    await logRead(deps.db, actor.userId, row.id, "modification", deps.now());
    const commune = (await communes()).find((c) => c.code === row.residence_commune_code);
    const values: BeneficiaryFormValues = {
      first_name: row.first_name ?? "",
      last_name: row.last_name ?? "",
      phone: row.phone ?? "",
      email: row.email ?? "",
      birth_year: row.birth_year === null ? "" : String(row.birth_year),
      residence_commune: commune?.name ?? row.residence_commune_code ?? "",
      gender: row.gender,
      social_status: row.social_status,
      notes: row.notes ?? "",
      shared: row.shared_with_structure,
      consent: true,
      consent_method: row.consent_method ?? "",
    };
    return renderForm(request, reply, row.id, values, {});
  });

  app.post("/beneficiaires/:id/modifier", { schema: { hide: true, params: ID_PARAMS, body: FORM_BODY } }, async (request, reply) => {
    const { actor } = await requirePeopleActor(deps, request);
    const row = await requireRecord(deps, request, actor, (request.params as { id: string }).id, "manage");
    if (row.erased_at !== null) throw new HttpError("not_found");
    const values = readBeneficiaryForm(request.body as Record<string, string | string[]>);
    const { input, errors } = checkBeneficiaryForm(values, { now: deps.now(), consentNeeded: false, resolveCommune: await resolver() });
    if (!input) return renderForm(request, reply, row.id, values, errors);
    await updateBeneficiary(deps.db, row.id, input, deps.now());
    return reply.redirect(`/beneficiaires/${row.id}?message=enregistre`, 303);
  });

  app.post("/beneficiaires/:id/partage", { schema: { hide: true, params: ID_PARAMS, body: FORM_BODY } }, async (request, reply) => {
    const { actor } = await requirePeopleActor(deps, request);
    const row = await requireRecord(deps, request, actor, (request.params as { id: string }).id, "manage");
    // Only the owner decides to share: a manager unsharing would hide the record from the whole structure.
    if (row.erased_at !== null || !ownAdvisorIds(actor).includes(row.advisor_id)) throw new HttpError("not_found");
    const shared = (request.body as { shared?: string }).shared === "1";
    await setShared(deps.db, row.id, shared, deps.now());
    return reply.redirect(`/beneficiaires/${row.id}?message=${shared ? "partage" : "non-partage"}`, 303);
  });

  await duplicatesRoutes(app, deps);
  await beneficiaryPrivacyRoutes(app, deps);
}
