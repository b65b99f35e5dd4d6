import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { type ActivityReportInput, type CheckResult, checkActivityReport } from "./activity.ts";

const now = new Date("2026-06-15T10:00:00Z");

const individual: ActivityReportInput = {
  type: "individuel",
  date: "2026-06-15",
  placeType: "lieu-activite",
  placeId: "place-1",
  durationPreset: "30",
  themes: ["e-mail"],
};

const collective: ActivityReportInput = {
  type: "collectif",
  date: "2026-06-12",
  placeType: "lieu-activite",
  placeId: "place-1",
  durationPreset: "120",
  themes: ["securite-numerique"],
  title: "Repérer les arnaques",
  anonymousParticipants: { total: "8" },
};

function check(input: ActivityReportInput): CheckResult {
  return checkActivityReport(input, { now });
}

function errorFields(input: ActivityReportInput): string[] {
  const result = check(input);
  return result.ok ? [] : result.errors.map((e) => e.field);
}

function accepted(input: ActivityReportInput) {
  const result = check(input);
  assert.ok(result.ok, JSON.stringify(!result.ok && result.errors));
  return result.report;
}

describe("activity report rules", () => {
  test("a minimal individual report is accepted, anonymous by default", () => {
    const report = accepted(individual);
    assert.equal(report.type, "individuel");
    assert.equal(report.durationMinutes, 30);
    assert.deepEqual(report.place, { type: "lieu-activite", placeId: "place-1" });
    assert.ok(report.type === "individuel");
    assert.deepEqual(report.beneficiary, {
      kind: "anonymous",
      gender: "non-communique",
      ageBand: "non-communique",
      socialStatus: "non-communique",
      residenceCommuneCode: null,
    });
  });

  test("the activity type is required", () => {
    assert.deepEqual(errorFields({ ...individual, type: "" }), ["type"]);
    assert.deepEqual(errorFields({ ...individual, type: "visite" }), ["type"]);
  });

  test("a report must have at least one theme", () => {
    assert.deepEqual(errorFields({ ...individual, themes: [] }), ["themes"]);
    const result = check({ ...individual, themes: undefined });
    assert.ok(!result.ok);
    assert.equal(result.errors[0]?.message, "Choisissez au moins une thématique.");
  });

  test("an unknown theme is refused", () => {
    assert.deepEqual(errorFields({ ...individual, themes: ["e-mail", "astrologie"] }), ["themes"]);
  });

  test("a single theme sent as a plain form string is accepted", () => {
    assert.deepEqual(accepted({ ...individual, themes: "sante" }).themes, ["sante"]);
  });

  test("procedure areas need the administrative-help theme", () => {
    assert.deepEqual(errorFields({ ...individual, procedureAreas: ["logement"] }), ["procedureAreas"]);
  });

  test("the administrative-help theme needs at least one procedure area", () => {
    assert.deepEqual(errorFields({ ...individual, themes: ["aide-demarches"] }), ["procedureAreas"]);
    const report = accepted({ ...individual, themes: ["aide-demarches", "e-mail"], procedureAreas: ["argent-impots", "logement"] });
    assert.deepEqual(report.procedureAreas, ["logement", "argent-impots"]);
  });

  test("« no equipment » cannot be combined with equipment", () => {
    assert.deepEqual(errorFields({ ...individual, equipment: ["aucun", "ordinateur"] }), ["equipment"]);
    assert.deepEqual(accepted({ ...individual, equipment: ["telephone", "ordinateur"] }).equipment, ["ordinateur", "telephone"]);
  });

  test("an activity in a place of activity needs that place", () => {
    assert.deepEqual(errorFields({ ...individual, placeId: "" }), ["placeId"]);
  });

  test("an activity at home needs the commune", () => {
    assert.deepEqual(errorFields({ ...individual, placeType: "domicile", placeId: undefined }), ["communeCode"]);
    const report = accepted({ ...individual, placeType: "domicile", communeCode: "47001" });
    assert.deepEqual(report.place, { type: "domicile", communeCode: "47001" });
  });

  test("an activity in another place needs the commune", () => {
    assert.deepEqual(errorFields({ ...individual, placeType: "autre-lieu" }), ["communeCode"]);
  });

  test("a commune is a five-character INSEE code, Corsican codes included", () => {
    assert.deepEqual(errorFields({ ...individual, placeType: "autre-lieu", communeCode: "Agen" }), ["communeCode"]);
    assert.deepEqual(errorFields({ ...individual, placeType: "autre-lieu", communeCode: "4700" }), ["communeCode"]);
    const report = accepted({ ...individual, placeType: "autre-lieu", communeCode: "2a004" });
    assert.deepEqual(report.place, { type: "autre-lieu", communeCode: "2A004" });
  });

  test("a remote activity keeps no place and no commune", () => {
    const report = accepted({ ...individual, placeType: "a-distance", communeCode: "47001" });
    assert.deepEqual(report.place, { type: "a-distance" });
  });

  test("the place type is required", () => {
    assert.deepEqual(errorFields({ ...individual, placeType: undefined }), ["placeType"]);
  });

  test("the duration is a preset or a custom number of minutes", () => {
    assert.deepEqual(errorFields({ ...individual, durationPreset: undefined }), ["durationPreset"]);
    assert.deepEqual(errorFields({ ...individual, durationPreset: "25" }), ["durationPreset"]);
    assert.equal(accepted({ ...individual, durationPreset: "autre", durationMinutes: "50" }).durationMinutes, 50);
    assert.equal(accepted({ ...individual, durationPreset: undefined, durationMinutes: 75 }).durationMinutes, 75);
  });

  test("a custom duration lies between 1 and 1440 minutes", () => {
    for (const minutes of ["0", "1441", "12.5", "une heure", -5]) {
      assert.deepEqual(errorFields({ ...individual, durationPreset: "autre", durationMinutes: minutes }), ["durationMinutes"], String(minutes));
    }
    assert.deepEqual(errorFields({ ...individual, durationPreset: "autre" }), ["durationMinutes"]);
    assert.equal(accepted({ ...individual, durationPreset: "autre", durationMinutes: "1440" }).durationMinutes, 1440);
    assert.equal(accepted({ ...individual, durationPreset: "autre", durationMinutes: "1" }).durationMinutes, 1);
  });

  test("the date cannot be in the future (Paris calendar)", () => {
    assert.deepEqual(errorFields({ ...individual, date: "2026-06-16" }), ["date"]);
    // 22:30 UTC on 15 June is already 16 June in Paris.
    const lateEvening = checkActivityReport({ ...individual, date: "2026-06-16" }, { now: new Date("2026-06-15T22:30:00Z") });
    assert.ok(lateEvening.ok);
  });

  test("the date is a real calendar date", () => {
    assert.deepEqual(errorFields({ ...individual, date: "2026-02-30" }), ["date"]);
    assert.deepEqual(errorFields({ ...individual, date: "15/06/2026" }), ["date"]);
    assert.deepEqual(errorFields({ ...individual, date: undefined }), ["date"]);
  });

  test("errors are in French and name every faulty field at once", () => {
    const result = check({ type: "individuel" });
    assert.ok(!result.ok);
    assert.deepEqual(result.errors.map((e) => e.field).sort(), ["date", "durationPreset", "placeType", "themes"]);
    assert.ok(result.errors.every((e) => /[a-zé]/.test(e.message)));
  });
});

