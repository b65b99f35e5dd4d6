// Partner structures in the database: the directory query with its filters, one partner with its coverage
// and services, writes of profiles, coverage and services, and the referral targets of a commune.
import { type ExpressionBuilder, sql } from "kysely";
import type { Database, DbOrTx } from "../../db/schema.ts";
import { slugify } from "../organisation/organisation.ts";
import type { Coverage, Profile, Service, Territory } from "./partners.ts";

export interface DirectoryFilters {
  q?: string;
  commune?: string;
  typologie?: string;
  thematique?: string;
}

export interface PartnerSummary {
  id: string;
  slug: string;
  name: string;
  typology: string;
  communeName: string | null;
  phone: string | null;
  email: string | null;
  services: number;
}

type Eb = ExpressionBuilder<Database, "structures" | "partner_profiles">;

function filtered(db: DbOrTx, filters: DirectoryFilters) {
  let query = db
    .selectFrom("structures")
    .leftJoin("partner_profiles", "partner_profiles.structure_id", "structures.id")
    .where("structures.kind", "=", "partner")
    .where("partner_profiles.archived_at", "is", null);
  const q = filters.q?.trim();
  if (q) query = query.where(sql<boolean>`structures.name ilike ${`%${q.replace(/[\\%_]/g, "\\$&")}%`}`);
  if (filters.typologie) query = query.where(sql<string>`coalesce(partner_profiles.typology, 'Autre')`, "=", filters.typologie);
  if (filters.commune) query = query.where((eb) => coversExpression(eb, filters.commune!));
  if (filters.thematique) {
    const family = filters.thematique;
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom("partner_services")
          .select(sql`1`.as("one"))
          .whereRef("partner_services.structure_id", "=", "structures.id")
          .where("partner_services.archived_at", "is", null)
          .where(sql<boolean>`exists (select 1 from unnest(partner_services.thematiques) t where t = ${family} or t like ${`${family}--%`})`),
      ),
    );
  }
  return query;
}

function coversExpression(eb: Eb, communeCode: string) {
  return eb.or([
    eb("partner_profiles.covers_departement", "=", true),
    eb.exists(
      eb
        .selectFrom("partner_coverage")
        .select(sql`1`.as("one"))
        .whereRef("partner_coverage.structure_id", "=", "structures.id")
        .where((c) =>
          c.or([
            c("partner_coverage.commune_code", "=", communeCode),
            c("partner_coverage.epci_code", "=", c.selectFrom("communes").select("communes.epci_code").where("communes.code", "=", communeCode)),
          ]),
        ),
    ),
  ]);
}

function summaryColumns(query: ReturnType<typeof filtered>) {
  return query
    .leftJoin("communes", "communes.code", "structures.commune_code")
    .select((eb) => [
      "structures.id",
      "structures.slug",
      "structures.name",
      sql<string>`coalesce(partner_profiles.typology, 'Autre')`.as("typology"),
      "communes.name as communeName",
      "partner_profiles.phone",
      "partner_profiles.email",
      eb
        .selectFrom("partner_services")
        .select(sql<number>`count(*)::int`.as("n"))
        .whereRef("partner_services.structure_id", "=", "structures.id")
        .where("partner_services.archived_at", "is", null)
        .as("services"),
    ]);
}

