import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { AppointmentForMessages, NotificationContext } from "./appointment-notifications.ts";
import { planAppointmentMessages } from "./appointment-plan.ts";

const appointment: AppointmentForMessages = {
  id: "11111111-2222-3333-4444-555555555555",
  startsAt: new Date("2030-03-07T13:30:00Z"), // Thursday 14:30 in Paris
  endsAt: new Date("2030-03-07T14:30:00Z"),
  firstName: "Marie",
  phone: "06 12 34 56 78",
  email: "marie@example.fr",
  advisorFirstName: "Julie",
  advisorEmail: "julie@example.fr",
  placeName: "Médiathèque Lacépède",
  placeAddress: "1 place Armand Fallières, 47000 Agen",
  kindName: "Prendre en main son téléphone",
  location: "place",
  manageUrl: "http://localhost:3000/rendez-vous/gerer/abc",
};
const ctx: NotificationContext = { now: new Date("2030-03-04T09:00:00Z"), brandName: "déClic47", publicUrl: "http://localhost:3000", smsEnabled: true };

describe("what an appointment sends, to whom and when", () => {
  test("a booking confirms at once by SMS and e-mail, tells the advisor, and plans reminders 48 h and 2 h before", () => {
    const plan = planAppointmentMessages("booked", appointment, ctx);
    const summary = plan.map((m) => [m.idempotencyKey.split(":")[2], m.recipient, m.notBefore.toISOString()]);
    assert.deepEqual(summary, [
      ["confirmation-sms", "+33612345678", "2030-03-04T09:00:00.000Z"],
      ["confirmation-email", "marie@example.fr", "2030-03-04T09:00:00.000Z"],
      ["advisor-booked-email", "julie@example.fr", "2030-03-04T09:00:00.000Z"],
      ["reminder-48h-sms", "+33612345678", "2030-03-05T13:30:00.000Z"],
      ["reminder-48h-email", "marie@example.fr", "2030-03-05T13:30:00.000Z"],
      ["reminder-2h-sms", "+33612345678", "2030-03-07T11:30:00.000Z"],
    ]);
    assert.ok(plan.every((m) => m.idempotencyKey.startsWith(`appointment:${appointment.id}:`) && m.idempotencyKey.endsWith(":2030-03-07T13:30:00.000Z")));
  });

  test("the confirmation says when, where, with whom, what to bring and how to cancel, in plain French", () => {
    const [sms, email, advisor] = planAppointmentMessages("booked", appointment, ctx);
    assert.equal(
      sms!.text,
      "déClic47 : rendez-vous confirmé jeudi 7 mars à 14\u00a0h\u00a030 avec Julie, Médiathèque Lacépède, 1 place Armand Fallières, 47000 Agen. Apportez une pièce d'identité, vos mots de passe et votre appareil. Annuler ou déplacer : http://localhost:3000/rendez-vous/gerer/abc",
    );
    assert.equal(email!.subject, "déClic47 : Rendez-vous confirmé le jeudi 7 mars à 14\u00a0h\u00a030");
    assert.match(email!.text, /^Bonjour Marie,/);
    assert.match(email!.text, /Où : Médiathèque Lacépède, 1 place Armand Fallières, 47000 Agen/);
    assert.match(email!.text, /pièce d'identité/);
    assert.match(email!.text, /sans compte : http:\/\/localhost:3000\/rendez-vous\/gerer\/abc/);
    assert.equal(email!.attachments?.[0]?.filename, "rendez-vous.ics");
    assert.match(advisor!.text, /^Bonjour Julie,/);
    assert.match(advisor!.text, /Personne : Marie \(téléphone 06 12 34 56 78, courriel marie@example\.fr\)/);
  });

  test("a phone appointment says so instead of an address", () => {
    const [sms] = planAppointmentMessages("booked", { ...appointment, location: "phone", placeName: null, placeAddress: null }, ctx);
    assert.match(sms!.text, /avec Julie, par téléphone \(Julie vous appelle\)\./);
  });

  test("without SMS configured there is no SMS 2 h before; without a phone no SMS at all", () => {
    const noSms = planAppointmentMessages("booked", appointment, { ...ctx, smsEnabled: false });
    assert.ok(!noSms.some((m) => m.idempotencyKey.includes("reminder-2h")));
    const emailOnly = planAppointmentMessages("booked", { ...appointment, phone: null }, ctx);
    assert.ok(emailOnly.every((m) => m.channel === "email"));
  });

  test("a French landline (staff booking) gets no SMS, only the e-mails; a foreign number keeps its SMS", () => {
    const landline = planAppointmentMessages("booked", { ...appointment, phone: "+33553123456" }, ctx);
    assert.ok(landline.length > 0 && landline.every((m) => m.channel === "email"));
    const foreign = planAppointmentMessages("booked", { ...appointment, phone: "+32470123456" }, ctx);
    assert.ok(foreign.some((m) => m.channel === "sms" && m.recipient === "+32470123456"));
  });

  test("booked within 2 hours: a confirmation only", () => {
    const soon = planAppointmentMessages("booked", appointment, { ...ctx, now: new Date("2030-03-07T12:00:00Z") });
    assert.deepEqual(
      soon.map((m) => m.idempotencyKey.split(":")[2]),
      ["confirmation-sms", "confirmation-email", "advisor-booked-email"],
    );
  });

  test("a cancellation tells the person and the advisor, with a calendar cancellation", () => {
    const plan = planAppointmentMessages("cancelled", appointment, ctx);
    assert.deepEqual(
      plan.map((m) => m.idempotencyKey.split(":")[2]),
      ["cancellation-sms", "cancellation-email", "advisor-cancelled-email"],
    );
    assert.ok(plan.filter((m) => m.channel === "email").every((m) => m.attachments?.[0]?.content.includes("METHOD:CANCEL")));
  });
});
