import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import communesJson from "@etalab/decoupage-administratif/data/communes.json" with { type: "json" };
import departementsJson from "@etalab/decoupage-administratif/data/departements.json" with { type: "json" };
import epcisJson from "@etalab/decoupage-administratif/data/epci.json" with { type: "json" };
import { checkRoleAssignment, isLuhnValid, isPlausibleEmail, isValidSiret, ROLE_CODES, STRUCTURE_KINDS } from "../organisation/organisation.ts";
import {
  accountsByRole,
  applyOffset,
  type DemoNetwork,
  deName,
  departementDe,
  expandEpciName,
  fictionalSiret,
  type GenericInput,
  generateNames,
  genericNetwork,
  landlinePhone,
  lotEtGaronneNetwork,
  luhnCheckDigit,
  mobilePhone,
  mulberry32,
  placeOffset,
} from "./demo.data.ts";

interface OfficialCommune {
  code: string;
  nom: string;
  type: string;
  departement?: string;
  codesPostaux?: string[];
  population?: number;
}
interface OfficialEpci {
  code: string;
  nom: string;
  populationTotale?: number;
  membres: { code: string }[];
}

const officialCommunes = (communesJson as OfficialCommune[]).filter((c) => c.type === "commune-actuelle");
const communeByCode = new Map(officialCommunes.map((c) => [c.code, c]));
const officialEpcis = epcisJson as OfficialEpci[];

function genericInput(departement: string): GenericInput {
  const info = departementsJson.find((d) => d.code === departement);
  assert.ok(info);
  const communes = officialCommunes.filter((c) => c.departement === departement);
  const epciOf = new Map(officialEpcis.flatMap((e) => e.membres.map((m) => [m.code, e.code] as const)));
  return {
    departement,
    departementName: info.nom,
    typeLiaison: info.typeLiaison,
    region: info.region,
    chefLieu: info.chefLieu,
    communes: communes.map((c) => ({
      code: c.code,
      name: c.nom,
      population: c.population ?? 0,
      postcodes: c.codesPostaux ?? [],
      epciCode: epciOf.get(c.code) ?? null,
    })),
    epcis: officialEpcis
      .filter((e) => e.membres.some((m) => m.code.startsWith(departement)))
      .map((e) => ({ code: e.code, name: e.nom, population: e.populationTotale ?? 0 })),
  };
}

function advisorCount(network: DemoNetwork, keys: string[]): number {
  return network.accounts.filter((a) => a.advisor && keys.includes(a.advisor.structure)).length;
}

/** Checks every network must pass, curated or generic. */
function assertConsistent(network: DemoNetwork): void {
  const structureKeys = new Set(network.structures.map((s) => s.key));
  assert.equal(structureKeys.size, network.structures.length, "unique structure keys");
  assert.equal(new Set(network.structures.map((s) => s.slug)).size, network.structures.length, "unique structure slugs");
  assert.equal(new Set(network.places.map((p) => p.slug)).size, network.places.length, "unique place slugs");
  assert.equal(new Set(network.accounts.map((a) => a.email)).size, network.accounts.length, "unique e-mails");

  const sirets = network.structures.flatMap((s) => (s.siret ? [s.siret] : []));
  assert.equal(new Set(sirets).size, sirets.length, "unique SIRETs");
  for (const siret of sirets) assert.ok(isValidSiret(siret), `valid SIRET ${siret}`);

  for (const s of network.structures) {
    assert.ok(Object.hasOwn(STRUCTURE_KINDS, s.kind), s.kind);
    assert.match(s.slug, /^[a-z0-9]+(-[a-z0-9]+)*$/);
  }
  for (const a of network.accounts) {
    assert.equal(a.email, a.email.toLowerCase());
    assert.ok(isPlausibleEmail(a.email), a.email);
    assert.ok(a.email.endsWith(`@${network.domain}`), a.email);
    assert.ok(a.firstName && a.lastName);
    assert.ok(a.roles.length > 0, `${a.email} has a role`);
    for (const r of a.roles) {
      if (r.structure !== null) assert.ok(structureKeys.has(r.structure), `${a.email}: structure ${r.structure}`);
      const problem = checkRoleAssignment({ role: r.role, structureId: r.structure });
      assert.equal(problem, null, `${a.email} ${r.role}: ${problem}`);
    }
    if (a.advisor) {
      assert.ok(a.roles.some((r) => r.role === "advisor" && r.structure === a.advisor?.structure), `${a.email} advisor role at employer`);
      assert.match(a.advisor.phone, /^0[67]( \d\d){4}$/);
    }
  }
  const byRole = accountsByRole(network);
  for (const role of ROLE_CODES) assert.ok((byRole.get(role) ?? []).length > 0, `an account for role ${role}`);

  for (const p of network.places) {
    assert.ok(structureKeys.has(p.structure), `${p.slug}: structure ${p.structure}`);
    assert.match(p.postcode, /^\d{5}$/);
    assert.match(p.phone, /^0[1-5]( \d\d){4}$/);
    assert.ok(p.typologie.length > 0);
    assert.ok(p.address.length > 0);
    assert.ok(Math.hypot(p.offset.northMetres, p.offset.eastMetres) < 600, `${p.slug} offset`);
  }
}

