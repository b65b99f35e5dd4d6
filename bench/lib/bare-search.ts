// The floor the public search is compared with (issue 12): Fastify, a pg pool and one query with the
// search's box and distance (the 20 nearest public places of a point), serialised by schema.
import Fastify from "fastify";
import pg from "pg";
import { boundingBox, EARTH_RADIUS_KM } from "../../src/features/places/search/search.ts";

export async function bareServer(connectionString: string) {
  const pool = new pg.Pool({ connectionString, max: 10 });
  // An idle connection cut by the server (the bench drops its database at the end) is not an error of the run.
  pool.on("error", () => {});
  const app = Fastify({ logger: false });
  const Place = {
    type: "object",
    properties: { id: { type: "string" }, slug: { type: "string" }, name: { type: "string" }, distance_km: { type: "number" } },
  };
  app.get<{ Querystring: { lat: string; lon: string } }>(
    "/bare",
    { schema: { response: { 200: { type: "object", properties: { lieux: { type: "array", items: Place } } } } } },
    async (request) => {
      const lat = Number(request.query.lat);
      const lon = Number(request.query.lon);
      const box = boundingBox({ latitude: lat, longitude: lon }, 20);
      const { rows } = await pool.query(
        `select id, slug, name, $1::float8 * 2 * asin(least(1.0, sqrt(power(sin(radians(latitude - $2) / 2), 2)
           + cos(radians($2)) * cos(radians(latitude)) * power(sin(radians(longitude - $3) / 2), 2)))) as distance_km
         from places where is_public and latitude between $4 and $5 and longitude between $6 and $7
         order by distance_km limit 20`,
        [EARTH_RADIUS_KM, lat, lon, box.minLat, box.maxLat, box.minLon, box.maxLon],
      );
      return { lieux: rows };
    },
  );
  const close = async () => {
    try {
      await app.close();
    } finally {
      await pool.end();
    }
  };
  return { app, close };
}

