import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import { type SmsDouble, startSmsDouble } from "../../../test/support/sms-double.ts";
import type { OutboxRow } from "./outbox.table.ts";
import { createHttpSmsTransport, toE164 } from "./sms-transport.ts";

function sms(recipient: string, text = "Bonjour"): OutboxRow {
  return {
    id: 1,
    idempotency_key: "k",
    channel: "sms",
    recipient,
    subject: null,
    body_text: text,
    body_html: null,
    attachments: [],
    status: "pending",
    attempts: 1,
    not_before: new Date(),
    last_error: null,
    provider_id: null,
    created_at: new Date(),
    sent_at: null,
  };
}

describe("phone numbers in E.164", () => {
  test("French numbers written the usual ways become +33", () => {
    assert.equal(toE164("06 12 34 56 78"), "+33612345678");
    assert.equal(toE164("06.12.34.56.78"), "+33612345678");
    assert.equal(toE164("+33 6 12 34 56 78"), "+33612345678");
    assert.equal(toE164("+33 (0)6 12 34 56 78"), "+33612345678");
    assert.equal(toE164("0033612345678"), "+33612345678");
  });

  test("other international numbers are kept, nonsense is refused", () => {
    assert.equal(toE164("+32 470 12 34 56"), "+32470123456");
    assert.equal(toE164("12 34"), null);
    assert.equal(toE164("06 12 34 56"), null);
    assert.equal(toE164("bonjour"), null);
  });
});

describe("the HTTP SMS provider", () => {
  let double: SmsDouble;
  before(async () => {
    double = await startSmsDouble("secret-token");
  });
  after(() => double.close());
  beforeEach(() => {
    double.mode = "ok";
    double.requests.length = 0;
    double.messages.length = 0;
  });
  // A generous timeout where the double answers (a first request on a loaded CI machine took over 300 ms);
  // a short one only where the double never answers, which alone proves the timeout cut the wait.
  const transport = (timeoutMs = 10_000) => createHttpSmsTransport({ url: double.url, token: "secret-token", sender: "DECLIC47", timeoutMs });

  test("a message is posted as JSON with the bearer token and the provider's id is kept", async () => {
    const outcome = await transport().deliver(sms("06 12 34 56 78", "Rappel : rendez-vous"));
    assert.deepEqual(outcome, { kind: "sent", providerId: "sms-1" });
    assert.deepEqual(double.messages, [{ from: "DECLIC47", to: "+33612345678", text: "Rappel : rendez-vous", authorization: "Bearer secret-token" }]);
  });

  test("a server error or a timeout is retried later", async () => {
    double.mode = "error500";
    const failed = await transport().deliver(sms("0612345678"));
    assert.equal(failed.kind, "failed");
    assert.equal(failed.kind === "failed" && failed.permanent, false);
    double.mode = "hang";
    const timedOut = await transport(300).deliver(sms("0612345678"));
    assert.deepEqual(timedOut, { kind: "failed", error: "SMS provider unreachable: timeout", permanent: false });
  });

  test("a refusal (4xx) or an impossible number is final", async () => {
    double.mode = "error400";
    const refused = await transport().deliver(sms("0612345678"));
    assert.equal(refused.kind === "failed" && refused.permanent, true);
    const impossible = await transport().deliver(sms("12"));
    assert.equal(impossible.kind === "failed" && impossible.permanent, true);
    assert.equal(double.requests.length, 1, "nothing posted for an impossible number");
  });
});
