import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { type AdvisorLine, activityText, applyFilter, csvRows, groupAdvisors, NO_EPCI, readNetworkFilter, totalsText } from "./network-view.ts";

function line(overrides: Partial<AdvisorLine>): AdvisorLine {
  return {
    id: "1",
    firstName: "Léa",
    lastName: "Martin",
    structureId: "s1",
    structureName: "Association Clic et Lien",
    structureKind: "association",
    epciCode: "200096956",
    epciName: "CA Agglomération d'Agen",
    places: [{ id: "p", name: "Médiathèque", communeName: "Agen" }],
    weeklyMinutes: 600,
    training: ["Formation le mardi"],
    lastActivity: "2026-10-30",
    active: true,
    agendaHref: null,
    ...overrides,
  };
}

const LINES = [
  line({}),
  line({ id: "2", firstName: "Anne", lastName: "Dupuy", active: false, lastActivity: "2026-08-01", weeklyMinutes: 90 }),
  line({ id: "3", lastName: "Bernard", structureId: "s2", structureName: "Commune de Nérac", structureKind: "commune", epciCode: "200068948", epciName: "CC Albret Communauté" }),
  line({ id: "4", lastName: "Roux", structureId: "s3", structureName: "Département", structureKind: "departement", epciCode: null, epciName: null, lastActivity: null, active: false }),
];

describe("network filters and groups", () => {
  test("unknown filter values are ignored", () => {
    assert.deepEqual(readNetworkFilter({ par: "epci", type: "association", epci: "200096956", activite: "inactifs" }), {
      par: "epci",
      type: "association",
      epci: "200096956",
      activite: "inactifs",
    });
    assert.deepEqual(readNetworkFilter({ par: "x", type: "prefecture-x", epci: "<script>", activite: "peut-etre" }), { par: "structure", type: "", epci: "", activite: "" });
  });

  test("each filter narrows the advisors, and they combine", () => {
    const all = readNetworkFilter({});
    assert.equal(applyFilter(LINES, all).length, 4);
    assert.deepEqual(applyFilter(LINES, { ...all, type: "association" }).map((a) => a.id), ["1", "2"]);
    assert.deepEqual(applyFilter(LINES, { ...all, epci: NO_EPCI }).map((a) => a.id), ["4"]);
    assert.deepEqual(applyFilter(LINES, { ...all, activite: "inactifs" }).map((a) => a.id), ["2", "4"]);
    assert.deepEqual(applyFilter(LINES, { ...all, type: "association", activite: "actifs" }).map((a) => a.id), ["1"]);
  });

  test("groups by employer or EPCI carry totals that add up; advisors without EPCI come last", () => {
    const byStructure = groupAdvisors(LINES, "structure");
    assert.deepEqual(byStructure.map((g) => g.title), ["Association Clic et Lien", "Commune de Nérac", "Département"]);
    assert.equal(byStructure[0]?.subtitle, "Association");
    assert.deepEqual(byStructure[0]?.advisors.map((a) => a.lastName), ["Dupuy", "Martin"]);
    assert.deepEqual(byStructure[0]?.totals, { advisors: 2, active: 1, weeklyMinutes: 690 });
    const byEpci = groupAdvisors(LINES, "epci");
    assert.deepEqual(byEpci.map((g) => g.title), ["CA Agglomération d'Agen", "CC Albret Communauté", "Sans intercommunalité connue"]);
    assert.equal(byEpci.reduce((s, g) => s + g.totals.advisors, 0), 4);
  });

  test("texts and CSV rows say what the page says", () => {
    assert.equal(activityText(LINES[0]!), "Actif");
    assert.equal(activityText(LINES[1]!), "Inactif depuis le 1er août 2026");
    assert.equal(activityText(LINES[3]!), "Aucune activité enregistrée");
    assert.equal(totalsText({ advisors: 2, active: 1, weeklyMinutes: 690 }), "2 conseillers, dont 1 actif · 11\u00a0h\u00a030 de permanence par semaine");
    const rows = csvRows(groupAdvisors(LINES, "structure"));
    assert.deepEqual(rows[0], [
      "Association Clic et Lien",
      "Anne Dupuy",
      "Association Clic et Lien",
      "Association",
      "CA Agglomération d'Agen",
      "Médiathèque (Agen)",
      "1,5",
      "Formation le mardi",
      "Inactif depuis le 1er août 2026",
      "2026-08-01",
    ]);
  });
});
