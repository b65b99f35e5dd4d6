// Use cases of the coordination log: create, change and delete an entry, each with its audit line in the
// same transaction, after the form's check and the commune lookup.
import type { Db } from "../../db/schema.ts";
import { recordAudit } from "../audit/audit.repository.ts";
import { toParis } from "../calendar/paris-time.ts";
import { type CoordinationColumns, type CoordinationForm, type CoordinationInput, checkCoordinationEvent, columnsOf, formOf } from "./coordination.ts";
import { communeExists, insertEvent, softDeleteEvent, updateEvent } from "./journal.repository.ts";

type Checked = { input: CoordinationInput; errors: null } | { input: null; errors: Record<string, string> };

/** The pure check, then the one rule that needs the database: the commune must exist. */
export async function checkWithCommune(db: Db, form: CoordinationForm, now: Date): Promise<Checked> {
  const checked = checkCoordinationEvent(form, { today: toParis(now).date });
  if (form.commune_code !== "" && !(await communeExists(db, form.commune_code))) {
    const errors = { ...(checked.errors ?? {}), commune_code: `Aucune commune ne porte le code INSEE ${form.commune_code}.` };
    return { input: null, errors };
  }
  return checked;
}

export async function createEvent(db: Db, input: CoordinationInput, userId: string, now: Date): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const id = await insertEvent(trx, input, userId, now);
    await recordAudit(trx, {
      at: now,
      actorUserId: userId,
      action: "coordination_event.created",
      subjectType: "coordination_event",
      subjectId: id,
      details: { kind: input.kind, date: input.date, title: input.title },
    });
    return id;
  });
}

type StoredEvent = CoordinationColumns & { id: string };

/** Saves the change and audits the fields that changed (before → after). */
export async function changeEvent(db: Db, before: StoredEvent, input: CoordinationInput, userId: string, now: Date): Promise<void> {
  const old = formOf(before);
  const next = formOf(columnsOf(input));
  const changes: Record<string, [string, string]> = {};
  for (const key of Object.keys(next) as (keyof CoordinationForm)[]) if (old[key] !== next[key]) changes[key] = [old[key], next[key]];
  await db.transaction().execute(async (trx) => {
    await updateEvent(trx, before.id, input, now);
    await recordAudit(trx, {
      at: now,
      actorUserId: userId,
      action: "coordination_event.updated",
      subjectType: "coordination_event",
      subjectId: before.id,
      details: { changes },
    });
  });
}

export async function deleteEvent(db: Db, event: { id: string; title: string; date: string }, userId: string, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await softDeleteEvent(trx, event.id, now);
    await recordAudit(trx, {
      at: now,
      actorUserId: userId,
      action: "coordination_event.deleted",
      subjectType: "coordination_event",
      subjectId: event.id,
      details: { title: event.title, date: event.date },
    });
  });
}
