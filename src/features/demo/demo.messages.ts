// A handful of the SMS and e-mails the demo's bookings would have sent: confirmations, reminders 48 h before,
// a cancellation, the advisor's notice and a workshop registration. Written to the outbox as already stored
// (the demo's delivery), so the outbox viewer shows them. Idempotency keys start with `demo:`.

import { lowerFirst } from "../../web/french-format.ts";
import type { OutboxChannel } from "../outbox/outbox.table.ts";
import { formatDay, formatHour } from "../places/availability.ts";
import type { DemoAppointment, DemoKind } from "./demo.booking.ts";
import type { DemoPerson } from "./demo.people.ts";
import type { DemoWorkshop } from "./demo.workshops.ts";

export interface DemoMessage {
  key: string;
  channel: OutboxChannel;
  recipient: string;
  subject: string | null;
  text: string;
  at: Date;
}

export interface MessageContext {
  brand: string;
  people: DemoPerson[];
  kinds: Map<string, DemoKind>;
  /** Place slug → name, one-line address and phone. */
  places: Map<string, { name: string; address: string; phone: string }>;
  /** Advisor e-mail → first name. */
  advisors: Map<string, string>;
  now: Date;
}

const BRING = "Pensez à apporter une pièce d'identité, vos identifiants et mots de passe, et votre téléphone ou votre ordinateur.";

function when(start: Date): string {
  return `${formatDay(start)} à ${formatHour(start)}`;
}

function where(a: DemoAppointment, ctx: MessageContext, person: DemoPerson): string {
  const kind = ctx.kinds.get(a.kind);
  const place = ctx.places.get(a.place);
  if (kind?.location === "phone") return `${ctx.advisors.get(a.advisor)} vous appellera au ${person.phone ?? "numéro indiqué"}`;
  return place ? `${place.name}, ${place.address}` : "";
}

function appointmentMessages(a: DemoAppointment, n: number, ctx: MessageContext, event: "confirmation" | "rappel" | "annulation"): DemoMessage[] {
  const person = ctx.people[a.person] as DemoPerson;
  const advisor = ctx.advisors.get(a.advisor) ?? "";
  const kind = ctx.kinds.get(a.kind)?.name ?? "Rendez-vous";
  const phone = ctx.places.get(a.place)?.phone ?? "";
  const at = event === "confirmation" ? a.bookedAt : event === "rappel" ? new Date(a.start.getTime() - 48 * 3_600_000) : (a.cancelledAt ?? a.bookedAt);
  const head = {
    confirmation: `RDV confirmé le ${when(a.start)} avec ${advisor}`,
    rappel: `Rappel : RDV ${when(a.start)} avec ${advisor}`,
    annulation: `Votre RDV du ${when(a.start)} avec ${advisor} est annulé`,
  }[event];
  const out: DemoMessage[] = [];
  if (person.phone) {
    const tail = event === "annulation" ? `Pour reprendre RDV : ${phone}.` : `${where(a, ctx, person)}. Empêché ? Prévenez au ${phone}.`;
    out.push({ key: `demo:appointment:${n}:${event}:sms`, channel: "sms", recipient: person.phone, subject: null, text: `${ctx.brand} : ${head}. ${tail}`, at });
  }
  if (person.email && event !== "rappel") {
    const body = [
      `Bonjour ${person.firstName},`,
      "",
      event === "annulation"
        ? `Votre rendez-vous « ${kind} » du ${when(a.start)} avec ${advisor} est annulé. Pour en reprendre un, appelez le ${phone}.`
        : `Votre rendez-vous « ${kind} » est confirmé le ${when(a.start)} avec ${advisor}.\n${where(a, ctx, person)}.\n\n${BRING}`,
      "",
      `L'équipe ${ctx.brand}`,
    ].join("\n");
    out.push({ key: `demo:appointment:${n}:${event}:email`, channel: "email", recipient: person.email, subject: `${ctx.brand} : ${lowerFirst(head)}`, text: body, at });
  }
  return out;
}

export function demoMessages(appointments: DemoAppointment[], workshops: DemoWorkshop[], ctx: MessageContext): DemoMessage[] {
  const out: DemoMessage[] = [];
  const planned = appointments.filter((a) => a.status === "planned");
  const recent = [...planned].sort((a, b) => b.bookedAt.getTime() - a.bookedAt.getTime()).slice(0, 3);
  for (const [n, a] of recent.entries()) {
    out.push(...appointmentMessages(a, n, ctx, "confirmation"));
    {
      const person = ctx.people[a.person] as DemoPerson;
      out.push({
        key: `demo:appointment:${n}:confirmation:advisor`,
        channel: "email",
        recipient: a.advisor,
        subject: `${ctx.brand} : nouveau rendez-vous le ${when(a.start)}`,
        text: `Bonjour ${ctx.advisors.get(a.advisor)},\n\n${person.firstName} ${person.lastName} a pris rendez-vous « ${ctx.kinds.get(a.kind)?.name} » le ${when(a.start)}.\nRetrouvez-le dans votre agenda.`,
        at: a.bookedAt,
      });
    }
  }
  const soon = planned.filter((a) => a.start.getTime() - 48 * 3_600_000 <= ctx.now.getTime()).slice(0, 3);
  for (const [n, a] of soon.entries()) out.push(...appointmentMessages(a, 10 + n, ctx, "rappel"));
  const cancelled = appointments.filter((a) => a.status === "cancelled").slice(-1);
  for (const [n, a] of cancelled.entries()) out.push(...appointmentMessages(a, 20 + n, ctx, "annulation"));

  const session = workshops.find((w) => w.videoUrl && w.registrations.some((r) => ctx.people[r.person]?.email));
  const registration = session?.registrations.find((r) => ctx.people[r.person]?.email);
  if (session && registration) {
    const person = ctx.people[registration.person] as DemoPerson;
    out.push({
      key: "demo:workshop:0:registration:email",
      channel: "email",
      recipient: person.email as string,
      subject: `${ctx.brand} : inscription confirmée à « ${session.title} » le ${when(session.start)}`,
      text: `Bonjour ${person.firstName},\n\nVous êtes inscrit(e) à « ${session.title} » le ${when(session.start)}, en visio.\n${session.description}\n\nLe jour venu, rejoignez la séance avec ce lien : ${session.videoUrl}\n\nL'équipe ${ctx.brand}`,
      at: registration.at,
    });
  }
  return out.filter((m) => m.at.getTime() <= ctx.now.getTime());
}