export async function listPartners(db: DbOrTx, filters: DirectoryFilters, page: { offset: number; limit: number }): Promise<{ rows: PartnerSummary[]; total: number }> {
  const [rows, count] = await Promise.all([
    summaryColumns(filtered(db, filters)).orderBy("structures.name").orderBy("structures.id").offset(page.offset).limit(page.limit).execute(),
    filtered(db, filters).select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map((r) => ({ ...r, services: Number(r.services ?? 0) })), total: Number(count.n) };
}

/** The ids of every partner the filters keep, by name: what the export writes. */
export async function filteredPartnerIds(db: DbOrTx, filters: DirectoryFilters): Promise<string[]> {
  const rows = await filtered(db, filters).select("structures.id").orderBy("structures.name").orderBy("structures.id").execute();
  return rows.map((r) => r.id);
}

/** What a partner's profile holds, as the page shows it and an import compares it. */
const PROFILE_COLUMNS = [
  "partner_profiles.typology",
  "partner_profiles.address",
  "partner_profiles.postcode",
  "partner_profiles.phone",
  "partner_profiles.email",
  "partner_profiles.website",
  "partner_profiles.description",
  "partner_profiles.publics",
  "partner_profiles.covers_departement",
  "partner_profiles.data_inclusion_id",
] as const;

export async function findPartnerBySlug(db: DbOrTx, slug: string) {
  return db
    .selectFrom("structures")
    .leftJoin("partner_profiles", "partner_profiles.structure_id", "structures.id")
    .leftJoin("communes", "communes.code", "structures.commune_code")
    .where("structures.kind", "=", "partner")
    .where("structures.slug", "=", slug)
    .select([
      "structures.id",
      "structures.slug",
      "structures.name",
      "structures.siret",
      "structures.commune_code",
      "communes.name as communeName",
      ...PROFILE_COLUMNS,
      "partner_profiles.archived_at",
      "partner_profiles.updated_at",
    ])
    .executeTakeFirst();
}

/** A partner as an import would write it, to tell an unchanged row from an update. */
export async function partnerProfile(db: DbOrTx, structureId: string): Promise<(Profile & { dataInclusionId: string | null }) | null> {
  const row = await db
    .selectFrom("structures")
    .leftJoin("partner_profiles", "partner_profiles.structure_id", "structures.id")
    .where("structures.id", "=", structureId)
    .select([
      "structures.name",
      "structures.siret",
      "structures.commune_code",
      ...PROFILE_COLUMNS,
    ])
    .executeTakeFirst();
  if (!row || row.typology === null) return null;
  const coverage = (await coverageOf(db, [structureId])).get(structureId)!;
  return {
    name: row.name,
    typology: row.typology,
    siret: row.siret,
    address: row.address,
    postcode: row.postcode,
    communeCode: row.commune_code,
    phone: row.phone,
    email: row.email,
    website: row.website,
    description: row.description,
    publics: row.publics ?? [],
    coverage: { departement: row.covers_departement ?? false, communes: coverage.communes.map((c) => c.code), epcis: coverage.epcis.map((e) => e.code) },
    dataInclusionId: row.data_inclusion_id,
  };
}

export type PartnerDetail = NonNullable<Awaited<ReturnType<typeof findPartnerBySlug>>>;

export interface CoverageRow {
  communes: { code: string; name: string }[];
  epcis: { code: string; name: string }[];
}

export async function coverageOf(db: DbOrTx, structureIds: string[]): Promise<Map<string, CoverageRow>> {
  const out = new Map<string, CoverageRow>(structureIds.map((id) => [id, { communes: [], epcis: [] }]));
  if (structureIds.length === 0) return out;
  const rows = await db
    .selectFrom("partner_coverage")
    .leftJoin("communes", "communes.code", "partner_coverage.commune_code")
    .leftJoin("epcis", "epcis.code", "partner_coverage.epci_code")
    .select(["partner_coverage.structure_id", "partner_coverage.commune_code", "partner_coverage.epci_code", "communes.name as communeName", "epcis.name as epciName"])
    .where("partner_coverage.structure_id", "in", structureIds)
    .orderBy("communes.name")
    .orderBy("epcis.name")
    .execute();
  for (const r of rows) {
    const entry = out.get(r.structure_id)!;
    if (r.commune_code) entry.communes.push({ code: r.commune_code, name: r.communeName ?? r.commune_code });
    if (r.epci_code) entry.epcis.push({ code: r.epci_code, name: r.epciName ?? r.epci_code });
  }
  return out;
}

export async function servicesOf(db: DbOrTx, structureIds: string[]) {
  if (structureIds.length === 0) return [];
  return db
    .selectFrom("partner_services")
    .selectAll()
    .where("structure_id", "in", structureIds)
    .where("archived_at", "is", null)
    .orderBy("name")
    .orderBy("id")
    .execute();
}

export type ServiceRow = Awaited<ReturnType<typeof servicesOf>>[number];

export async function findService(db: DbOrTx, structureId: string, serviceId: string) {
  return db.selectFrom("partner_services").selectAll().where("structure_id", "=", structureId).where("id", "=", serviceId).where("archived_at", "is", null).executeTakeFirst();
}

export async function territoryOf(db: DbOrTx, departement: string): Promise<Territory> {
  const communes = await db.selectFrom("communes").select(["code", "name", "epci_code"]).where("departement", "=", departement).orderBy("name").execute();
  const epciCodes = [...new Set(communes.flatMap((c) => (c.epci_code ? [c.epci_code] : [])))];
  const epcis = epciCodes.length > 0 ? await db.selectFrom("epcis").select(["code", "name"]).where("code", "in", epciCodes).orderBy("name").execute() : [];
  return { communes: communes.map((c) => ({ code: c.code, name: c.name, epciCode: c.epci_code })), epcis };
}

export async function slugTaken(db: DbOrTx, slug: string): Promise<boolean> {
  return (await db.selectFrom("structures").select("id").where("slug", "=", slug).executeTakeFirst()) !== undefined;
}

/** Words of the directory's own addresses (/partenaires/import, /partenaires/nouveau): never a partner's slug. */
const RESERVED_SLUGS = new Set(["import", "nouveau", "export"]);

/** A free slug from the name: « caf-de-lot-et-garonne », then « …-2 », « …-3 »… */
export async function freePartnerSlug(db: DbOrTx, name: string): Promise<string> {
  const base = slugify(name) || "partenaire";
  for (let i = 1; ; i++) {
    const slug = i === 1 && !RESERVED_SLUGS.has(base) ? base : `${base}-${Math.max(i, 2)}`;
    if (!(await slugTaken(db, slug))) return slug;
  }
}

/** The structure other than `exceptId` that holds this SIRET (unique in the database), if any. */
export async function siretHolder(db: DbOrTx, siret: string, exceptId: string | null): Promise<{ name: string } | undefined> {
  let query = db.selectFrom("structures").select("name").where("siret", "=", siret);
  if (exceptId) query = query.where("id", "<>", exceptId);
  return query.executeTakeFirst();
}

export async function findStructureBySiret(db: DbOrTx, siret: string) {
  return db.selectFrom("structures").select(["id", "kind", "name"]).where("siret", "=", siret).executeTakeFirst();
}

async function replaceCoverage(db: DbOrTx, structureId: string, coverage: Coverage): Promise<void> {
  await db.deleteFrom("partner_coverage").where("structure_id", "=", structureId).execute();
  const rows = [
    ...coverage.communes.map((code) => ({ structure_id: structureId, commune_code: code, epci_code: null })),
    ...coverage.epcis.map((code) => ({ structure_id: structureId, commune_code: null, epci_code: code })),
  ];
  if (rows.length > 0) await db.insertInto("partner_coverage").values(rows).execute();
}

function profileColumns(profile: Profile) {
  return {
    typology: profile.typology,
    address: profile.address,
    postcode: profile.postcode,
    phone: profile.phone,
    email: profile.email,
    website: profile.website,
    description: profile.description,
    publics: profile.publics,
    covers_departement: profile.coverage.departement,
  };
}

export async function insertPartner(db: DbOrTx, slug: string, profile: Profile, extra: { dataInclusionId: string | null; isDemo?: boolean; now: Date }): Promise<string> {
  const structure = await db
    .insertInto("structures")
    .values({ slug, name: profile.name, kind: "partner", siret: profile.siret, commune_code: profile.communeCode, epci_code: null, is_demo: extra.isDemo ?? false, created_at: extra.now, updated_at: extra.now })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("partner_profiles")
    .values({ structure_id: structure.id, ...profileColumns(profile), data_inclusion_id: extra.dataInclusionId, created_at: extra.now, updated_at: extra.now })
    .execute();
  await replaceCoverage(db, structure.id, profile.coverage);
  return structure.id;
}

/** Writes the profile of an existing partner structure (creating the profile row the first time). */
export async function updatePartner(db: DbOrTx, structureId: string, profile: Profile, extra: { dataInclusionId?: string | null; coverage: boolean; now: Date }): Promise<void> {
  await db.updateTable("structures").set({ name: profile.name, siret: profile.siret, commune_code: profile.communeCode, updated_at: extra.now }).where("id", "=", structureId).execute();
  const columns = { ...profileColumns(profile), ...(extra.dataInclusionId !== undefined ? { data_inclusion_id: extra.dataInclusionId } : {}), updated_at: extra.now };
  await db
    .insertInto("partner_profiles")
    .values({ structure_id: structureId, ...columns, created_at: extra.now })
    .onConflict((oc) => oc.column("structure_id").doUpdateSet(extra.coverage ? columns : { ...columns, covers_departement: sql`partner_profiles.covers_departement` }))
    .execute();
  if (extra.coverage) await replaceCoverage(db, structureId, profile.coverage);
}

export async function archivePartner(db: DbOrTx, structureId: string, now: Date): Promise<void> {
  await db.updateTable("partner_profiles").set({ archived_at: now, updated_at: now }).where("structure_id", "=", structureId).execute();
}

export async function insertService(db: DbOrTx, structureId: string, service: Service, extra: { dataInclusionId: string | null; now: Date }): Promise<string> {
  const row = await db
    .insertInto("partner_services")
    .values({
      structure_id: structureId,
      data_inclusion_id: extra.dataInclusionId,
      name: service.name,
      thematiques: service.thematiques,
      description: service.description,
      reception_modes: service.receptionModes,
      how_to_refer: service.howToRefer,
      publics: service.publics,
      created_at: extra.now,
      updated_at: extra.now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateService(db: DbOrTx, serviceId: string, service: Service, now: Date): Promise<void> {
  await db
    .updateTable("partner_services")
    .set({
      name: service.name,
      thematiques: service.thematiques,
      description: service.description,
      reception_modes: service.receptionModes,
      how_to_refer: service.howToRefer,
      publics: service.publics,
      updated_at: now,
    })
    .where("id", "=", serviceId)
    .execute();
}

export async function archiveService(db: DbOrTx, serviceId: string, now: Date): Promise<void> {
  await db.updateTable("partner_services").set({ archived_at: now, updated_at: now }).where("id", "=", serviceId).execute();
}

export interface PartnerTarget {
  id: string;
  slug: string;
  name: string;
  typology: string;
  /** True when the partner's coverage zone includes the commune. */
  covers: boolean;
}

/**
 * Partner structures a person of this commune can be referred to: not archived, those whose coverage includes
 * the commune first, then the others, each group by name. Without a commune, every partner by name.
 */
export async function partnerTargetsFor(db: DbOrTx, options: { communeCode: string | null }): Promise<PartnerTarget[]> {
  const code = options.communeCode;
  const rows = await db
    .selectFrom("structures")
    .leftJoin("partner_profiles", "partner_profiles.structure_id", "structures.id")
    .where("structures.kind", "=", "partner")
    .where("partner_profiles.archived_at", "is", null)
    .select((eb) => [
      "structures.id",
      "structures.slug",
      "structures.name",
      sql<string>`coalesce(partner_profiles.typology, 'Autre')`.as("typology"),
      code ? coversExpression(eb, code).as("covers") : sql<boolean>`false`.as("covers"),
    ])
    .execute();
  return rows
    .map((r) => ({ ...r, covers: Boolean(r.covers) }))
    .sort((a, b) => Number(b.covers) - Number(a.covers) || a.name.localeCompare(b.name, "fr") || a.id.localeCompare(b.id));
}
