// Test fixtures for the notification suites: a demo database with one appointment kind and helpers to
// insert appointments, notify, and deliver through the SMTP and SMS doubles.

import { openTestDatabase } from "../../../test/support/db.ts";
import { type SmsDouble, startSmsDouble } from "../../../test/support/sms-double.ts";
import { startTestSmtpServer } from "../../../test/support/smtp.ts";
import type { DatabaseHandle } from "../../db/database.ts";
import type { OutboxTransports } from "../../jobs/outbox-worker.ts";
import { createSmtpTransport } from "../outbox/mail-transport.ts";
import { createHttpSmsTransport } from "../outbox/sms-transport.ts";
import { type AppointmentEvent, type AppointmentForMessages, notifyAppointment } from "./appointment-notifications.ts";

export interface NotificationBench {
  handle: DatabaseHandle;
  smtp: Awaited<ReturnType<typeof startTestSmtpServer>>;
  sms: SmsDouble;
  /** A fresh pair of transports, as one worker process would have. */
  transports(): OutboxTransports;
  book(startsAt: Date, contact: { phone?: string; email?: string }, now: Date, smsEnabled?: boolean): Promise<AppointmentForMessages>;
  notify(event: AppointmentEvent, a: AppointmentForMessages, now: Date, smsEnabled?: boolean): Promise<void>;
  reset(): Promise<void>;
  close(): Promise<void>;
}

export async function startNotificationBench(): Promise<NotificationBench> {
  const handle = await openTestDatabase("demo");
  const smtp = await startTestSmtpServer();
  const sms = await startSmsDouble();
  const db = handle.db;
  const advisor = await db
    .selectFrom("advisors")
    .select(["id", "first_name", "structure_id"])
    .orderBy("last_name")
    .limit(1)
    .executeTakeFirstOrThrow();
  const place = await db.selectFrom("places").select(["id", "name", "address", "postcode"]).orderBy("name").limit(1).executeTakeFirstOrThrow();
  const kind = await db
    .insertInto("appointment_kinds")
    .values({ structure_id: advisor.structure_id, name: "Prendre en main son téléphone", duration_minutes: 60, location: "place" })
    .returning("id")
    .executeTakeFirstOrThrow();

  const notify = async (event: AppointmentEvent, a: AppointmentForMessages, now: Date, smsEnabled = true) => {
    await db.transaction().execute((trx) =>
      notifyAppointment(trx, event, a, { now, brandName: "déClic47", publicUrl: "http://localhost:3000", smsEnabled }),
    );
  };

  return {
    handle,
    smtp,
    sms,
    transports: () => ({
      email: createSmtpTransport(smtp.url, "déClic47 <ne-pas-repondre@localhost>"),
      sms: createHttpSmsTransport({ url: sms.url, token: sms.token, sender: "DECLIC47", timeoutMs: 5000 }),
    }),
    async book(startsAt, contact, now, smsEnabled = true) {
      const endsAt = new Date(startsAt.getTime() + 3_600_000);
      const row = await db
        .insertInto("appointments")
        .values({
          advisor_id: advisor.id,
          place_id: place.id,
          kind_id: kind.id,
          starts_at: startsAt,
          ends_at: endsAt,
          first_name: "Marie",
          last_name: "D.",
          phone: contact.phone ?? null,
          email: contact.email ?? null,
          consent_at: now,
          booked_via: "public",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const appointment: AppointmentForMessages = {
        id: row.id,
        startsAt,
        endsAt,
        firstName: "Marie",
        phone: contact.phone ?? null,
        email: contact.email ?? null,
        advisorFirstName: advisor.first_name,
        advisorEmail: "conseiller@example.fr",
        placeName: place.name,
        placeAddress: `${place.address}, ${place.postcode}`,
        kindName: "Prendre en main son téléphone",
        location: "place",
        manageUrl: `http://localhost:3000/rendez-vous/gerer/jeton-${row.id}`,
      };
      await notify("booked", appointment, now, smsEnabled);
      return appointment;
    },
    notify,
    async reset() {
      await db.deleteFrom("outbox").execute();
      await db.deleteFrom("appointments").where("kind_id", "=", kind.id).execute();
      smtp.messages.length = 0;
      sms.messages.length = 0;
      sms.requests.length = 0;
      sms.mode = "ok";
    },
    async close() {
      await sms.close();
      await smtp.close();
      await handle.close();
    },
  };
}

/** The decoded text of the MIME part with that content type in a raw e-mail. */
export function mimePart(raw: string, contentType: string): string | null {
  const start = raw.search(new RegExp(`Content-Type: ${contentType.replace("/", "\\/")}`, "i"));
  if (start < 0) return null;
  const rest = raw.slice(start);
  const headerEnd = rest.search(/\r?\n\r?\n/);
  const headers = rest.slice(0, headerEnd);
  const body = rest.slice(headerEnd).replace(/^\r?\n\r?\n/, "").split(/\r?\n--/)[0] ?? "";
  if (/Content-Transfer-Encoding: base64/i.test(headers)) return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (/Content-Transfer-Encoding: quoted-printable/i.test(headers)) {
    const bytes = body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
    return Buffer.from(bytes, "latin1").toString("utf8");
  }
  return body;
}

/** The value of one iCalendar property (unfolded), e.g. icsValue(ics, "UID"). */
export function icsValue(ics: string, name: string): string | null {
  const unfolded = ics.replace(/\r?\n[ \t]/g, "");
  return new RegExp(`^${name}(?:;[^:\\r\\n]*)?:(.*)$`, "m").exec(unfolded)?.[1]?.trim() ?? null;
}