test("mulberry32 is deterministic and in [0, 1)", () => {
  const a = mulberry32(42);
  const b = mulberry32(42);
  const values = Array.from({ length: 1000 }, () => a());
  assert.deepEqual(values, Array.from({ length: 1000 }, () => b()));
  assert.ok(values.every((v) => v >= 0 && v < 1));
  assert.notDeepEqual(values.slice(0, 5), Array.from({ length: 5 }, mulberry32(43)));
});

test("Luhn check digits make valid SIRENs and SIRETs", () => {
  assert.equal(luhnCheckDigit("73282932"), "0"); // SIREN 732 829 320
  assert.ok(isLuhnValid("732829320"));
  assert.ok(!isLuhnValid("732829321"));
  assert.ok(isValidSiret(`7328293200007${luhnCheckDigit("7328293200007")}`));
  for (let i = 0; i < 500; i++) {
    const siret = fictionalSiret(`key-${i}`);
    assert.ok(isValidSiret(siret), siret);
    assert.ok(isLuhnValid(siret.slice(0, 9)), `SIREN of ${siret}`);
    assert.ok(!siret.startsWith("356000000"));
  }
  assert.equal(fictionalSiret("agen"), fictionalSiret("agen"));
});

test("names, phones and offsets are deterministic", () => {
  assert.deepEqual(generateNames(38, 7), generateNames(38, 7));
  assert.equal(new Set(generateNames(60, 7).map((n) => n.lastName)).size, 60);
  assert.equal(mobilePhone("x"), mobilePhone("x"));
  assert.match(landlinePhone("x", "05 53"), /^05 53 \d\d \d\d \d\d$/);
  for (let i = 0; i < 200; i++) {
    const offset = placeOffset(`place-${i}`);
    const distance = Math.hypot(offset.northMetres, offset.eastMetres);
    assert.ok(distance >= 80 && distance < 600, String(distance));
  }
  // Agen's centre moved 300 m north then 400 m east: check with an equirectangular distance.
  const centre = { latitude: 44.2, longitude: 0.62 };
  const moved = applyOffset(centre, { northMetres: 300, eastMetres: 400 });
  const dy = (moved.latitude - centre.latitude) * 111_320;
  const dx = (moved.longitude - centre.longitude) * 111_320 * Math.cos((centre.latitude * Math.PI) / 180);
  assert.ok(Math.abs(Math.hypot(dx, dy) - 500) < 1);
});

test("French prepositions before names", () => {
  assert.equal(deName("Agen"), "d'Agen");
  assert.equal(deName("Nérac"), "de Nérac");
  assert.equal(deName("Le Passage"), "du Passage");
  assert.equal(deName("Les Eyzies"), "des Eyzies");
  assert.equal(deName("La Réole"), "de la Réole");
  assert.equal(deName("Éauze"), "d'Éauze");
  assert.equal(departementDe("Pyrénées-Atlantiques", 4), "des Pyrénées-Atlantiques");
  assert.equal(departementDe("Gironde", 3), "de la Gironde");
  assert.equal(departementDe("Ain", 5), "de l'Ain");
  assert.equal(departementDe("Lot", 2), "du Lot");
  assert.equal(expandEpciName("CA Pau Béarn Pyrénées"), "Communauté d'agglomération Pau Béarn Pyrénées");
  assert.equal(expandEpciName("Albret Communauté"), "Albret Communauté");
});

