// /beneficiaires/doublons: likely duplicates among the records the actor manages, and their merge.
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { HttpError } from "../../web/errors.ts";
import { pageContext, sendHtml } from "../../web/page.ts";
import type { BookingFeatureDeps } from "../booking/booking.deps.ts";
import { requirePeopleActor, requireRecord } from "./beneficiaries.access.ts";
import { advisorName, communeName, duplicateCandidates, listHistory } from "./beneficiaries.repository.ts";
import type { BeneficiaryRow } from "./beneficiaries.table.ts";
import { logRead, mergeBeneficiaries } from "./beneficiary-privacy.repository.ts";
import { manageScope } from "./beneficiary-scope.ts";
import { findDuplicatePairs } from "./duplicates.ts";
import { DuplicatesPage, MergePage } from "./duplicates.views.tsx";

const PAIR = Type.Object({ a: Type.String({ maxLength: 64 }), b: Type.String({ maxLength: 64 }) });
const MERGE_BODY = Type.Object({ _csrf: Type.Optional(Type.String()), a: Type.String({ maxLength: 64 }), b: Type.String({ maxLength: 64 }), keep: Type.Optional(Type.String({ maxLength: 64 })) });

export async function duplicatesRoutes(app: FastifyInstance, deps: BookingFeatureDeps): Promise<void> {
  app.get("/beneficiaires/doublons", { schema: { hide: true } }, async (request, reply) => {
    const { actor } = await requirePeopleActor(deps, request);
    const scope = manageScope(actor);
    const candidates = scope ? await duplicateCandidates(deps.db, scope) : [];
    const byId = new Map(candidates.map((c) => [c.id, [c.firstName, c.lastName].filter(Boolean).join(" ")]));
    const pairs = findDuplicatePairs(candidates).map((pair) => ({ pair, a: { id: pair.a, name: byId.get(pair.a)! }, b: { id: pair.b, name: byId.get(pair.b)! } }));
    return sendHtml(reply, DuplicatesPage({ ctx: pageContext(request, reply), pairs }));
  });

  async function pairOf(request: Parameters<typeof requirePeopleActor>[1], ids: { a: string; b: string }) {
    const { actor } = await requirePeopleActor(deps, request);
    if (ids.a === ids.b) throw new HttpError("not_found");
    const a = await requireRecord(deps, request, actor, ids.a, "manage");
    const b = await requireRecord(deps, request, actor, ids.b, "manage");
    if (a.erased_at !== null || b.erased_at !== null) throw new HttpError("not_found");
    return { actor, a, b };
  }

  async function factsOf(row: BeneficiaryRow) {
    return {
      commune: await communeName(deps.db, row.residence_commune_code),
      ownerName: await advisorName(deps.db, row.advisor_id),
      reports: (await listHistory(deps.db, row.id)).length,
    };
  }

  app.get("/beneficiaires/doublons/fusion", { schema: { hide: true, querystring: PAIR } }, async (request, reply) => {
    const { actor, a, b } = await pairOf(request, request.query as { a: string; b: string });
    const now = deps.now();
    for (const row of [a, b]) await logRead(deps.db, actor.userId, row.id, "fusion", now);
    return sendHtml(reply, MergePage({ ctx: pageContext(request, reply), a, b, facts: [await factsOf(a), await factsOf(b)] }));
  });

  app.post("/beneficiaires/doublons/fusion", { schema: { hide: true, body: MERGE_BODY } }, async (request, reply) => {
    const body = request.body as { a: string; b: string; keep?: string };
    const { actor, a, b } = await pairOf(request, body);
    if (body.keep !== a.id && body.keep !== b.id) {
      const page = MergePage({ ctx: pageContext(request, reply), a, b, facts: [await factsOf(a), await factsOf(b)], error: "Choisissez la fiche à garder." });
      return sendHtml(reply, page, 400);
    }
    const other = body.keep === a.id ? b.id : a.id;
    await mergeBeneficiaries(deps.db, body.keep, other, actor.userId, deps.now());
    return reply.redirect(`/beneficiaires/${body.keep}?message=fusion`, 303);
  });
}
