// Pure: the columnar in-memory copy of the non-deleted activity reports and their known participants,
// one chunk per rollup partition (month, report's structure snapshot, type) so that a partition whose
// version moved is replaced whole. Columns are typed arrays of dictionary ids (-1 for null), days since
// 1970-01-01, and bit masks for the closed multi-valued taxonomies: no object per report.
import type { ActivityParticipantRow } from "../activities/activities.table.ts";
import { NOT_COMMUNICATED } from "./stats-figures.ts";

/** Strings ↔ dense ids; ids only grow (a chunk reloaded keeps using the same ids). */
export class Dictionary {
  readonly values: string[] = [];
  private readonly ids = new Map<string, number>();

  id(value: string | null): number {
    if (value === null) return -1;
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.ids.set(value, id);
    }
    return id;
  }

  /** The id of a value already seen, -2 (matches nothing, not even null) otherwise. */
  find(value: string): number {
    return this.ids.get(value) ?? -2;
  }

  valueOf(id: number): string | null {
    return id < 0 ? null : (this.values[id] as string);
  }
}

/** The profile dimensions of the anonymous breakdowns, in this order (the jsonb keys). */
export const ANONYMOUS_DIMENSIONS = [
  ["gender", "genders"],
  ["ageBand", "ageBands"],
  ["socialStatus", "socialStatuses"],
] as const;

export interface ReportRow {
  id: string;
  month: string;
  structure_id: string;
  type: string;
  day: number;
  duration: number;
  place_type: string;
  place_id: string | null;
  commune_code: string | null;
  autonomy: string | null;
  oriented: boolean | null;
  advisor_id: string;
  beneficiary_id: string | null;
  gender: string | null;
  age_band: string | null;
  social_status: string | null;
  residence: string | null;
  themes: string[];
  procedure_areas: string[];
  equipment: string[];
  anonymous_total: number;
  participants_total: number;
  anonymous_participants: unknown;
}

/** A known participant as stored (the copy keeps every column of activity_participants). */
export type ParticipantRow = ActivityParticipantRow;

/** One partition's reports (`n` rows) and their known participants (rows `partStart[i]` to `partStart[i + 1]`). */
export interface Chunk {
  key: string;
  /** Months since year 0 (year × 12 + month − 1). */
  month: number;
  structure: number;
  collective: boolean;
  n: number;
  day: Int32Array;
  duration: Int32Array;
  placeType: Int32Array;
  place: Int32Array;
  commune: Int32Array;
  autonomy: Int32Array;
  /** -1 null, 0 false, 1 true. */
  oriented: Int8Array;
  advisor: Int32Array;
  beneficiary: Int32Array;
  gender: Int32Array;
  ageBand: Int32Array;
  socialStatus: Int32Array;
  residence: Int32Array;
  themes: Int32Array;
  procedureAreas: Int32Array;
  equipment: Int32Array;
  anonymousTotal: Int32Array;
  participantsTotal: Int32Array;
  /** Anonymous breakdown entries other than « non communiqué »: dimension index, code id, count. */
  anonStart: Int32Array;
  anonDim: Uint8Array;
  anonCode: Int32Array;
  anonCount: Int32Array;
  partStart: Int32Array;
  pBeneficiary: Int32Array;
  pGender: Int32Array;
  pAgeBand: Int32Array;
  pSocialStatus: Int32Array;
  pCommune: Int32Array;
}

export const partitionKey = (month: string, structureId: string, type: string) => `${month}|${structureId}|${type}`;

export function monthNumber(isoDay: string): number {
  return Number(isoDay.slice(0, 4)) * 12 + Number(isoDay.slice(5, 7)) - 1;
}

export class ReportStore {
  /** Small closed codes: place types, autonomy, genders, age bands, social statuses. */
  readonly codes = new Dictionary();
  readonly places = new Dictionary();
  readonly advisors = new Dictionary();
  readonly structures = new Dictionary();
  readonly communes = new Dictionary();
  readonly beneficiaries = new Dictionary();
  readonly themes = new Dictionary();
  readonly procedureAreas = new Dictionary();
  readonly equipment = new Dictionary();
  readonly chunks = new Map<string, Chunk>();
  /** Why the copy cannot answer exactly (more than 31 values of a multi-valued taxonomy, a value twice in one report), or null. */
  unsupported: string | null = null;
  /** Each person's first accompaniment day over every report held (days since 1970-01-01), after `refreshFirstDays`. */
  firstDay = new Int32Array(0);
  readonly notCommunicated: number;

  constructor() {
    this.notCommunicated = this.codes.id(NOT_COMMUNICATED.code);
  }

  /** Replaces the chunks of `keys` by the rows given (partitions left without a report disappear). */
  replace(keys: Iterable<string>, reports: ReportRow[], participants: ParticipantRow[]): void {
    for (const key of keys) this.chunks.delete(key);
    const byPartition = new Map<string, ReportRow[]>();
    for (const row of reports) {
      const key = partitionKey(row.month, row.structure_id, row.type);
      const list = byPartition.get(key);
      if (list === undefined) byPartition.set(key, [row]);
      else list.push(row);
    }
    const byReport = new Map<string, ParticipantRow[]>();
    for (const p of participants) {
      const list = byReport.get(p.report_id);
      if (list === undefined) byReport.set(p.report_id, [p]);
      else list.push(p);
    }
    for (const [key, rows] of byPartition) this.chunks.set(key, this.chunkOf(key, rows, byReport));
  }

