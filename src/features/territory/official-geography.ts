// The official geographic code (communes, EPCI) from @etalab/decoupage-administratif.
// The package's index resolves data paths from the working directory, so the JSON files are read directly.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";

export interface OfficialCommune {
  code: string;
  nom: string;
  departement?: string;
  type: string;
  codesPostaux?: string[];
  population?: number;
  anciensCodes?: string[];
}

export interface OfficialEpci {
  code: string;
  nom: string;
  type: string;
  populationTotale?: number;
  membres: { code: string }[];
}

const require = createRequire(import.meta.url);

async function readPackageJson<T>(file: string): Promise<T> {
  return JSON.parse(await readFile(require.resolve(`@etalab/decoupage-administratif/data/${file}`), "utf8")) as T;
}

export async function loadOfficialGeography(departement: string): Promise<{ communes: OfficialCommune[]; epcis: OfficialEpci[] }> {
  const [allCommunes, allEpcis] = await Promise.all([
    readPackageJson<OfficialCommune[]>("communes.json"),
    readPackageJson<OfficialEpci[]>("epci.json"),
  ]);
  const communes = allCommunes.filter((c) => c.type === "commune-actuelle" && c.departement === departement);
  const codes = new Set(communes.map((c) => c.code));
  const epcis = allEpcis.filter((e) => e.membres.some((m) => codes.has(m.code)));
  return { communes, epcis };
}
