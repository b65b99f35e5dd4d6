// Who receives which appointment message, on which channel and when. Pure: notifyAppointment writes the plan.

import { isFrenchMobile } from "../booking/booking-details.ts";
import type { OutgoingMessage } from "../outbox/outbox.ts";
import { toE164 } from "../outbox/sms-transport.ts";
import { appointmentIcs } from "./appointment-ics.ts";
import { type AdvisorMessage, advisorEmail, type MessageName, type PersonMessage, personEmail, smsText } from "./appointment-messages.ts";
import type { AppointmentEvent, AppointmentForMessages, NotificationContext } from "./appointment-notifications.ts";
import { outsideQuietHours } from "./quiet-hours.ts";

const HOUR = 3_600_000;
export const REMINDER_LEAD_MS = 48 * HOUR;
export const LAST_REMINDER_LEAD_MS = 2 * HOUR;

/** Every message key of an appointment starts with this, so they can be found and cancelled together. */
export function appointmentKeyPrefix(appointmentId: string): string {
  return `appointment:${appointmentId}:`;
}

export function planAppointmentMessages(event: AppointmentEvent, a: AppointmentForMessages, ctx: NotificationContext): OutgoingMessage[] {
  const plan = new Plan(a, ctx);
  if (event === "booked") {
    plan.toPerson("confirmation", ctx.now, "request");
    plan.toAdvisor("advisor-booked", "request");
    plan.reminders();
  } else if (event === "cancelled") {
    plan.toPerson("cancellation", ctx.now, "cancel");
    plan.toAdvisor("advisor-cancelled", "cancel");
  } else {
    plan.toPerson("change", ctx.now, "request");
    plan.toAdvisor("advisor-moved", "request");
    plan.reminders();
  }
  return plan.messages;
}

class Plan {
  readonly messages: OutgoingMessage[] = [];
  constructor(
    private readonly a: AppointmentForMessages,
    private readonly ctx: NotificationContext,
  ) {}

  private key(name: MessageName, channel: "sms" | "email"): string {
    return `${appointmentKeyPrefix(this.a.id)}${name}-${channel}:${this.a.startsAt.toISOString()}`;
  }

  /** A French landline (staff may book with one, so the advisor can call) gets no SMS; other numbers keep theirs. */
  private get smsNumber(): string | null {
    if (this.a.phone === null) return null;
    const e164 = toE164(this.a.phone) ?? this.a.phone;
    return !e164.startsWith("+33") || isFrenchMobile(e164) ? e164 : null;
  }

  private sms(name: PersonMessage, at: Date): void {
    const recipient = this.smsNumber;
    if (recipient === null) return;
    const sendAt = outsideQuietHours(at);
    this.messages.push({
      idempotencyKey: this.key(name, "sms"),
      channel: "sms",
      recipient,
      text: smsText(name, this.a, this.ctx.brandName, sendAt),
      notBefore: sendAt,
    });
  }

  private email(name: MessageName, recipient: string, at: Date, ics: "request" | "cancel", content: { subject: string; text: string }): void {
    const summary = name.startsWith("advisor-") ? `Rendez-vous : ${this.a.firstName} (${this.a.kindName})` : `Rendez-vous avec ${this.a.advisorFirstName}`;
    this.messages.push({
      idempotencyKey: this.key(name, "email"),
      channel: "email",
      recipient,
      subject: `${this.ctx.brandName} : ${content.subject}`,
      text: content.text,
      attachments: [appointmentIcs(ics, this.a, this.ctx, summary)],
      notBefore: at,
    });
  }

  toPerson(name: PersonMessage, at: Date, ics: "request" | "cancel"): void {
    this.sms(name, at);
    if (this.a.email) this.email(name, this.a.email, at, ics, personEmail(name, this.a, this.ctx.brandName));
  }

  toAdvisor(name: AdvisorMessage, ics: "request" | "cancel"): void {
    if (this.a.advisorEmail) this.email(name, this.a.advisorEmail, this.ctx.now, ics, advisorEmail(name, this.a, this.ctx.brandName));
  }

  /**
   * 48 h before, when booked more than 48 h ahead (SMS and/or e-mail); an SMS 2 h before when SMS are
   * enabled — unless night hours would push it past the start or next to the confirmation.
   */
  reminders(): void {
    const start = this.a.startsAt.getTime();
    const lead = start - this.ctx.now.getTime();
    if (lead > REMINDER_LEAD_MS) this.toPerson("reminder-48h", new Date(start - REMINDER_LEAD_MS), "request");
    if (!this.ctx.smsEnabled || this.smsNumber === null || lead <= LAST_REMINDER_LEAD_MS) return;
    const sendAt = outsideQuietHours(new Date(start - LAST_REMINDER_LEAD_MS)).getTime();
    const confirmationAt = outsideQuietHours(this.ctx.now).getTime();
    if (sendAt < start && sendAt >= confirmationAt + HOUR) this.sms("reminder-2h", new Date(sendAt));
  }
}
