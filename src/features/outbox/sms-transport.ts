// How text messages leave the system: an HTTP SMS provider, or, with SMS_PROVIDER=none, kept in the
// database where admins read them at /admin/sms (the demo works this way).
import type { Config } from "../../config.ts";
import type { OutboxRow } from "./outbox.table.ts";
import type { DeliveryOutcome } from "./outbox.ts";

export interface SmsTransport {
  readonly kind: "http" | "database";
  deliver(message: OutboxRow): Promise<DeliveryOutcome>;
  close(): void;
}

/**
 * A phone number in E.164 form: French numbers written the French way (06 12 34 56 78, 0033…, +33 (0)6…)
 * become +336…; other international numbers starting with + are kept. Null when it is not a number.
 */
export function toE164(phone: string): string | null {
  const compact = phone.replace(/[\s.\-()/]/g, "");
  let digits: string;
  if (/^\+\d+$/.test(compact)) digits = compact.slice(1);
  else if (/^00\d+$/.test(compact)) digits = compact.slice(2);
  else if (/^0[1-9]\d{8}$/.test(compact)) digits = `33${compact.slice(1)}`;
  else return null;
  if (digits.startsWith("330")) digits = `33${digits.slice(3)}`;
  if (digits.startsWith("33")) return /^33[1-9]\d{8}$/.test(digits) ? `+${digits}` : null;
  return /^[1-9]\d{7,14}$/.test(digits) ? `+${digits}` : null;
}

export interface HttpSmsOptions {
  url: string;
  token: string;
  sender: string;
  timeoutMs?: number;
}

/**
 * POST {from, to, text} as JSON with a bearer token. 2xx: sent (the answer's `id` is kept);
 * 4xx: refused for good (except 408 and 429); 5xx, timeouts and network errors: retried later.
 */
export function createHttpSmsTransport(options: HttpSmsOptions): SmsTransport {
  return {
    kind: "http",
    async deliver(message) {
      const to = toE164(message.recipient);
      if (!to) return { kind: "failed", error: `not a phone number: ${message.recipient}`, permanent: true };
      let response: Response;
      try {
        response = await fetch(options.url, {
          method: "POST",
          headers: { authorization: `Bearer ${options.token}`, "content-type": "application/json", accept: "application/json" },
          body: JSON.stringify({ from: options.sender, to, text: message.body_text }),
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        });
      } catch (error) {
        const reason = (error as Error).name === "TimeoutError" ? "timeout" : (error as Error).message;
        return { kind: "failed", error: `SMS provider unreachable: ${reason}`, permanent: false };
      }
      const body = await response.text().catch(() => "");
      if (response.ok) return { kind: "sent", providerId: providerIdOf(body) };
      const permanent = response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429;
      return { kind: "failed", error: `SMS provider answered ${response.status}: ${body.slice(0, 200)}`, permanent };
    },
    close: () => {},
  };
}

function providerIdOf(body: string): string | null {
  try {
    const id = (JSON.parse(body) as { id?: unknown }).id;
    return typeof id === "string" || typeof id === "number" ? String(id) : null;
  } catch {
    return null;
  }
}

export function createDatabaseSmsTransport(log: (message: OutboxRow) => void): SmsTransport {
  return {
    kind: "database",
    async deliver(message) {
      log(message);
      return { kind: "stored" };
    },
    close: () => {},
  };
}

export function createSmsTransport(sms: Config["sms"], log: (message: OutboxRow) => void): SmsTransport {
  return sms.provider === "http" ? createHttpSmsTransport(sms) : createDatabaseSmsTransport(log);
}