test("Lot-et-Garonne: 38 advisors split 4 Département / 3 LGNum / 31 others", () => {
  const network = lotEtGaronneNetwork();
  assert.equal(network.kind, "curated");
  assert.equal(network.domain, "declic47.example");
  const advisors = network.accounts.filter((a) => a.advisor);
  assert.equal(advisors.length, 38);
  const kindOf = new Map(network.structures.map((s) => [s.key, s.kind]));
  const byKind = (kind: string) => advisors.filter((a) => a.advisor && kindOf.get(a.advisor.structure) === kind).length;
  assert.equal(byKind("departement"), 4);
  assert.equal(byKind("public_body"), 3);
  assert.equal(byKind("commune") + byKind("epci") + byKind("association") + byKind("company"), 31);
  assert.ok(byKind("commune") > 0 && byKind("epci") > 0 && byKind("company") > 0);
  assert.equal(advisorCount(network, ["lgnum"]), 3);
  const associations = network.structures.filter((s) => s.kind === "association");
  assert.ok(associations.length >= 2 && associations.length <= 3);
  assert.equal(network.structures.filter((s) => s.kind === "company").length, 1);
  const lgnum = network.structures.find((s) => s.key === "lgnum");
  assert.equal(lgnum?.name, "Lot-et-Garonne Numérique");
  assert.equal(lgnum?.kind, "public_body");
  for (const kind of ["departement", "prefecture", "partner", "commune", "epci"] as const) {
    assert.ok(network.structures.some((s) => s.kind === kind), kind);
  }
  assertConsistent(network);
});

