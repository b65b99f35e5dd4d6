// Cancelling a workshop: in one transaction, the workshop is marked cancelled and every registered or
// offered person gets a message through the outbox (one key per registration and channel: never twice).
import type { DbOrTx } from "../../../db/schema.ts";
import type { WorkshopRow } from "../../booking/booking.table.ts";
import { enqueueMessage } from "../../outbox/outbox.repository.ts";
import type { OutgoingMessage } from "../../outbox/outbox.ts";
import { formatWhen, smsSendTime } from "../workshop-messages.ts";
import { markCancelled } from "./workshop-admin.repository.ts";

export function cancellationMessages(
  workshop: { id: string; title: string; startsAt: Date },
  person: { id: string; firstName: string; phone: string | null; email: string | null },
  ctx: { now: Date; brandName: string },
): OutgoingMessage[] {
  const body = `L'atelier « ${workshop.title} » du ${formatWhen(workshop.startsAt)} est annulé. Nous sommes désolés pour ce changement.`;
  const key = `workshop:${workshop.id}:cancelled:${person.id}`;
  const out: OutgoingMessage[] = [];
  if (person.phone) out.push({ idempotencyKey: `${key}:sms`, channel: "sms", recipient: person.phone, text: `${ctx.brandName} : ${body}`, notBefore: smsSendTime(ctx.now) });
  if (person.email) {
    out.push({
      idempotencyKey: `${key}:email`,
      channel: "email",
      recipient: person.email,
      subject: `${ctx.brandName} : atelier « ${workshop.title} » annulé`,
      text: `Bonjour ${person.firstName},\n\n${body}\n\nL'équipe ${ctx.brandName}`,
      notBefore: ctx.now,
    });
  }
  return out;
}

/** Returns how many messages were written; 0 also when the workshop was cancelled already. */
export async function cancelWorkshop(trx: DbOrTx, workshop: WorkshopRow, ctx: { now: Date; brandName: string }): Promise<number> {
  const people = await markCancelled(trx, workshop.id, ctx.now);
  if (!people) return 0;
  let count = 0;
  for (const p of people) {
    for (const m of cancellationMessages({ id: workshop.id, title: workshop.title, startsAt: workshop.starts_at }, { id: p.id, firstName: p.first_name, phone: p.phone, email: p.email }, ctx)) {
      await enqueueMessage(trx, m);
      count++;
    }
  }
  return count;
}
