// Combines the official geographic code with centres and boundaries into the rows we store. Pure.
import type { Insertable } from "kysely";
import type { OfficialCommune, OfficialEpci } from "./official-geography.ts";
import type { CommuneGeodata } from "./territory.sources.ts";
import type { CentreSource, CommunesTable, EpcisTable } from "./territory.table.ts";
import { centreFromFormerCommunes, type Point, searchKey } from "./territory.ts";

export interface TerritoryBuild {
  epcis: Insertable<EpcisTable>[];
  communes: Insertable<CommunesTable>[];
  withoutCentre: { code: string; name: string }[];
  fromFormerCodes: string[];
  withoutBoundary: number;
}

export function buildTerritory(
  official: { communes: OfficialCommune[]; epcis: OfficialEpci[] },
  geodata: CommuneGeodata,
  departement: string,
  now: Date,
): TerritoryBuild {
  const epciOf = new Map<string, string>();
  for (const epci of official.epcis) for (const m of epci.membres) epciOf.set(m.code, epci.code);

  const withoutCentre: TerritoryBuild["withoutCentre"] = [];
  const fromFormerCodes: string[] = [];
  let withoutBoundary = 0;

  const communes = official.communes.map((c): Insertable<CommunesTable> => {
    const own = geodata.centres.get(c.code) ?? null;
    let centre: Point | null = own;
    let centreSource: CentreSource | null = own ? geodata.source : null;
    // Former communes the source still knows as separate communes were merged after the source's date:
    // the current commune covers them all, whether it got a new code or kept one of theirs, so its centre
    // combines theirs (and its own old one, when its code is among them).
    const former = (c.anciensCodes ?? []).flatMap((code) => {
      const p = geodata.centres.get(code);
      return p ? [{ centre: p }] : [];
    });
    if (former.length > 0) {
      const combined = centreFromFormerCommunes(own ? [{ centre: own }, ...former] : former);
      if (combined) {
        centre = combined;
        centreSource = "former_codes";
        fromFormerCodes.push(c.code);
      }
    }
    if (!centre) withoutCentre.push({ code: c.code, name: c.nom });
    const boundary = geodata.boundaries.get(c.code) ?? null;
    if (!boundary) withoutBoundary++;
    return {
      code: c.code,
      name: c.nom,
      search_name: searchKey(c.nom),
      departement,
      postcodes: c.codesPostaux ?? [],
      population: c.population ?? 0,
      epci_code: epciOf.get(c.code) ?? null,
      latitude: centre?.latitude ?? null,
      longitude: centre?.longitude ?? null,
      centre_source: centreSource,
      boundary: boundary ? JSON.stringify(boundary) : null,
      synced_at: now,
    };
  });

  const epcis = official.epcis.map((e) => ({
    code: e.code,
    name: e.nom,
    kind: e.type,
    population: e.populationTotale ?? 0,
  }));

  return { epcis, communes, withoutCentre, fromFormerCodes, withoutBoundary };
}
