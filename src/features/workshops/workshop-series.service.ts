// Series → dated workshops: each occurrence of the coming three months becomes a `workshops` row, once
// (unique on series and start), so people register for a date. Run lazily by the catalogue and by jobs.
import type { Insertable } from "kysely";
import type { DbOrTx } from "../../db/schema.ts";
import type { WorkshopsTable } from "../booking/booking.table.ts";
import { holidaySet } from "../calendar/french-holidays.ts";
import { insertWorkshops, seriesActiveBetween } from "./workshops.repository.ts";
import { materialiseWindow, seriesOccurrences } from "./workshops.ts";

/** Creates the missing dated workshops of every series; returns how many were created. */
export async function materialiseSeries(db: DbOrTx, now: Date, departement = ""): Promise<number> {
  const { from, to } = materialiseWindow(now);
  const holidays = holidaySet(from, to, departement);
  const rows: Insertable<WorkshopsTable>[] = [];
  for (const s of await seriesActiveBetween(db, from, to)) {
    const rule = { weekday: s.weekday, startTime: s.start_time, endTime: s.end_time, everyWeeks: s.every_weeks, validFrom: s.valid_from, validTo: s.valid_to };
    for (const o of seriesOccurrences(rule, from, to, holidays)) {
      if (o.start.getTime() <= now.getTime()) continue;
      rows.push({
        series_id: s.id,
        structure_id: s.structure_id,
        advisor_id: s.advisor_id,
        title: s.title,
        themes: s.themes,
        level: s.level,
        description: s.description,
        place_id: s.place_id,
        is_remote: s.is_remote,
        video_url: s.video_url,
        starts_at: o.start,
        ends_at: o.end,
        capacity: s.capacity,
        is_public: s.is_public,
        is_demo: s.is_demo,
      });
    }
  }
  return insertWorkshops(db, rows);
}