  bytes(): number {
    let total = this.firstDay.byteLength;
    for (const chunk of this.chunks.values()) {
      for (const value of Object.values(chunk)) if (ArrayBuffer.isView(value)) total += value.byteLength;
    }
    return total;
  }

  reports(): number {
    let n = 0;
    for (const chunk of this.chunks.values()) n += chunk.n;
    return n;
  }

  /** Every person's first day, from every report and participation held (all non-deleted reports). */
  refreshFirstDays(): void {
    const first = new Int32Array(this.beneficiaries.values.length).fill(0x7fffffff);
    for (const c of this.chunks.values()) {
      for (let i = 0; i < c.n; i++) {
        const b = c.beneficiary[i] as number;
        if (b >= 0 && (c.day[i] as number) < (first[b] as number)) first[b] = c.day[i] as number;
        for (let p = c.partStart[i] as number; p < (c.partStart[i + 1] as number); p++) {
          const q = c.pBeneficiary[p] as number;
          if ((c.day[i] as number) < (first[q] as number)) first[q] = c.day[i] as number;
        }
      }
    }
    this.firstDay = first;
  }

  private mask(dictionary: Dictionary, values: string[]): number {
    let mask = 0;
    for (const value of values) {
      const bit = dictionary.id(value);
      if (bit > 30) this.unsupported = "more than 31 values in a multi-valued dimension";
      else if ((mask & (1 << bit)) !== 0) this.unsupported = "a value twice in one report";
      else mask |= 1 << bit;
    }
    return mask;
  }

  private chunkOf(key: string, rows: ReportRow[], byReport: Map<string, ParticipantRow[]>): Chunk {
    const n = rows.length;
    const first = rows[0] as ReportRow;
    const ints = () => new Int32Array(n);
    const c: Chunk = {
      key,
      month: monthNumber(first.month),
      structure: this.structures.id(first.structure_id),
      collective: first.type === "collectif",
      n,
      day: ints(),
      duration: ints(),
      placeType: ints(),
      place: ints(),
      commune: ints(),
      autonomy: ints(),
      oriented: new Int8Array(n),
      advisor: ints(),
      beneficiary: ints(),
      gender: ints(),
      ageBand: ints(),
      socialStatus: ints(),
      residence: ints(),
      themes: ints(),
      procedureAreas: ints(),
      equipment: ints(),
      anonymousTotal: ints(),
      participantsTotal: ints(),
      anonStart: new Int32Array(n + 1),
      anonDim: new Uint8Array(0),
      anonCode: new Int32Array(0),
      anonCount: new Int32Array(0),
      partStart: new Int32Array(n + 1),
      pBeneficiary: new Int32Array(0),
      pGender: new Int32Array(0),
      pAgeBand: new Int32Array(0),
      pSocialStatus: new Int32Array(0),
      pCommune: new Int32Array(0),
    };
    const anon: [number, number, number][] = [];
    const known: ParticipantRow[] = [];
    rows.forEach((r, i) => {
      c.day[i] = r.day;
      c.duration[i] = r.duration;
      c.placeType[i] = this.codes.id(r.place_type);
      c.place[i] = this.places.id(r.place_id);
      c.commune[i] = this.communes.id(r.commune_code);
      c.autonomy[i] = this.codes.id(r.autonomy);
      c.oriented[i] = r.oriented === null ? -1 : r.oriented ? 1 : 0;
      c.advisor[i] = this.advisors.id(r.advisor_id);
      c.beneficiary[i] = this.beneficiaries.id(r.beneficiary_id);
      c.gender[i] = this.codes.id(r.gender);
      c.ageBand[i] = this.codes.id(r.age_band);
      c.socialStatus[i] = this.codes.id(r.social_status);
      c.residence[i] = this.communes.id(r.residence);
      c.themes[i] = this.mask(this.themes, r.themes);
      c.procedureAreas[i] = this.mask(this.procedureAreas, r.procedure_areas);
      c.equipment[i] = this.mask(this.equipment, r.equipment);
      c.anonymousTotal[i] = r.anonymous_total;
      c.participantsTotal[i] = r.participants_total;
      const breakdown = (typeof r.anonymous_participants === "string" ? JSON.parse(r.anonymous_participants) : r.anonymous_participants) as Record<string, Record<string, unknown>> | null;
      ANONYMOUS_DIMENSIONS.forEach(([, jsonKey], d) => {
        for (const [code, count] of Object.entries(breakdown?.[jsonKey] ?? {})) {
          if (code !== NOT_COMMUNICATED.code) anon.push([d, this.codes.id(code), Number(count)]);
        }
      });
      c.anonStart[i + 1] = anon.length;
      for (const p of byReport.get(r.id) ?? []) known.push(p);
      c.partStart[i + 1] = known.length;
    });
    c.anonDim = Uint8Array.from(anon, (a) => a[0]);
    c.anonCode = Int32Array.from(anon, (a) => a[1]);
    c.anonCount = Int32Array.from(anon, (a) => a[2]);
    c.pBeneficiary = Int32Array.from(known, (p) => this.beneficiaries.id(p.beneficiary_id));
    c.pGender = Int32Array.from(known, (p) => this.codes.id(p.gender));
    c.pAgeBand = Int32Array.from(known, (p) => this.codes.id(p.age_band));
    c.pSocialStatus = Int32Array.from(known, (p) => this.codes.id(p.social_status));
    c.pCommune = Int32Array.from(known, (p) => this.communes.id(p.commune_code));
    return c;
  }
}
