// Test helpers of the open-data tests: people signed in, the territory in a bare database, files as text.
import assert from "node:assert/strict";
import { join } from "node:path";
import type { TestApp } from "../../../../test/support/app.ts";
import { Visitor } from "../../../../test/support/app.ts";
import { completeSecondFactor } from "../../../../test/support/second-factor.ts";
import { DEMO_NOW, FIXTURES } from "../../../../test/support/templates.ts";
import { addRole, insertUser } from "../../organisation/organisation.repository.ts";
import type { Role } from "../../organisation/organisation.ts";
import { syncTerritory } from "../../territory/territory.service.ts";
import { fileTerritorySource } from "../../territory/territory.sources.ts";
import { csvLine, parseCsv } from "./csv.ts";
import { streamPlacesCsv } from "./opendata-export.ts";

let people = 0;

/** A new person with one network-wide role, signed in through the on-screen demo link. */
export async function signInAs(t: TestApp, role: Role): Promise<Visitor> {
  people++;
  const email = `opendata.${role}.${people}@exemple.fr`;
  const userId = await insertUser(t.handle.db, { email, firstName: "Ode", lastName: `Data${people}` });
  await addRole(t.handle.db, userId, role, null);
  const visitor = new Visitor(t.app, `10.47.${people % 250}.${(people * 7) % 250}`);
  await visitor.get("/connexion");
  const sent = await visitor.post("/connexion", { email });
  const link = /href="http:\/\/localhost:3000(\/connexion\/lien\?jeton=[^"]+)"/.exec(sent.body)?.[1];
  assert.ok(link, "demo mode shows the sign-in link");
  await visitor.get(link);
  await visitor.post("/connexion/lien", { jeton: new URL(link, "http://x").searchParams.get("jeton")! });
  await completeSecondFactor(visitor);
  return visitor;
}

/** The export as one string. */
export async function exportCsv(t: TestApp): Promise<string> {
  let out = "";
  for await (const line of streamPlacesCsv(t.handle.db, t.config)) out += line;
  return out;
}

/** Loads Lot-et-Garonne's communes into a bare database, as the demo template does. */
export async function loadTerritory(t: TestApp): Promise<void> {
  const source = fileTerritorySource(join(FIXTURES, "communes-centres-2018.csv"), join(FIXTURES, "communes-47.geojson"));
  await syncTerritory(t.handle.db, "47", source, DEMO_NOW);
}

/** Sets one cell of the CSV: `line` is the file's line (1 is the header); fields must hold no line break. */
export function withCell(csv: string, line: number, column: string, value: string): string {
  const lines = csv.split("\r\n");
  const header = parseCsv(lines[0]!)[0]!.fields;
  const fields = parseCsv(lines[line - 1]!)[0]!.fields;
  fields[header.indexOf(column)] = value;
  lines[line - 1] = csvLine(fields).slice(0, -2);
  return lines.join("\r\n");
}
