// Completes the second factor after an e-mail link, as an advisor or admin must: in demo mode the page
// shows the current code, which is typed back like a person reading it from their phone.
import assert from "node:assert/strict";
import type { Visitor } from "./app.ts";

export function demoCodeOf(html: string): string | null {
  return /class="demo-code">(\d{6})</.exec(html)?.[1] ?? null;
}

/** Does nothing when the account needs no second factor; enrols or verifies otherwise. */
export async function completeSecondFactor(visitor: Visitor): Promise<void> {
  const page = await visitor.get("/connexion/second-facteur");
  if (page.statusCode === 303) return;
  const code = demoCodeOf(page.body);
  assert.ok(code, "demo mode shows the current second-factor code");
  const done = await visitor.post("/connexion/second-facteur", { code });
  assert.ok(done.statusCode === 200 || done.statusCode === 303, `second factor accepted (HTTP ${done.statusCode})`);
}
