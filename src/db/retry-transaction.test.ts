import assert from "node:assert/strict";
import { describe, test } from "node:test";
import Fastify from "fastify";
import { handleError } from "../web/error-handling.ts";
import { backoffMs, isRetryableConflict, retryingTransaction, TransactionRetriesExhausted } from "./retry-transaction.ts";
import type { Db } from "./schema.ts";

/** A database whose transactions fail with the given codes, one per attempt, then succeed. */
function failingDb(codes: string[]): { db: Db; runs: () => number } {
  let runs = 0;
  const db = {
    transaction: () => ({
      execute: async <T>(work: (trx: unknown) => Promise<T>) => {
        const code = codes[runs++];
        if (code !== undefined) throw Object.assign(new Error(`pg ${code}`), { code });
        return work({});
      },
    }),
  } as unknown as Db;
  return { db, runs: () => runs };
}

describe("write transactions retried after a deadlock or a serialisation conflict", () => {
  test("a deadlock and a serialisation failure are run again, after short random pauses", async () => {
    const { db, runs } = failingDb(["40P01", "40001"]);
    const pauses: number[] = [];
    const result = await retryingTransaction(db, async () => "booked", { sleep: async (ms) => void pauses.push(ms), random: () => 1 });
    assert.equal(result, "booked");
    assert.equal(runs(), 3);
    assert.deepEqual(pauses, [10, 20]);
  });

  test("any other error is not retried", async () => {
    const { db, runs } = failingDb(["23P01"]);
    await assert.rejects(retryingTransaction(db, async () => "x", { sleep: async () => {} }), { code: "23P01" });
    assert.equal(runs(), 1);
  });

  test("after the last attempt the caller learns the retries are exhausted", async () => {
    const { db, runs } = failingDb(["40P01", "40P01", "40P01"]);
    await assert.rejects(retryingTransaction(db, async () => "x", { attempts: 3, sleep: async () => {} }), TransactionRetriesExhausted);
    assert.equal(runs(), 3);
  });

  test("the pause is jittered under a ceiling that doubles and stays small", () => {
    assert.equal(backoffMs(1, () => 0), 0);
    assert.equal(backoffMs(3, () => 1), 40);
    assert.equal(backoffMs(20, () => 1), 200);
    assert.equal(isRetryableConflict({ code: "40P01" }), true);
    assert.equal(isRetryableConflict(new Error("x")), false);
  });
});

test("an API write whose retries are exhausted answers 503 problem+json with Retry-After, not 500", async () => {
  const { db } = failingDb(["40P01", "40P01"]);
  const app = Fastify();
  app.setErrorHandler(handleError);
  app.post("/api/v1/essai", () => retryingTransaction(db, async () => "x", { attempts: 2, sleep: async () => {} }));
  try {
    const response = await app.inject({ method: "POST", url: "/api/v1/essai" });
    assert.equal(response.statusCode, 503);
    assert.equal(response.headers["retry-after"], "2");
    assert.match(String(response.headers["content-type"]), /application\/problem\+json/);
    assert.equal(response.json().code, "unavailable");
    assert.match(response.json().detail, /réessayez dans quelques secondes/);
  } finally {
    await app.close();
  }
});
