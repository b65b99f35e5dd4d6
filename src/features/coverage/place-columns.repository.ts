// The active places in a few rows of one value each, decoded into columns (place-columns.ts): what a request with
// no copy of them reads. As 18,000 rows of six columns, the driver's parsing cost about 3 µs a row at national
// scale (50 ms of CPU, and 54,000 objects for the collector). Here each place is one binary record (its id as
// text, float8send and int8send: the same doubles and integers, bit for bit, then its name in UTF-8 after its
// length), and the records of the places whose uuid starts with the same hexadecimal digit are joined in id order
// into one value, sent as base64: 16 rows at most, whose order is the ids' order.
// Why so: one ordered aggregate instead of three (PostgreSQL 15 sorts each on its own), and values of about
// 130 KB instead of one of 2.3 MB (the driver grows its buffer by doubling up to the size of a message: 8 MB of
// buffers for that one, which made the collector run in the middle of the computation); base64 is a third
// smaller than bytea's hexadecimal text. Same SQL on PGlite and PostgreSQL.
import { sql } from "kysely";
import type { DbOrTx } from "../../db/schema.ts";
import { activePlacesQuery, type PlaceFilter } from "./coverage.repository.ts";
import type { PlaceColumns } from "./place-columns.ts";

/** Bytes of a record before its name: id (36 characters), latitude and longitude (float8), weekly units (int8), drop-in (bool), the name's length (int4). */
const FIXED_BYTES = 36 + 8 + 8 + 8 + 1 + 4;
const UUID_LENGTH = 36;
const TWO_TO_32 = 2 ** 32;

/** What loadActivePlaces gives, as columns. */
export async function loadActivePlaceColumns(db: DbOrTx, today: string, filter: PlaceFilter): Promise<PlaceColumns> {
  // The first hexadecimal digit of a uuid is the high half of its first byte, which PostgreSQL compares first.
  const { rows } = await sql<{ count: number; packed: string }>`
    select count(*)::int as count, encode(string_agg(convert_to(a.id::text, 'UTF8') || float8send(a.latitude) || float8send(a.longitude)
      || int8send(a.weekly_units) || boolsend(a.drop_in) || int4send(octet_length(n.utf8)) || n.utf8, ''::bytea order by a.id), 'base64') as packed
    from (${activePlacesQuery(db, today, filter)}) as a cross join lateral (select convert_to(a.name, 'UTF8') as utf8) as n
    group by get_byte(uuid_send(a.id), 0) >> 4
    order by get_byte(uuid_send(a.id), 0) >> 4`.execute(db);
  // Node's base64 decoder skips the line feeds PostgreSQL puts every 76 characters.
  return decode(
    rows.map((row) => Buffer.from(row.packed, "base64")),
    rows.reduce((sum, row) => sum + row.count, 0),
  );
}

/** `n`: how many places the rows hold (a record made null by a null field would be left out of its value silently). */
function decode(parts: readonly Buffer[], n: number): PlaceColumns {
  let records = 0;
  for (const part of parts) for (let at = 0; at < part.length; at += FIXED_BYTES + part.readInt32BE(at + FIXED_BYTES - 4)) records++;
  if (records !== n) throw new Error(`active places: ${records} records decoded for ${n} places`);
  const columns: PlaceColumns = {
    ids: new Array<string>(n),
    names: new Array<string>(n),
    latitudes: new Float64Array(n),
    longitudes: new Float64Array(n),
    units: new Float64Array(n),
    dropIn: new Uint8Array(n),
  };
  const ids = columns.ids as string[];
  const names = columns.names as string[];
  let i = 0;
  for (const part of parts) {
    let at = 0;
    while (at < part.length) {
      const fixed = at + UUID_LENGTH;
      ids[i] = part.toString("latin1", at, fixed);
      columns.latitudes[i] = part.readDoubleBE(fixed);
      columns.longitudes[i] = part.readDoubleBE(fixed + 8);
      // An int8 as two halves: the same number as Number() of its text (the driver's parser), without a BigInt.
      columns.units[i] = part.readInt32BE(fixed + 16) * TWO_TO_32 + part.readUInt32BE(fixed + 20);
      columns.dropIn[i] = part[fixed + 24] as number;
      const end = at + FIXED_BYTES + part.readInt32BE(fixed + 25);
      names[i] = part.toString("utf8", at + FIXED_BYTES, end);
      at = end;
      i++;
    }
  }
  return columns;
}
