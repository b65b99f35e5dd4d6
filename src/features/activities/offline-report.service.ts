// Reports typed offline on a phone and sent when the network returns: each carries an id made by the phone,
// so a send repeated after a lost answer finds the first report instead of writing a second one.
import { createHmac } from "node:crypto";
import { HttpError } from "../../web/errors.ts";
import type { ActivityActor } from "./activities.policy.ts";
import { reportIdForClient } from "./activities.repository.ts";
import { type ActivityDeps, checkLink, formOptions, isUuid, type StartQuery, saveReport, writerOf } from "./activities.service.ts";
import type { ReportFormValues } from "./report-form.ts";

export type OfflineOutcome = { status: "created"; id: string } | { status: "already_received"; id: string };

/**
 * Saves a report sent by the phone. A client id seen before answers with the first report (checked before
 * anything else: the appointment it reported is now « already reported » by that very report).
 */
export async function receiveOfflineReport(deps: ActivityDeps, actor: ActivityActor, query: StartQuery, clientId: string, values: ReportFormValues): Promise<OfflineOutcome> {
  const writer = writerOf(actor);
  if (!isUuid(clientId)) throw new HttpError("validation_failed", "Identifiant d'envoi manquant ou invalide.", [{ field: "clientId", message: "Identifiant d'envoi invalide." }]);
  const id = clientId.toLowerCase();
  const seen = await reportIdForClient(deps.db, writer.advisorId, id);
  if (seen) return { status: "already_received", id: seen };
  const { link, placeId, existing } = await checkLink(deps, actor, query);
  if (existing) throw new HttpError("already_reported");
  const options = await formOptions(deps, actor, writer, [placeId]);
  const outcome = await saveReport(deps, writer, options, values, { kind: "new", link, clientId: id });
  if (outcome.ok) return { status: outcome.replay ? "already_received" : "created", id: outcome.id };
  if ("existing" in outcome) throw new HttpError("already_reported");
  throw new HttpError(
    "validation_failed",
    "Ce compte rendu contient des erreurs : ouvrez-le dans le formulaire pour le corriger.",
    Object.entries(outcome.errors).map(([field, message]) => ({ field, message })),
  );
}

/**
 * The key that encrypts reports waiting on the phone: derived from the server secret and the user, so it is
 * handed only to a signed-in session of that person, and the same person signing in again can read what
 * was typed before (nothing is lost), while someone else signing in on the phone cannot.
 */
export function offlineKey(secret: string, userId: string): string {
  return createHmac("sha256", secret).update(`offline-report-key:${userId}`).digest("base64");
}