describe("individual-only fields", () => {
  test("an individual report records autonomy and orientation", () => {
    const report = accepted({ ...individual, autonomy: "partiellement-autonome", oriented: "oui", referralStructure: "aide-sociale" });
    assert.ok(report.type === "individuel");
    assert.equal(report.autonomy, "partiellement-autonome");
    assert.deepEqual(report.orientation, { oriented: true, referralStructure: "aide-sociale" });
  });

  test("a referral structure needs the person to be oriented", () => {
    assert.deepEqual(errorFields({ ...individual, oriented: "non", referralStructure: "administration" }), ["referralStructure"]);
    assert.deepEqual(errorFields({ ...individual, oriented: "peut-être" }), ["oriented"]);
  });

  test("a collective report refuses individual-only fields", () => {
    assert.deepEqual(errorFields({ ...collective, autonomy: "autonome", oriented: "non", beneficiaryId: "b-1", gender: "feminin" }), [
      "autonomy",
      "oriented",
      "beneficiaryId",
      "gender",
    ]);
  });

  test("a known beneficiary is linked without retyping their profile", () => {
    const report = accepted({ ...individual, beneficiaryId: "b-1" });
    assert.ok(report.type === "individuel");
    assert.deepEqual(report.beneficiary, { kind: "known", beneficiaryId: "b-1" });
    assert.deepEqual(errorFields({ ...individual, beneficiaryId: "b-1", ageBand: "18-24" }), ["ageBand"]);
  });

  test("an anonymous beneficiary profile uses the national categories", () => {
    const report = accepted({ ...individual, gender: "feminin", ageBand: "60-69", socialStatus: "retraite", residenceCommuneCode: "47323" });
    assert.ok(report.type === "individuel");
    assert.deepEqual(report.beneficiary, {
      kind: "anonymous",
      gender: "feminin",
      ageBand: "60-69",
      socialStatus: "retraite",
      residenceCommuneCode: "47323",
    });
    assert.deepEqual(errorFields({ ...individual, ageBand: "30-40", residenceCommuneCode: "x" }), ["ageBand", "residenceCommuneCode"]);
  });
});

