import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { checkActivityReport } from "./activity.ts";
import { CommuneIndex } from "./commune-text.ts";
import { blankReportForm, durationFields, readReportForm, reportToForm, toReportInput } from "./report-form.ts";
import { fromAppointment, fromWorkshop, themeCodes } from "./report-prefill.ts";

const communes = new CommuneIndex([
  { code: "47001", name: "Agen" },
  { code: "47195", name: "Nérac" },
  { code: "47900", name: "Saint-Pierre" },
  { code: "47901", name: "Saint-Pierre" },
]);
const NOW = new Date("2030-06-12T10:00:00Z");

describe("communes typed in the form", () => {
  test("« Nom (code) », a bare code or a single name give the INSEE code", () => {
    assert.equal(communes.codeOf("Agen (47001)"), "47001");
    assert.equal(communes.codeOf(" 47195 "), "47195");
    assert.equal(communes.codeOf("nerac"), "47195");
    assert.equal(communes.codeOf("NÉRAC"), "47195");
    assert.equal(communes.codeOf("Corte (2b096)"), "2B096");
  });
  test("an unknown or ambiguous name stays as typed, so the domain refuses it", () => {
    assert.equal(communes.codeOf("Atlantide"), "Atlantide");
    assert.equal(communes.codeOf("Saint-Pierre"), "Saint-Pierre");
    assert.equal(communes.codeOf(""), "");
  });
  test("a stored code is shown with its name", () => {
    assert.equal(communes.text("47001"), "Agen (47001)");
    assert.equal(communes.text("75056"), "75056");
    assert.equal(communes.text(null), "");
  });
});

describe("the report form", () => {
  test("posted fields go to checkActivityReport with nested anonymous participants", () => {
    const values = readReportForm({
      type: "collectif",
      date: "2030-06-11",
      placeType: "a-distance",
      durationPreset: "60",
      themes: ["e-mail", "sante"],
      title: " Atelier ",
      "anonymousParticipants.total": "5",
      "anonymousParticipants.genders.feminin": "3",
      "anonymousParticipants.ageBands.25-39": "1",
    });
    assert.deepEqual(values.breakdown, { "genders.feminin": "3", "ageBands.25-39": "1" });
    const checked = checkActivityReport(toReportInput(values, (t) => communes.codeOf(t)), { now: NOW });
    assert.ok(checked.ok, JSON.stringify(checked));
    assert.equal(checked.report.type, "collectif");
    if (checked.report.type !== "collectif") return;
    assert.equal(checked.report.title, "Atelier");
    assert.equal(checked.report.participants.anonymous.genders.feminin, 3);
    assert.equal(checked.report.participants.anonymous.genders["non-communique"], 2);
  });

  test("a single checkbox value is a list of one", () => {
    assert.deepEqual(readReportForm({ themes: "e-mail" }).themes, ["e-mail"]);
    assert.deepEqual(readReportForm({}).themes, []);
  });

  test("a duration is its preset, or « autre » with the minutes", () => {
    assert.deepEqual(durationFields(45), { durationPreset: "45", durationMinutes: "" });
    assert.deepEqual(durationFields(50), { durationPreset: "autre", durationMinutes: "50" });
  });

  test("a stored anonymous report comes back as typed; a known person's profile stays empty", () => {
    const stored = {
      type: "individuel" as const,
      date: "2030-06-01",
      place_type: "domicile",
      place_id: null,
      commune_code: "47195",
      duration_minutes: 50,
      equipment: ["telephone"],
      themes: ["e-mail"],
      procedure_areas: [],
      notes: null,
      autonomy: "autonome",
      oriented: false,
      referral_structure: null,
      beneficiary_id: null,
      beneficiary_gender: "feminin",
      beneficiary_age_band: "non-communique",
      beneficiary_social_status: "retraite",
      beneficiary_commune_code: "47001",
      title: null,
      level: null,
      anonymous_total: 0,
      anonymous_participants: null,
    };
    const form = reportToForm(stored, [], (c) => communes.text(c));
    assert.equal(form.communeCode, "Nérac (47195)");
    assert.equal(form.residenceCommuneCode, "Agen (47001)");
    assert.equal(form.ageBand, "");
    assert.equal(form.oriented, "non");
    assert.deepEqual([form.durationPreset, form.durationMinutes], ["autre", "50"]);
    const checked = checkActivityReport(toReportInput(form, (t) => communes.codeOf(t)), { now: NOW });
    assert.ok(checked.ok, JSON.stringify(checked));
    const known = reportToForm({ ...stored, beneficiary_id: "b1" }, [], (c) => communes.text(c));
    assert.deepEqual([known.gender, known.socialStatus, known.residenceCommuneCode, known.beneficiaryId], ["", "", "", "b1"]);
  });
});

describe("prefill", () => {
  test("an appointment brings its date, place, length, themes, age band and commune", () => {
    const form = fromAppointment(
      blankReportForm("individuel"),
      {
        placeId: "p1",
        startsAt: new Date("2030-06-10T08:00:00Z"),
        endsAt: new Date("2030-06-10T08:45:00Z"),
        birthYear: 1990,
        communeCode: "47001",
        themes: ["sante", "unknown", "e-mail"],
        location: "place",
      },
      (c) => communes.text(c),
    );
    assert.deepEqual(
      [form.date, form.placeType, form.placeId, form.durationPreset, form.ageBand, form.residenceCommuneCode],
      ["2030-06-10", "lieu-activite", "p1", "45", "40-59", "Agen (47001)"],
    );
    assert.deepEqual(form.themes, ["e-mail", "sante"]);
  });

  test("a phone appointment is remote; an appointment at home takes the person's commune", () => {
    const base = { placeId: null, startsAt: new Date("2030-06-10T08:00:00Z"), endsAt: new Date("2030-06-10T08:30:00Z"), birthYear: null, communeCode: "47195", themes: [] };
    assert.equal(fromAppointment(blankReportForm("individuel"), { ...base, location: "phone" }, (c) => communes.text(c)).placeType, "a-distance");
    const home = fromAppointment(blankReportForm("individuel"), { ...base, location: "home" }, (c) => communes.text(c));
    assert.deepEqual([home.placeType, home.communeCode, home.ageBand], ["domicile", "Nérac (47195)", ""]);
  });

  test("a workshop brings its title, level, themes, place, length and the people present", () => {
    const form = fromWorkshop(blankReportForm("individuel"), {
      title: "Messagerie",
      level: "intermediaire",
      themes: ["e-mail"],
      placeId: null,
      isRemote: true,
      startsAt: new Date("2030-06-10T12:00:00Z"),
      endsAt: new Date("2030-06-10T13:30:00Z"),
      attendedCount: 7,
    });
    assert.deepEqual(
      [form.type, form.title, form.level, form.placeType, form.durationPreset, form.anonymousTotal],
      ["collectif", "Messagerie", "intermediaire", "a-distance", "90", "7"],
    );
    assert.deepEqual(themeCodes(["x"]), []);
  });
});
