import type { DbOrTx } from "../../db/schema.ts";

export async function listPublicPlacesWithCommune(db: DbOrTx) {
  return db
    .selectFrom("places")
    .innerJoin("communes", "communes.code", "places.commune_code")
    .select([
      "places.id",
      "places.slug",
      "places.name",
      "places.address",
      "places.postcode",
      "places.phone",
      "places.latitude",
      "places.longitude",
      "places.coordinates_precision",
      "communes.name as commune_name",
    ])
    .where("places.is_public", "=", true)
    .orderBy("places.name")
    .execute();
}
