// How e-mail leaves the system: SMTP through nodemailer, or, with no SMTP server configured,
// kept in the database where admins read it at /admin/courriels (the demo works this way).
import nodemailer from "nodemailer";
import type { OutboxRow } from "./outbox.table.ts";
import type { DeliveryOutcome } from "./outbox.ts";

export interface MailTransport {
  readonly kind: "smtp" | "database";
  deliver(message: OutboxRow): Promise<DeliveryOutcome>;
  close(): void;
}

export function createSmtpTransport(smtpUrl: string, from: string): MailTransport {
  // One connection per message costs ~0.1 s each; a small pool of kept-alive connections is ~30× faster.
  const url = new URL(smtpUrl);
  if (!url.searchParams.has("pool")) url.searchParams.set("pool", "true");
  const transporter = nodemailer.createTransport(url.toString());
  return {
    kind: "smtp",
    async deliver(message) {
      try {
        const info = await transporter.sendMail({
          from,
          to: message.recipient,
          subject: message.subject ?? "",
          text: message.body_text,
          html: message.body_html ?? undefined,
          attachments: message.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
          headers: { "X-Declic-Message": message.idempotency_key },
        });
        return { kind: "sent", providerId: info.messageId ?? null };
      } catch (error) {
        const responseCode = (error as { responseCode?: number }).responseCode;
        // 5xx answers (unknown mailbox, refused) will not change on retry.
        const permanent = typeof responseCode === "number" && responseCode >= 500;
        return { kind: "failed", error: (error as Error).message, permanent };
      }
    },
    close: () => transporter.close(),
  };
}

export function createDatabaseMailTransport(log: (message: OutboxRow) => void): MailTransport {
  return {
    kind: "database",
    async deliver(message) {
      log(message);
      return { kind: "stored" };
    },
    close: () => {},
  };
}
