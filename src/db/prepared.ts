// Named prepared statements on PostgreSQL, for the few hot statements that are asked many times with the
// same text and different values (the public search: one text per combination of filters).
//
// Kysely sends every statement unnamed, so PostgreSQL parses, analyses and plans it each time. A statement
// run through executePrepared() carries a leading comment; the PostgreSQL pool below sees it and sends the
// statement under a name derived from its text, so each connection parses it once and PostgreSQL may keep
// its plan (a generic plan after five executions, when it judges it no dearer than planning each time).
// Only the marked statements are named: every other query keeps Kysely's unnamed path. On PGlite the
// comment is only a comment: the same statement, the same results.
import { createHash } from "node:crypto";
import { type Compilable, CompiledQuery, type Kysely, type PostgresPool, type PostgresPoolClient, type QueryResult, type RawBuilder } from "kysely";

const MARK = "/* prepared */ ";

/**
 * Past this many distinct statements prepared on one connection, the connection is closed when released
 * (the pool opens a fresh one): each prepared statement keeps memory in its server process, and the set of
 * texts, though small in use, is chosen by the callers' filters.
 */
export const MAX_PREPARED_PER_CONNECTION = 200;

/** Runs the query as a named prepared statement on PostgreSQL (plainly on PGlite), with the same rows. */
export async function executePrepared<R, DB>(db: Kysely<DB>, query: RawBuilder<R> | Compilable<R>): Promise<QueryResult<R>> {
  const compiled = query.compile(db);
  const marked: CompiledQuery<R> = { ...compiled, sql: MARK + compiled.sql };
  return db.executeQuery(marked);
}

const markedTexts = new Map<string, string>();

/**
 * Runs a statement text the caller keeps (its values as $1, $2…) as a named prepared statement on PostgreSQL,
 * plainly on PGlite, without building it again: for texts built once and asked many times.
 */
export async function executePreparedText<R, DB>(db: Kysely<DB>, text: string, parameters: readonly unknown[]): Promise<QueryResult<R>> {
  let marked = markedTexts.get(text);
  if (marked === undefined) {
    marked = MARK + text;
    if (markedTexts.size >= 1000) markedTexts.clear();
    markedTexts.set(text, marked);
  }
  return db.executeQuery(CompiledQuery.raw(marked, [...parameters]) as CompiledQuery<R>);
}

const names = new Map<string, string>();

/** The statement's name on a connection: one per text, the same in every process (kept, not hashed again). */
export function preparedName(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `declic_${createHash("sha1").update(text).digest("hex")}`;
    // Texts are few; a caller inventing texts only costs hashing again.
    if (names.size >= 1000) names.clear();
    names.set(text, name);
  }
  return name;
}

interface PgPool {
  connect(): Promise<PgClient>;
  end(): Promise<void>;
}

interface PgClient {
  query(config: { name?: string; text: string; values?: unknown[] } | string | object, values?: readonly unknown[]): Promise<unknown> | unknown;
  release(destroy?: boolean): void;
}

/** A pg pool as Kysely uses it, whose clients send the marked statements under their name. */
export function withPreparedStatements(pool: PgPool): PostgresPool {
  const clients = new WeakMap<PgClient, PostgresPoolClient>();
  const preparedOn = new WeakMap<PgClient, Set<string>>();
  const wrap = (client: PgClient): PostgresPoolClient => {
    const names = preparedOn.get(client) ?? new Set<string>();
    preparedOn.set(client, names);
    const wrapped = {
      query(textOrCursor: string | object, values?: readonly unknown[]) {
        if (typeof textOrCursor === "string" && textOrCursor.startsWith(MARK)) {
          const name = preparedName(textOrCursor);
          names.add(name);
          return client.query({ name, text: textOrCursor, values: values ? [...values] : [] });
        }
        return typeof textOrCursor === "string" ? client.query(textOrCursor, values) : client.query(textOrCursor);
      },
      release(destroy?: boolean) {
        client.release(destroy === true || names.size > MAX_PREPARED_PER_CONNECTION);
      },
    };
    return wrapped as PostgresPoolClient;
  };
  return {
    async connect() {
      const client = await pool.connect();
      let wrapped = clients.get(client);
      if (!wrapped) {
        wrapped = wrap(client);
        clients.set(client, wrapped);
      }
      return wrapped;
    },
    end: () => pool.end(),
  };
}
