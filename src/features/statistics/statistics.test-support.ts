// Test data of the statistics: a structure and advisor of their own, and reports inserted straight
// into the table with the fewest fields each kind needs, so tests never depend on each other's data.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import type { Db, DbOrTx } from "../../db/schema.ts";
import { eraseBeneficiary } from "../beneficiaries/beneficiary-erasure.repository.ts";
import { mergeBeneficiaries } from "../beneficiaries/beneficiary-privacy.repository.ts";
import { insertAdvisor, insertStructure } from "../organisation/organisation.repository.ts";
import type { StructureKind } from "../organisation/organisation.ts";
import type { StatsFilters } from "./statistics.ts";
import { EMPTY_FILTERS } from "./stats-query.ts";

export interface TestAdvisor {
  id: string;
  structure_id: string;
}

export async function ownAdvisor(db: DbOrTx, kind: StructureKind = "association"): Promise<TestAdvisor> {
  const suffix = randomUUID().slice(0, 8);
  const structureId = await insertStructure(db, { slug: `stats-${suffix}`, name: `Structure ${suffix}`, kind, siret: null, commune_code: "47001", epci_code: null });
  const id = await insertAdvisor(db, { structure_id: structureId, first_name: "Camille", last_name: `Test ${suffix}`, user_id: null, email: null, phone: null });
  return { id, structure_id: structureId };
}

export async function insertPerson(db: DbOrTx, owner: TestAdvisor): Promise<string> {
  const row = await db
    .insertInto("beneficiaries")
    .values({ advisor_id: owner.id, structure_id: owner.structure_id, first_name: "Test", last_name: "Personne", search_name: "test personne", consent_at: new Date(), consent_method: "oral" })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface Participant {
  id: string;
  gender?: string;
  ageBand?: string;
  socialStatus?: string;
  commune?: string | null;
}

export interface StatsReportSpec {
  date: string;
  type?: "individuel" | "collectif";
  themes?: string[];
  duration?: number;
  placeType?: "domicile" | "a-distance";
  communeCode?: string | null;
  beneficiaryId?: string | null;
  gender?: string;
  ageBand?: string;
  socialStatus?: string;
  residence?: string | null;
  participants?: Participant[];
  anonymous?: { total: number; genders?: Record<string, number>; ageBands?: Record<string, number>; socialStatuses?: Record<string, number> };
  deleted?: boolean;
}

export async function insertReport(db: DbOrTx, advisor: TestAdvisor, spec: StatsReportSpec): Promise<string> {
  const individual = (spec.type ?? "individuel") === "individuel";
  const known = spec.participants ?? [];
  const anonymous = individual ? 0 : (spec.anonymous?.total ?? 0);
  const placeType = spec.placeType ?? "domicile";
  const row = await db
    .insertInto("activity_reports")
    .values({
      advisor_id: advisor.id,
      structure_id: advisor.structure_id,
      type: individual ? "individuel" : "collectif",
      date: spec.date,
      place_type: placeType,
      commune_code: placeType === "a-distance" ? null : (spec.communeCode ?? "47001"),
      duration_minutes: spec.duration ?? 45,
      equipment: ["ordinateur"],
      themes: spec.themes ?? ["e-mail"],
      autonomy: individual ? "autonome" : null,
      oriented: individual ? false : null,
      beneficiary_id: individual ? (spec.beneficiaryId ?? null) : null,
      beneficiary_gender: individual ? (spec.gender ?? "feminin") : null,
      beneficiary_age_band: individual ? (spec.ageBand ?? "60-69") : null,
      beneficiary_social_status: individual ? (spec.socialStatus ?? "retraite") : null,
      beneficiary_commune_code: individual ? (spec.residence ?? null) : null,
      title: individual ? null : "Atelier",
      level: individual ? null : "debutant",
      anonymous_participants: individual
        ? null
        : JSON.stringify({ genders: spec.anonymous?.genders ?? {}, ageBands: spec.anonymous?.ageBands ?? {}, socialStatuses: spec.anonymous?.socialStatuses ?? {} }),
      anonymous_total: anonymous,
      participants_total: individual ? 1 : anonymous + known.length,
      deleted_at: spec.deleted ? new Date() : null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const p of known) {
    await db
      .insertInto("activity_participants")
      .values({
        report_id: row.id,
        beneficiary_id: p.id,
        gender: p.gender ?? "masculin",
        age_band: p.ageBand ?? "40-59",
        social_status: p.socialStatus ?? "en-emploi",
        commune_code: p.commune ?? null,
      })
      .execute();
  }
  return row.id;
}

export function period(from: string, to: string, more: Partial<StatsFilters> = {}): StatsFilters {
  return { from, to, ...EMPTY_FILTERS, ...more };
}

/** The first demo report (by id) of this type in this month meeting the SQL condition `more` on activity_reports. */
export async function demoReport(db: DbOrTx, type: "individuel" | "collectif", month: string, more = "true") {
  const found = await sql<{ id: string; structure_id: string; beneficiary_id: string | null }>`
    select id, structure_id, beneficiary_id from activity_reports
    where deleted_at is null and type = ${type} and date >= ${month}::date and date < ${month}::date + interval '1 month' and ${sql.raw(more)}
    order by id limit 1`.execute(db);
  assert.ok(found.rows[0], `a demo ${type} report in ${month}`);
  return found.rows[0];
}

/** Erases the person of a January individual report, then merges two demo people with individual and workshop accompaniments. */
export async function eraseOneAndMergeTwo(db: Db, userId: string): Promise<void> {
  const erased = await demoReport(db, "individuel", "2026-01-01", "beneficiary_id is not null");
  await db.transaction().execute((trx) => eraseBeneficiary(trx, erased.beneficiary_id as string, "demande", new Date()));
  const people = await sql<{ id: string }>`
    select b.id from beneficiaries b where b.erased_at is null and b.merged_into_id is null
      and exists (select 1 from activity_participants p where p.beneficiary_id = b.id)
      and exists (select 1 from activity_reports r where r.beneficiary_id = b.id and r.deleted_at is null)
    order by b.id limit 2`.execute(db);
  assert.equal(people.rows.length, 2, "two demo people with individual and workshop accompaniments");
  await mergeBeneficiaries(db, people.rows[0]!.id, people.rows[1]!.id, userId, new Date());
}
