// An advisor's absences: one-off or weekly rows, as the booking schema stores them.
import type { DbOrTx } from "../../db/schema.ts";
import type { AbsenceKind } from "../booking/booking.ts";

export type AbsenceValues =
  | { type: "once"; kind: AbsenceKind; label: string | null; start: Date; end: Date }
  | {
      type: "weekly";
      kind: AbsenceKind;
      label: string | null;
      weekdays: number[];
      startTime: string | null;
      endTime: string | null;
      validFrom: string;
      validTo: string | null;
    };

export async function insertAbsence(db: DbOrTx, advisorId: string, v: AbsenceValues): Promise<void> {
  const common = { advisor_id: advisorId, kind: v.kind, label: v.label };
  if (v.type === "once") {
    await db
      .insertInto("absences")
      .values({ ...common, starts_at: v.start, ends_at: v.end, weekdays: null, start_time: null, end_time: null, valid_from: null, valid_to: null })
      .execute();
    return;
  }
  await db
    .insertInto("absences")
    .values({
      ...common,
      starts_at: null,
      ends_at: null,
      weekdays: v.weekdays,
      start_time: v.startTime,
      end_time: v.endTime,
      valid_from: v.validFrom,
      valid_to: v.validTo,
    })
    .execute();
}

export async function findAbsence(db: DbOrTx, id: string) {
  return db.selectFrom("absences").select(["id", "advisor_id"]).where("id", "=", id).executeTakeFirst();
}

export async function deleteAbsence(db: DbOrTx, id: string): Promise<void> {
  await db.deleteFrom("absences").where("id", "=", id).execute();
}
