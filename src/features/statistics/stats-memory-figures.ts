// Pure: the figures of a period and filters computed by one scan of the in-memory copy of the reports,
// exactly what baseFigures (statistics-queries.repository.ts) returns from the base tables for the same
// filters and granularity — the same counted reports and matching accompaniments (countedReports), main
// cells, multi-valued cells, collective profile cells (anonymous participants one dimension at a time,
// anonymousFilter) and people — so that shaping and labels stay shared.
import type { Granularity, StatsFilters } from "./statistics.ts";
import { anonymousFilter, hasProfileFilter } from "./statistics-filters.repository.ts";
import { cellsOf, GROUPED, type GroupedTarget, type MainCell } from "./statistics-queries.repository.ts";
import type { DimRow, RawFigures } from "./statistics-shape.ts";
import { DURATION_BANDS } from "./stats-figures.ts";
import { ANONYMOUS_DIMENSIONS, type Chunk, type Dictionary, monthNumber, type ReportStore } from "./stats-memory-store.ts";

/** What the database says at read time: structures of the employer kind, communes of the EPCI (null: no such filter). */
export interface ReadTimeScope {
  structureIds: string[] | null;
  communeCodes: string[] | null;
}

const DAY_MS = 86_400_000;
export const dayNumber = (isoDay: string) => Date.parse(`${isoDay}T00:00:00Z`) / DAY_MS;
const isoOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
/** Monday of the day's week (1970-01-01 was a Thursday). */
const mondayOf = (day: number) => day - ((((day + 3) % 7) + 7) % 7);

const MEASURES = 8; // activities, acc, minutes, ind, ind_minutes, coll_acc, ind_anon, coll_anon
const BAND_LIMITS = DURATION_BANDS.map((b) => b.max);

/** A filter on a dictionary column: -1 no filter, else the id to equal (-2: a value never seen, matches nothing). */
const idFilter = (dictionary: Dictionary, value: string | null) => (value === null ? -1 : dictionary.find(value));
/** A filter on a bit mask: 0 no filter, -1 matches nothing. */
function bitFilter(dictionary: Dictionary, value: string | null): number {
  if (value === null) return 0;
  const id = dictionary.find(value);
  return id < 0 || id > 30 ? -1 : 1 << id;
}

function bandOf(minutes: number): number {
  for (let b = 0; b < BAND_LIMITS.length; b++) if (minutes <= (BAND_LIMITS[b] as number)) return b;
  return BAND_LIMITS.length - 1;
}

/** The period's buckets, numbered from 0: the bucket of a day, and the first day of each. */
function buckets(f: StatsFilters, granularity: Granularity) {
  const from = dayNumber(f.from);
  if (granularity === "jour") return { of: (day: number) => day - from, start: (b: number) => isoOf(from + b) };
  if (granularity === "semaine") {
    const first = mondayOf(from);
    return { of: (day: number) => (mondayOf(day) - first) / 7, start: (b: number) => isoOf(first + 7 * b) };
  }
  const firstMonth = monthNumber(f.from);
  return {
    of: (_day: number, chunkMonth: number) => chunkMonth - firstMonth,
    start: (b: number) => {
      const m = firstMonth + b;
      return `${String(Math.floor(m / 12)).padStart(4, "0")}-${String((m % 12) + 1).padStart(2, "0")}-01`;
    },
  };
}

/** Per-code sums of the 8 main measures, index 0 for null. */
class Sums {
  values: Float64Array;
  constructor(size: number) {
    this.values = new Float64Array((size + 1) * MEASURES);
  }
}

