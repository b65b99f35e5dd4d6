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

/** Per code: individual reports' count, accompaniments, minutes, reports without a person; collective reports' count, accompaniments, minutes, anonymous participants. */
const MEASURES = 8;
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
  // One array for every target's sums: per code, 4 measures of individual reports (count, accompaniments,
  // minutes, without a person) then 4 of collective ones (count, accompaniments, minutes, anonymous).
  const offsets = new Int32Array(targets.length);
  let length = 0;
  targets.forEach((t, x) => {
    offsets[x] = length;
    length += (sizes[t] + 1) * MEASURES;
  });
  const sums = new Float64Array(length);
  const [oType, oBand, oPlaceType, oPlace, oAutonomy, oOriented, oStructure, oAdvisor, oSeries, oGender, oAge, oSocial, oResidence] = Array.from(offsets);
  const multiDictionaries = [store.themes, store.procedureAreas, store.equipment] as const;
  const multi = new Float64Array(3 * 32 * 3);
  // Collective profiles: per dimension (gender, age band, social status, residence commune), per code + 1.
  const profileSizes = [codesSize, codesSize, codesSize, communesSize];
  const collective = profileSizes.map((size) => new Float64Array((size + 1) * 3));
  const seen = new Uint8Array(store.beneficiaries.values.length);
  const firstDay = store.firstDay;
  let people = 0;
  let newPeople = 0;
  const count = (b: number) => {
    if (seen[b] === 1) return;
    seen[b] = 1;
    people++;
    if ((firstDay[b] as number) >= from) newPeople++;
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
  const byMonth = granularity === "mois";
  const weekly = granularity === "semaine";
  const firstBucketDay = weekly ? mondayOf(from) : from;

  for (const c of store.chunks.values()) {
    if (c.month < firstMonth || c.month > lastMonth) continue;
    if (structure !== -1 && c.structure !== structure) continue;
    if (kindStructures !== null && !kindStructures.has(c.structure)) continue;
    if (f.type !== null && (f.type === "collectif") !== c.collective) continue;
    const collectiveChunk = c.collective;
    const half = collectiveChunk ? 4 : 0;
    const { day: days, duration, advisor: advisors, commune: communes, placeType: placeTypes, place: places, themes, procedureAreas, equipment } = c;
    const { autonomy, oriented, gender: genders, ageBand: ageBands, socialStatus: statuses, residence: residences, beneficiary, partStart } = c;
    const { pGender, pAgeBand, pSocialStatus, pCommune, pBeneficiary, participantsTotal } = c;
    // The chunk's own sums for the columns constant over it (type, structure; month under a monthly series).
    let chunkCount = 0;
    let chunkAcc = 0;
    let chunkMinutes = 0;
    let chunkExtra = 0;
    const structureAt = (oStructure as number) + (c.structure + 1) * MEASURES + half;
    const monthAt = (oSeries as number) + (c.month - firstMonth) * MEASURES + half;
    for (let i = 0; i < c.n; i++) {
      const day = days[i] as number;
      if (day < from || day > to) continue;
      if (advisor !== -1 && advisors[i] !== advisor) continue;
      if (commune !== -1 && communes[i] !== commune) continue;
      if (epciCommunes !== null && !epciCommunes.has(communes[i] as number)) continue;
      if (placeType !== -1 && placeTypes[i] !== placeType) continue;
      if (place !== -1 && places[i] !== place) continue;
      if (theme !== 0 && (theme === -1 || ((themes[i] as number) & theme) === 0)) continue;
      if (procedureArea !== 0 && (procedureArea === -1 || ((procedureAreas[i] as number) & procedureArea) === 0)) continue;
      const p0 = partStart[i] as number;
      const p1 = partStart[i + 1] as number;
      let acc: number;
      const anon = collectiveChunk ? anonymousMatched(c, i) : 0;
      if (!profile) acc = participantsTotal[i] as number;
      else if (!collectiveChunk) acc = matches(genders[i] as number, ageBands[i] as number, statuses[i] as number, residences[i] as number) ? 1 : 0;
      else {
        acc = anon;
        for (let p = p0; p < p1; p++) if (matches(pGender[p] as number, pAgeBand[p] as number, pSocialStatus[p] as number, pCommune[p] as number)) acc++;
      }
      if (profile && acc <= 0) continue;
      const minutes = duration[i] as number;
      const extra = collectiveChunk ? anon : (beneficiary[i] as number) < 0 ? 1 : 0;
      chunkCount++;
      chunkAcc += acc;
      chunkMinutes += minutes;
      chunkExtra += extra;
      // Main cells of the columns that vary within the chunk (index 0 = null).
      add(sums, (oBand as number) + bandOf(minutes) * MEASURES + half, acc, minutes, extra);
      add(sums, (oPlaceType as number) + ((placeTypes[i] as number) + 1) * MEASURES + half, acc, minutes, extra);
      add(sums, (oPlace as number) + ((places[i] as number) + 1) * MEASURES + half, acc, minutes, extra);
      add(sums, (oAutonomy as number) + ((autonomy[i] as number) + 1) * MEASURES + half, acc, minutes, extra);
      add(sums, (oOriented as number) + ((oriented[i] as number) + 1) * MEASURES + half, acc, minutes, extra);
      add(sums, (oAdvisor as number) + ((advisors[i] as number) + 1) * MEASURES + half, acc, minutes, extra);
      if (!byMonth) {
        const b = weekly ? (mondayOf(day) - firstBucketDay) / 7 : day - firstBucketDay;
        add(sums, (oSeries as number) + b * MEASURES + half, acc, minutes, extra);
      }
      add(sums, (oGender as number) + ((genders[i] as number) + 1) * MEASURES + half, acc, minutes, extra);
      add(sums, (oAge as number) + ((ageBands[i] as number) + 1) * MEASURES + half, acc, minutes, extra);
      add(sums, (oSocial as number) + ((statuses[i] as number) + 1) * MEASURES + half, acc, minutes, extra);
      add(sums, (oResidence as number) + ((residences[i] as number) + 1) * MEASURES + half, acc, minutes, extra);
      // Multi-valued cells.
      addBits(multi, 0, themes[i] as number, acc, minutes);
      addBits(multi, 96, procedureAreas[i] as number, acc, minutes);
      addBits(multi, 192, equipment[i] as number, acc, minutes);
      // People.
      if (!collectiveChunk) {
        if ((beneficiary[i] as number) >= 0) count(beneficiary[i] as number);
        continue;
      }
      uDim.length = 0;
      uCode.length = 0;
      uN.length = 0;
      for (let p = p0; p < p1; p++) {
        const g = pGender[p] as number;
        const a = pAgeBand[p] as number;
        const s = pSocialStatus[p] as number;
        const r = pCommune[p] as number;
        if (!matches(g, a, s, r)) continue;
        count(pBeneficiary[p] as number);
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
        const cell = ((uCode[k] as number) + 1) * 3;
        into[cell] = (into[cell] as number) + 1;
        into[cell + 1] = (into[cell + 1] as number) + n;
        into[cell + 2] = (into[cell + 2] as number) + minutes;
      }
    }
    if (chunkCount === 0) continue;
    addChunk(sums, (oType as number) + (collectiveChunk ? 1 : 0) * MEASURES + half, chunkCount, chunkAcc, chunkMinutes, chunkExtra);
    addChunk(sums, structureAt, chunkCount, chunkAcc, chunkMinutes, chunkExtra);
    if (byMonth) addChunk(sums, monthAt, chunkCount, chunkAcc, chunkMinutes, chunkExtra);
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
  const total = new Float64Array(MEASURES);
  const typeSums = sums.subarray(oType as number, (oType as number) + 3 * MEASURES);
  for (let m = 0; m < typeSums.length; m++) total[m % MEASURES] = (total[m % MEASURES] as number) + (typeSums[m] as number);
  const rows: MainCell[] = [cellOf(null, null, total, 0)];
  targets.forEach((target, t) => {
    const first = offsets[t] as number;
    const end = t + 1 < targets.length ? (offsets[t + 1] as number) : sums.length;
    for (let x = 0; first + x * MEASURES < end; x++) {
      const at = first + x * MEASURES;
      if ((sums[at] as number) + (sums[at + 4] as number) > 0) rows.push(cellOf(target, keyOf[target](x), sums, at));
    }
  });
  const multiRows: DimRow[] = [];
  (["theme", "procedureArea", "equipment"] as const).forEach((dim, d) => {
    for (let bit = 0; bit < 31; bit++) {
      const at = d * 96 + bit * 3;
      const activities = multi[at] as number;
      if (activities > 0) multiRows.push({ dim, code: (multiDictionaries[d] as Dictionary).valueOf(bit), activities, acc: multi[at + 1] as number, minutes: multi[at + 2] as number });
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

/** Adds one report's measures at `at` (its type's half of a code's sums). */
function add(into: Float64Array, at: number, acc: number, minutes: number, extra: number): void {
  into[at] = (into[at] as number) + 1;
  into[at + 1] = (into[at + 1] as number) + acc;
  into[at + 2] = (into[at + 2] as number) + minutes;
  into[at + 3] = (into[at + 3] as number) + extra;
}

function addChunk(into: Float64Array, at: number, n: number, acc: number, minutes: number, extra: number): void {
  into[at] = (into[at] as number) + n;
  into[at + 1] = (into[at + 1] as number) + acc;
  into[at + 2] = (into[at + 2] as number) + minutes;
  into[at + 3] = (into[at + 3] as number) + extra;
}

/** One report counted once per value of a multi-valued column (its bit mask). */
function addBits(into: Float64Array, base: number, mask: number, acc: number, minutes: number): void {
  let rest = mask;
  while (rest !== 0) {
    const at = base + (31 - Math.clz32(rest & -rest)) * 3;
    rest &= rest - 1;
    into[at] = (into[at] as number) + 1;
    into[at + 1] = (into[at + 1] as number) + acc;
    into[at + 2] = (into[at + 2] as number) + minutes;
  }
}

/** A main cell from the sums of individual (`at`…`at + 3`) and collective (`at + 4`…`at + 7`) reports. */
function cellOf(target: GroupedTarget | null, key: string | null, s: Float64Array, at: number): MainCell {
  const [ind, indAcc, indMinutes, indAnon, coll, collAcc, collMinutes, collAnon] = Array.from(s.subarray(at, at + MEASURES));
  return {
    target,
    key,
    activities: (ind as number) + (coll as number),
    acc: (indAcc as number) + (collAcc as number),
    minutes: (indMinutes as number) + (collMinutes as number),
    ind: ind as number,
    ind_minutes: indMinutes as number,
    coll_acc: collAcc as number,
    ind_anon: indAnon as number,
    coll_anon: collAnon as number,
  };
}