describe("collective-only fields", () => {
  test("a collective report with anonymous participants is accepted", () => {
    const report = accepted({ ...collective, level: "debutant" });
    assert.ok(report.type === "collectif");
    assert.equal(report.title, "Repérer les arnaques");
    assert.equal(report.level, "debutant");
    assert.equal(report.participants.total, 8);
    assert.equal(report.participants.anonymous.genders["non-communique"], 8);
  });

  test("a workshop needs a title", () => {
    assert.deepEqual(errorFields({ ...collective, title: "  " }), ["title"]);
    assert.deepEqual(errorFields({ ...collective, title: "x".repeat(201) }), ["title"]);
  });

  test("a workshop needs at least one participant", () => {
    assert.deepEqual(errorFields({ ...collective, anonymousParticipants: { total: 0 } }), ["participants"]);
    assert.deepEqual(errorFields({ ...collective, anonymousParticipants: undefined }), ["participants"]);
  });

  test("known participants count, once each, with anonymous ones", () => {
    const report = accepted({ ...collective, participantIds: ["b-1", "b-2", "b-1"], anonymousParticipants: { total: "3" } });
    assert.ok(report.type === "collectif");
    assert.deepEqual(report.participants.beneficiaryIds, ["b-1", "b-2"]);
    assert.equal(report.participants.total, 5);
    assert.ok(accepted({ ...collective, participantIds: ["b-1"], anonymousParticipants: undefined }));
  });

  test("anonymous counts by gender, age band and social status leave the rest « non communiqué »", () => {
    const report = accepted({
      ...collective,
      anonymousParticipants: {
        total: 8,
        genders: { feminin: "5", masculin: "2" },
        ageBands: { "70-et-plus": 6 },
        socialStatuses: { retraite: "6", "en-emploi": "" },
      },
    });
    assert.ok(report.type === "collectif");
    const { genders, ageBands, socialStatuses } = report.participants.anonymous;
    assert.deepEqual(genders, { masculin: 2, feminin: 5, "non-communique": 1 });
    assert.equal(ageBands["70-et-plus"], 6);
    assert.equal(ageBands["non-communique"], 2);
    assert.equal(socialStatuses["non-communique"], 2);
  });

  test("a breakdown cannot count more people than the anonymous total", () => {
    assert.deepEqual(errorFields({ ...collective, anonymousParticipants: { total: 3, genders: { feminin: 2, masculin: 2 } } }), [
      "anonymousParticipants.genders",
    ]);
  });

  test("anonymous counts are whole numbers from 0 to 999 in known categories", () => {
    assert.deepEqual(errorFields({ ...collective, anonymousParticipants: { total: "-1" } }), ["anonymousParticipants.total", "participants"]);
    assert.deepEqual(errorFields({ ...collective, anonymousParticipants: { total: 1000 } }), ["anonymousParticipants.total", "participants"]);
    assert.deepEqual(errorFields({ ...collective, anonymousParticipants: { total: 4, ageBands: { "30-40": 2 } } }), ["anonymousParticipants.ageBands"]);
  });

  test("an individual report refuses collective-only fields", () => {
    assert.deepEqual(errorFields({ ...individual, title: "Atelier", level: "avance", participantIds: ["b-1"], anonymousParticipants: { total: 3 } }), [
      "title",
      "level",
      "participantIds",
      "anonymousParticipants",
    ]);
  });

  test("empty collective fields posted by an individual form are not refused", () => {
    assert.ok(check({ ...individual, title: "", level: "", participantIds: [], anonymousParticipants: { total: "", genders: { feminin: "" } } }).ok);
  });
});