export function memoryFigures(store: ReportStore, f: StatsFilters, granularity: Granularity, scope: ReadTimeScope): RawFigures {
  const from = dayNumber(f.from);
  const to = dayNumber(f.to);
  const firstMonth = monthNumber(f.from);
  const lastMonth = monthNumber(f.to);
  const bucket = buckets(f, granularity);
  const bucketCount = bucket.of(to, lastMonth) + 1;

  const advisor = idFilter(store.advisors, f.advisorId);
  const structure = idFilter(store.structures, f.structureId);
  const commune = idFilter(store.communes, f.communeCode);
  const placeType = idFilter(store.codes, f.placeType);
  const place = idFilter(store.places, f.placeId);
  const theme = bitFilter(store.themes, f.theme);
  const procedureArea = bitFilter(store.procedureAreas, f.procedureArea);
  const kindStructures = scope.structureIds === null ? null : new Set(scope.structureIds.map((id) => store.structures.find(id)));
  const epciCommunes = scope.communeCodes === null ? null : new Set(scope.communeCodes.map((code) => store.communes.find(code)));
  const gender = idFilter(store.codes, f.gender);
  const ageBand = idFilter(store.codes, f.ageBand);
  const socialStatus = idFilter(store.codes, f.socialStatus);
  const residence = idFilter(store.communes, f.residenceCommuneCode);
  const profile = hasProfileFilter(f);
  const which = anonymousFilter(f);
  const anonDim = typeof which === "object" ? ANONYMOUS_DIMENSIONS.findIndex(([d]) => d === which.dimension) : -1;
  const anonCode = typeof which === "object" ? store.codes.find(which.code) : -2;
  const nc = store.notCommunicated;

  const matches = (g: number, a: number, s: number, c: number) =>
    (gender === -1 || g === gender) && (ageBand === -1 || a === ageBand) && (socialStatus === -1 || s === socialStatus) && (residence === -1 || c === residence);

  /** Matching anonymous participants of collective report `i` (anonymousMatched). */
  const anonymousMatched = (c: Chunk, i: number): number => {
    if (which === "all") return c.anonymousTotal[i] as number;
    if (which === "none") return 0;
    let count = 0;
    let named = 0;
    for (let e = c.anonStart[i] as number; e < (c.anonStart[i + 1] as number); e++) {
      if (c.anonDim[e] !== anonDim) continue;
      named += c.anonCount[e] as number;
      if (c.anonCode[e] === anonCode) count += c.anonCount[e] as number;
    }
    return anonCode === nc ? (c.anonymousTotal[i] as number) - named : count;
  };

  const codesSize = store.codes.values.length;
  const communesSize = store.communes.values.length;
  const sizes: Record<GroupedTarget, number> = {
    type: 2,
    durationBand: BAND_LIMITS.length,
    placeType: codesSize,
    place: store.places.values.length,
    autonomy: codesSize,
    orientation: 2,
    employerKind: store.structures.values.length,
    advisor: store.advisors.values.length,
    series: bucketCount,
    gender: codesSize,
    ageBand: codesSize,
    socialStatus: codesSize,
    residenceCommune: communesSize,
  };
  const targets = GROUPED.map(([, target]) => target);
  const sums = targets.map((t) => new Sums(sizes[t]).values);
  const total = new Float64Array(MEASURES);
  const multiDictionaries = [store.themes, store.procedureAreas, store.equipment] as const;
  const multi = multiDictionaries.map(() => new Float64Array(31 * 3));
  // Collective profiles: per dimension (gender, age band, social status, residence commune), per code + 1.
  const profileSizes = [codesSize, codesSize, codesSize, communesSize];
  const collective = profileSizes.map((size) => new Float64Array((size + 1) * 3));
  const seen = new Uint8Array(store.beneficiaries.values.length);
  let people = 0;
  let newPeople = 0;
  const count = (b: number) => {
    if (seen[b] === 1) return;
    seen[b] = 1;
    people++;
    if ((store.firstDay[b] as number) >= from) newPeople++;
  };
  // One report's collective profile values before they are summed by (dimension, code): few entries each.
  const uDim: number[] = [];
  const uCode: number[] = [];
  const uN: number[] = [];
  const push = (d: number, code: number, n: number) => {
    for (let k = 0; k < uDim.length; k++) {
      if (uDim[k] === d && uCode[k] === code) {
        uN[k] = (uN[k] as number) + n;
        return;
      }
    }
    uDim.push(d);
    uCode.push(code);
    uN.push(n);
  };

  const codes = new Int32Array(targets.length);
  for (const c of store.chunks.values()) {
    if (c.month < firstMonth || c.month > lastMonth) continue;
    if (structure !== -1 && c.structure !== structure) continue;
    if (kindStructures !== null && !kindStructures.has(c.structure)) continue;
    if (f.type !== null && (f.type === "collectif") !== c.collective) continue;
    const collectiveChunk = c.collective;
    for (let i = 0; i < c.n; i++) {
      const day = c.day[i] as number;
      if (day < from || day > to) continue;
      if (advisor !== -1 && c.advisor[i] !== advisor) continue;
      if (commune !== -1 && c.commune[i] !== commune) continue;
      if (epciCommunes !== null && !epciCommunes.has(c.commune[i] as number)) continue;
      if (placeType !== -1 && c.placeType[i] !== placeType) continue;
      if (place !== -1 && c.place[i] !== place) continue;
      if (theme !== 0 && (theme === -1 || ((c.themes[i] as number) & theme) === 0)) continue;
      if (procedureArea !== 0 && (procedureArea === -1 || ((c.procedureAreas[i] as number) & procedureArea) === 0)) continue;
      const p0 = c.partStart[i] as number;
      const p1 = c.partStart[i + 1] as number;
      let acc: number;
      const anon = collectiveChunk ? anonymousMatched(c, i) : 0;
      if (!profile) acc = c.participantsTotal[i] as number;
      else if (!collectiveChunk) acc = matches(c.gender[i] as number, c.ageBand[i] as number, c.socialStatus[i] as number, c.residence[i] as number) ? 1 : 0;
      else {
        acc = anon;
        for (let p = p0; p < p1; p++) if (matches(c.pGender[p] as number, c.pAgeBand[p] as number, c.pSocialStatus[p] as number, c.pCommune[p] as number)) acc++;
      }
      if (profile && acc <= 0) continue;
      const minutes = c.duration[i] as number;
      // Main cells: every grouped column's code (index 0 = null).
      codes[0] = collectiveChunk ? 1 : 0;
      codes[1] = bandOf(minutes);
      codes[2] = (c.placeType[i] as number) + 1;
      codes[3] = (c.place[i] as number) + 1;
      codes[4] = (c.autonomy[i] as number) + 1;
      codes[5] = (c.oriented[i] as number) + 1;
      codes[6] = c.structure + 1;
      codes[7] = (c.advisor[i] as number) + 1;
      codes[8] = bucket.of(day, c.month);
      codes[9] = (c.gender[i] as number) + 1;
      codes[10] = (c.ageBand[i] as number) + 1;
      codes[11] = (c.socialStatus[i] as number) + 1;
      codes[12] = (c.residence[i] as number) + 1;
      const ind = collectiveChunk ? 0 : 1;
      const indAnon = !collectiveChunk && (c.beneficiary[i] as number) < 0 ? 1 : 0;
      addMeasures(total, 0, acc, minutes, ind, collectiveChunk ? acc : 0, indAnon, anon);
      for (let t = 0; t < targets.length; t++) addMeasures(sums[t] as Float64Array, (codes[t] as number) * MEASURES, acc, minutes, ind, collectiveChunk ? acc : 0, indAnon, anon);
      // Multi-valued cells.
      const masks = [c.themes[i] as number, c.procedureAreas[i] as number, c.equipment[i] as number];
      for (let d = 0; d < 3; d++) {
        let mask = masks[d] as number;
        const into = multi[d] as Float64Array;
        while (mask !== 0) {
          const bit = 31 - Math.clz32(mask & -mask);
          mask &= mask - 1;
          into[bit * 3] = (into[bit * 3] as number) + 1;
          into[bit * 3 + 1] = (into[bit * 3 + 1] as number) + acc;
          into[bit * 3 + 2] = (into[bit * 3 + 2] as number) + minutes;
        }
      }
      // People.
      if (!collectiveChunk) {
        if ((c.beneficiary[i] as number) >= 0) count(c.beneficiary[i] as number);
        continue;
      }
      uDim.length = 0;
      uCode.length = 0;
      uN.length = 0;
      for (let p = p0; p < p1; p++) {
        const [g, a, s, r] = [c.pGender[p] as number, c.pAgeBand[p] as number, c.pSocialStatus[p] as number, c.pCommune[p] as number];
        if (!matches(g, a, s, r)) continue;
        count(c.pBeneficiary[p] as number);
        push(0, g, 1);
        push(1, a, 1);
        push(2, s, 1);
        push(3, r, 1);
      }
      anonymousProfiles(c, i, anon);
      for (let k = 0; k < uDim.length; k++) {
        const n = uN[k] as number;
        if (n <= 0) continue;
        const into = collective[uDim[k] as number] as Float64Array;
        const at = ((uCode[k] as number) + 1) * 3;
        into[at] = (into[at] as number) + 1;
        into[at + 1] = (into[at + 1] as number) + n;
        into[at + 2] = (into[at + 2] as number) + minutes;
      }
    }
  }

  /** The anonymous rows of collective report `i` (anonymousRows): one dimension at a time, no commune. */
  function anonymousProfiles(c: Chunk, i: number, anon: number): void {
    if (which === "none") return;
    if (which !== "all") {
      if (anon <= 0) return;
      for (let d = 0; d < ANONYMOUS_DIMENSIONS.length; d++) push(d, d === anonDim ? anonCode : nc, anon);
      push(3, -1, anon);
      return;
    }
    const totalAnon = c.anonymousTotal[i] as number;
    if (totalAnon <= 0) return;
    for (let d = 0; d < ANONYMOUS_DIMENSIONS.length; d++) {
      let named = 0;
      for (let e = c.anonStart[i] as number; e < (c.anonStart[i + 1] as number); e++) {
        if (c.anonDim[e] !== d) continue;
        named += c.anonCount[e] as number;
        push(d, c.anonCode[e] as number, c.anonCount[e] as number);
      }
      push(d, nc, totalAnon - named);
    }
    push(3, -1, totalAnon);
  }

  const keyOf: Record<GroupedTarget, (index: number) => string | null> = {
    type: (x) => (x === 1 ? "collectif" : "individuel"),
    durationBand: (x) => (DURATION_BANDS[x] as { code: string }).code,
    placeType: (x) => store.codes.valueOf(x - 1),
    place: (x) => store.places.valueOf(x - 1),
    autonomy: (x) => store.codes.valueOf(x - 1),
    orientation: (x) => (x === 0 ? null : x === 2 ? "true" : "false"),
    employerKind: (x) => store.structures.valueOf(x - 1),
    advisor: (x) => store.advisors.valueOf(x - 1),
    series: (x) => bucket.start(x),
    gender: (x) => store.codes.valueOf(x - 1),
    ageBand: (x) => store.codes.valueOf(x - 1),
    socialStatus: (x) => store.codes.valueOf(x - 1),
    residenceCommune: (x) => store.communes.valueOf(x - 1),
  };
  const rows: MainCell[] = [cellOf(null, null, total, 0)];
  targets.forEach((target, t) => {
    const values = sums[t] as Float64Array;
    for (let x = 0; x * MEASURES < values.length; x++) if ((values[x * MEASURES] as number) > 0) rows.push(cellOf(target, keyOf[target](x), values, x * MEASURES));
  });
  const multiRows: DimRow[] = [];
  (["theme", "procedureArea", "equipment"] as const).forEach((dim, d) => {
    const values = multi[d] as Float64Array;
    for (let bit = 0; bit < 31; bit++) {
      const activities = values[bit * 3] as number;
      if (activities > 0) multiRows.push({ dim, code: (multiDictionaries[d] as Dictionary).valueOf(bit), activities, acc: values[bit * 3 + 1] as number, minutes: values[bit * 3 + 2] as number });
    }
  });
  const collectiveRows: DimRow[] = [];
  (["gender", "ageBand", "socialStatus", "residenceCommune"] as const).forEach((dim, d) => {
    const values = collective[d] as Float64Array;
    const dictionary = d === 3 ? store.communes : store.codes;
    for (let x = 0; x * 3 < values.length; x++) {
      const activities = values[x * 3] as number;
      if (activities > 0) collectiveRows.push({ dim, code: dictionary.valueOf(x - 1), activities, acc: values[x * 3 + 1] as number, minutes: values[x * 3 + 2] as number });
    }
  });
  return { ...cellsOf(rows), multi: multiRows, collective: collectiveRows, people: { people, newPeople } };
}

function addMeasures(into: Float64Array, at: number, acc: number, minutes: number, ind: number, collAcc: number, indAnon: number, anon: number): void {
  into[at] = (into[at] as number) + 1;
  into[at + 1] = (into[at + 1] as number) + acc;
  into[at + 2] = (into[at + 2] as number) + minutes;
  if (ind === 1) {
    into[at + 3] = (into[at + 3] as number) + 1;
    into[at + 4] = (into[at + 4] as number) + minutes;
    into[at + 6] = (into[at + 6] as number) + indAnon;
  } else {
    into[at + 5] = (into[at + 5] as number) + collAcc;
    into[at + 7] = (into[at + 7] as number) + anon;
  }
}

function cellOf(target: GroupedTarget | null, key: string | null, values: Float64Array, at: number): MainCell {
  return {
    target,
    key,
    activities: values[at] as number,
    acc: values[at + 1] as number,
    minutes: values[at + 2] as number,
    ind: values[at + 3] as number,
    ind_minutes: values[at + 4] as number,
    coll_acc: values[at + 5] as number,
    ind_anon: values[at + 6] as number,
    coll_anon: values[at + 7] as number,
  };
}