test("Lot-et-Garonne: places at real communes with one of their postcodes", () => {
  const network = lotEtGaronneNetwork();
  const cms = network.places.filter((p) => p.name.startsWith("Centre médico-social"));
  assert.equal(cms.length, 8);
  assert.ok(cms.every((p) => p.structure === "departement" && p.typologie.includes("CD")));
  assert.deepEqual(
    cms.map((p) => p.communeCode).sort(),
    ["47001", "47052", "47106", "47157", "47195", "47252", "47310", "47323"],
  );
  assert.ok(network.places.filter((p) => p.name.startsWith("Antenne médico-sociale")).length >= 3);
  const mediatheque = network.places.find((p) => p.slug === "mediatheque-departementale-de-lot-et-garonne");
  assert.equal(mediatheque?.communeCode, "47323");
  assert.equal(mediatheque?.structure, "departement");
  for (const code of ["BIB", "MUNI", "RFS", "CD", "ASSO", "EPN", "TIERS_LIEUX"]) {
    assert.ok(network.places.some((p) => p.typologie.includes(code)), code);
  }
  for (const p of network.places) {
    const commune = communeByCode.get(p.communeCode);
    assert.ok(commune, `${p.slug}: commune ${p.communeCode}`);
    assert.equal(commune.departement, "47");
    assert.ok(commune.codesPostaux?.includes(p.postcode), `${p.slug}: ${p.postcode} is a postcode of ${commune.nom}`);
    // A name ending with a commune names the place's own commune.
    const namesCommune = /^(Centre médico-social|Antenne médico-sociale|Mairie|Médiathèque|France Services) (de |d'|du )/.test(p.name);
    const namesOther = /départementale|Agglomération|Grand Villeneuvois|Albret Communauté/.test(p.name);
    if (namesCommune && !namesOther) assert.ok(p.name.endsWith(deName(commune.nom)), `${p.name} in ${commune.nom}`);
  }
  for (const s of network.structures) {
    if (s.communeCode) assert.equal(communeByCode.get(s.communeCode)?.departement, "47", `${s.key} commune`);
    if (s.epciCode) {
      const epci = officialEpcis.find((e) => e.code === s.epciCode);
      assert.ok(epci, `${s.key}: EPCI ${s.epciCode}`);
      if (s.communeCode) assert.ok(epci.membres.some((m) => m.code === s.communeCode), `${s.key}: commune in its EPCI`);
    }
  }
});

test("Lot-et-Garonne: demo accounts for every role, including the documented ones", () => {
  const network = lotEtGaronneNetwork();
  const account = (email: string) => network.accounts.find((a) => a.email === email);
  const roleOf = (email: string) => account(email)?.roles.map((r) => `${r.role}:${r.structure ?? "*"}`);
  assert.deepEqual(roleOf("admin@declic47.example"), ["admin:*"]);
  assert.deepEqual(roleOf("coordination@declic47.example"), ["coordinator:*", "structure_manager:departement"]);
  assert.deepEqual(roleOf("prefecture@declic47.example"), ["state_reader:*"]);
  assert.deepEqual(roleOf("responsable.lgnum@declic47.example"), ["structure_manager:lgnum"]);
  assert.deepEqual(roleOf("mairie.nerac@declic47.example"), ["commune_agent:nerac"]);
  assert.deepEqual(roleOf("mairie.duras@declic47.example"), ["commune_agent:duras"]);
  assert.deepEqual(roleOf("caf@declic47.example"), ["partner_agent:caf"]);
  assert.deepEqual(roleOf("francetravail@declic47.example"), ["partner_agent:france-travail"]);
  // Every employer has a manager.
  for (const s of network.structures) {
    const employs = network.accounts.some((a) => a.advisor?.structure === s.key);
    if (!employs) continue;
    assert.ok(
      network.accounts.some((a) => a.roles.some((r) => r.role === "structure_manager" && r.structure === s.key)),
      `manager for ${s.key}`,
    );
  }
  // Advisors' e-mails are prenom.nom.
  for (const a of network.accounts.filter((x) => x.advisor)) {
    assert.match(a.email, /^[a-z-]+\.[a-z-]+@declic47\.example$/);
  }
});

test("docs/demo-accounts.md lists exactly the Lot-et-Garonne demo accounts", () => {
  const doc = readFileSync(new URL("../../../docs/demo-accounts.md", import.meta.url), "utf8");
  const documented = new Set(doc.match(/[a-z0-9.-]+@declic47\.example/g));
  assert.deepEqual([...documented].sort(), lotEtGaronneNetwork().accounts.map((a) => a.email).sort());
});

test("Lot-et-Garonne: deterministic", () => {
  assert.deepEqual(lotEtGaronneNetwork(), lotEtGaronneNetwork());
  const first = lotEtGaronneNetwork().accounts.find((a) => a.advisor);
  assert.ok(first);
  assert.equal(first.email, lotEtGaronneNetwork().accounts.find((a) => a.advisor)?.email);
});

test("another département gets a smaller network from its own communes", () => {
  const network = genericNetwork(genericInput("64"));
  assert.equal(network.kind, "generic");
  assert.equal(network.domain, "declic64.example");
  assertConsistent(network);
  assert.ok(network.structures.some((s) => s.name === "Département des Pyrénées-Atlantiques"));
  assert.ok(network.structures.some((s) => s.name === "Commune de Pau"));
  assert.equal(network.places.find((p) => p.name.startsWith("Médiathèque départementale"))?.communeCode, "64445");
  assert.equal(advisorCount(network, ["departement"]), 4);
  for (const p of network.places) {
    const commune = communeByCode.get(p.communeCode);
    assert.equal(commune?.departement, "64");
    assert.ok(commune?.codesPostaux?.includes(p.postcode));
  }
  assert.deepEqual(genericNetwork(genericInput("64")), network);
  for (const departement of ["01", "2A", "33", "75", "93"]) assertConsistent(genericNetwork(genericInput(departement)));
});

test("a département without communes cannot get a demo network", () => {
  assert.throws(() => genericNetwork({ ...genericInput("64"), communes: [] }), /load the territory first/);
});
