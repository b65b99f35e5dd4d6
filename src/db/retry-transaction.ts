// Write transactions that PostgreSQL may abort to break a deadlock (40P01) or a serialisation conflict
// (40001) are run again from the start a bounded number of times, after a short random pause, so that
// concurrent writers across app instances get an answer instead of a 500. PGlite, with its single
// connection, never meets these errors. When every attempt failed, TransactionRetriesExhausted is thrown:
// the error handler turns it into 503 with Retry-After.
import type { Transaction } from "kysely";
import type { Database, Db } from "./schema.ts";

const RETRYABLE_CODES = new Set(["40P01", "40001"]);

export const DEFAULT_ATTEMPTS = 5;
/** Seconds a client is told to wait when every attempt failed. */
export const RETRY_AFTER_SECONDS = 2;

export class TransactionRetriesExhausted extends Error {
  constructor(
    readonly attempts: number,
    override readonly cause: unknown,
  ) {
    super(`transaction aborted ${attempts} times by deadlock or serialisation conflict`);
    this.name = "TransactionRetriesExhausted";
  }
}

export function isRetryableConflict(error: unknown): boolean {
  const code = typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === "string" && RETRYABLE_CODES.has(code);
}

/** Full jitter over an exponential ceiling: 0–10 ms, 0–20 ms, 0–40 ms… capped at 200 ms. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(200, 10 * 2 ** (attempt - 1));
  return Math.round(random() * ceiling);
}

export interface RetryOptions {
  attempts?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `work` in a transaction, again from the start when PostgreSQL aborted it to break a conflict. */
export async function retryingTransaction<T>(db: Db, work: (trx: Transaction<Database>) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? DEFAULT_ATTEMPTS;
  const sleep = options.sleep ?? pause;
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(work);
    } catch (error) {
      if (!isRetryableConflict(error)) throw error;
      if (attempt >= attempts) throw new TransactionRetriesExhausted(attempts, error);
      await sleep(backoffMs(attempt, options.random));
    }
  }
}
