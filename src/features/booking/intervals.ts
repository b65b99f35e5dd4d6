// Half-open time intervals [start, end) in milliseconds since the epoch: back-to-back appointments do not
// overlap, exactly like the `tstzrange(start, end, '[)')` of the database exclusion constraint.

export interface Interval {
  start: number;
  end: number;
}

/** Sorted, disjoint union; touching intervals are joined. Empty intervals are dropped. */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && i.start <= last.end) last.end = Math.max(last.end, i.end);
    else out.push({ start: i.start, end: i.end });
  }
  return out;
}

/** `from` minus `minus`; both sorted and disjoint (as `mergeIntervals` returns them). */
export function subtractIntervals(from: readonly Interval[], minus: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let j = 0;
  for (const i of from) {
    let start = i.start;
    while (j < minus.length && minus[j]!.end <= start) j++;
    for (let k = j; k < minus.length && minus[k]!.start < i.end; k++) {
      const m = minus[k]!;
      if (m.start > start) out.push({ start, end: m.start });
      start = Math.max(start, m.end);
    }
    if (start < i.end) out.push({ start, end: i.end });
  }
  return out;
}

/** Whether [start, end) meets one of these sorted, disjoint intervals (binary search). */
export function overlapsAny(sorted: readonly Interval[], start: number, end: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]!.end <= start) lo = mid + 1;
    else hi = mid;
  }
  const first = sorted[lo];
  return first !== undefined && first.start < end;
}
