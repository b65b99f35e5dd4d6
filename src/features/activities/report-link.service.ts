// The « Compléter le compte rendu » button of an appointment or a workshop page: for its own advisor, once
// it has started and unless cancelled; or « Voir le compte rendu » when the report is already written.
import type { DbOrTx } from "../../db/schema.ts";
import { reportIdFor } from "./activities.repository.ts";

export interface ReportButton {
  href: string;
  label: string;
}

export async function reportButton(
  db: DbOrTx,
  link: { appointmentId: string } | { workshopId: string },
  context: { own: boolean; startsAt: Date; cancelled: boolean; now: Date },
): Promise<ReportButton | null> {
  if (!context.own) return null;
  const existing = await reportIdFor(db, link);
  if (existing) return { href: `/activites/${existing}`, label: "Voir le compte rendu" };
  // A report cannot be dated in the future, and a cancelled meeting has nothing to report.
  if (context.cancelled || context.startsAt.getTime() > context.now.getTime()) return null;
  const query = "appointmentId" in link ? `rendez-vous=${link.appointmentId}` : `atelier=${link.workshopId}`;
  return { href: `/activites/nouveau?${query}`, label: "Compléter le compte rendu" };
}
