// Partner use cases: the directory page model, one partner's page model, writes of profiles and services
// (transactional, audited), and the partners the export writes.
import type { Db, DbOrTx } from "../../db/schema.ts";
import { recordAudit } from "../audit/audit.repository.ts";
import type { ExportPartner } from "./data-inclusion.ts";
import {
  archivePartner,
  archiveService,
  coverageOf,
  type DirectoryFilters,
  filteredPartnerIds,
  freePartnerSlug,
  insertPartner,
  insertService,
  servicesOf,
  siretHolder,
  updatePartner,
  updateService,
} from "./partners.repository.ts";
import type { Profile, Service } from "./partners.ts";

export const PAGE_SIZE = 20;

export type PartnerWrite<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };

function siretTaken(holder: { name: string }): Record<string, string> {
  return { siret: `Ce SIRET est déjà celui de « ${holder.name} » : vérifiez-le, ou modifiez cette structure-là.` };
}

export async function createPartner(db: Db, profile: Profile, actor: { userId: string; now: Date }): Promise<PartnerWrite<string>> {
  return db.transaction().execute(async (trx): Promise<PartnerWrite<string>> => {
    const holder = profile.siret ? await siretHolder(trx, profile.siret, null) : undefined;
    if (holder) return { ok: false, errors: siretTaken(holder) };
    const slug = await freePartnerSlug(trx, profile.name);
    const id = await insertPartner(trx, slug, profile, { dataInclusionId: null, now: actor.now });
    await recordAudit(trx, { at: actor.now, actorUserId: actor.userId, action: "partner.created", subjectType: "structure", subjectId: id, details: { name: profile.name } });
    return { ok: true, value: slug };
  });
}

export async function editPartner(db: Db, structureId: string, profile: Profile, actor: { userId: string; now: Date }): Promise<PartnerWrite<null>> {
  return db.transaction().execute(async (trx): Promise<PartnerWrite<null>> => {
    const holder = profile.siret ? await siretHolder(trx, profile.siret, structureId) : undefined;
    if (holder) return { ok: false, errors: siretTaken(holder) };
    await updatePartner(trx, structureId, profile, { coverage: true, now: actor.now });
    await recordAudit(trx, { at: actor.now, actorUserId: actor.userId, action: "partner.updated", subjectType: "structure", subjectId: structureId });
    return { ok: true, value: null };
  });
}

export async function archivePartnerStructure(db: Db, structureId: string, actor: { userId: string; now: Date }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await archivePartner(trx, structureId, actor.now);
    await recordAudit(trx, { at: actor.now, actorUserId: actor.userId, action: "partner.archived", subjectType: "structure", subjectId: structureId });
  });
}

export async function saveService(db: Db, structureId: string, serviceId: string | null, service: Service, actor: { userId: string; now: Date }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const id = serviceId ?? (await insertService(trx, structureId, service, { dataInclusionId: null, now: actor.now }));
    if (serviceId) await updateService(trx, serviceId, service, actor.now);
    await recordAudit(trx, { at: actor.now, actorUserId: actor.userId, action: serviceId ? "partner.service_updated" : "partner.service_created", subjectType: "partner_service", subjectId: id });
  });
}

export async function removeService(db: Db, serviceId: string, actor: { userId: string; now: Date }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await archiveService(trx, serviceId, actor.now);
    await recordAudit(trx, { at: actor.now, actorUserId: actor.userId, action: "partner.service_archived", subjectType: "partner_service", subjectId: serviceId });
  });
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** Every partner the directory filters keep, with coverage and services, as the export writes them. */
export async function partnersToExport(db: DbOrTx, filters: DirectoryFilters): Promise<ExportPartner[]> {
  const ids = await filteredPartnerIds(db, filters);
  if (ids.length === 0) return [];
  const [rows, coverage, services] = await Promise.all([
    db
      .selectFrom("structures")
      .leftJoin("partner_profiles", "partner_profiles.structure_id", "structures.id")
      .leftJoin("communes", "communes.code", "structures.commune_code")
      .select([
        "structures.id", "structures.name", "structures.siret", "structures.commune_code", "structures.updated_at as structureUpdated",
        "communes.name as communeName", "partner_profiles.typology", "partner_profiles.address", "partner_profiles.postcode",
        "partner_profiles.phone", "partner_profiles.email", "partner_profiles.website", "partner_profiles.description",
        "partner_profiles.covers_departement", "partner_profiles.data_inclusion_id", "partner_profiles.updated_at",
      ])
      .where("structures.id", "in", ids)
      .execute(),
    coverageOf(db, ids),
    servicesOf(db, ids),
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => {
    const r = byId.get(id)!;
    const zone = coverage.get(id)!;
    return {
      exportId: r.data_inclusion_id ?? r.id,
      name: r.name,
      siret: r.siret,
      typology: r.typology ?? "Autre",
      address: r.address,
      postcode: r.postcode,
      communeCode: r.commune_code,
      communeName: r.communeName,
      phone: r.phone,
      email: r.email,
      website: r.website,
      description: r.description,
      updatedOn: isoDay(new Date(r.updated_at ?? r.structureUpdated)),
      coverage: { departement: r.covers_departement ?? false, communes: zone.communes.map((c) => c.code), epcis: zone.epcis.map((e) => e.code) },
      services: services
        .filter((s) => s.structure_id === id)
        .map((s) => ({
          exportId: s.data_inclusion_id ?? s.id,
          name: s.name,
          thematiques: s.thematiques,
          description: s.description,
          receptionModes: s.reception_modes,
          howToRefer: s.how_to_refer,
          publics: s.publics,
          updatedOn: isoDay(new Date(s.updated_at)),
        })),
    };
  });
}
