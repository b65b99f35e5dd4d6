// The active places in one row of a few values, decoded into columns (place-columns.ts): what a request with no
// copy of them reads. As 18,000 rows of six columns, the driver's parsing cost about 3 µs a row at national
// scale (50 ms of CPU, and 54,000 objects for the collector); here the positions, hours and modes come as one
// binary string (float8send and int8send: the same doubles and integers, bit for bit), the ids as one string of
// fixed-width uuids and the names as one JSON array, all in id order. Same SQL on PGlite and PostgreSQL.
import { sql } from "kysely";
import type { DbOrTx } from "../../db/schema.ts";
import { activePlacesQuery, type PlaceFilter } from "./coverage.repository.ts";
import type { PlaceColumns } from "./place-columns.ts";

/** Bytes per place in the binary string: latitude and longitude (float8), weekly units (int8), drop-in (bool). */
const RECORD_BYTES = 8 + 8 + 8 + 1;
/** Characters of a uuid's text form. */
const UUID_LENGTH = 36;

interface PackedRow {
  ids: string | null;
  names: string[] | null;
  packed: Uint8Array | null;
}

/** What loadActivePlaces gives, as columns. */
export async function loadActivePlaceColumns(db: DbOrTx, today: string, filter: PlaceFilter): Promise<PlaceColumns> {
  const { rows } = await sql<PackedRow>`
    select string_agg(a.id::text, '' order by a.id) as ids,
      json_agg(a.name order by a.id) as names,
      string_agg(float8send(a.latitude) || float8send(a.longitude) || int8send(a.weekly_units) || boolsend(a.drop_in), ''::bytea order by a.id) as packed
    from (${activePlacesQuery(db, today, filter)}) as a`.execute(db);
  return decode(rows[0] as PackedRow);
}

function decode(row: PackedRow): PlaceColumns {
  const ids = row.ids ?? "";
  const n = ids.length / UUID_LENGTH;
  const names = row.names ?? [];
  const packed = row.packed ?? new Uint8Array(0);
  if (!Number.isInteger(n) || names.length !== n || packed.length !== n * RECORD_BYTES) throw new Error("active places: columns of different lengths");
  const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
  const columns: PlaceColumns = {
    ids: new Array<string>(n),
    names,
    latitudes: new Float64Array(n),
    longitudes: new Float64Array(n),
    units: new Float64Array(n),
    dropIn: new Uint8Array(n),
  };
  const idList = columns.ids as string[];
  for (let i = 0, at = 0; i < n; i++, at += RECORD_BYTES) {
    idList[i] = ids.slice(i * UUID_LENGTH, (i + 1) * UUID_LENGTH);
    columns.latitudes[i] = view.getFloat64(at);
    columns.longitudes[i] = view.getFloat64(at + 8);
    columns.units[i] = Number(view.getBigInt64(at + 16));
    columns.dropIn[i] = view.getUint8(at + 24);
  }
  return columns;
}
