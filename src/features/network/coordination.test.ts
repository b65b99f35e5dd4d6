import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { blankCoordinationForm, type CoordinationForm, checkCoordinationEvent, readCoordinationForm, readJournalFilter, totalsByKind } from "./coordination.ts";

const TODAY = "2026-11-02";

function form(overrides: Partial<CoordinationForm>): CoordinationForm {
  return { ...blankCoordinationForm(TODAY), kind: "reunion-reseau", title: "Réunion des conseillers du Villeneuvois", ...overrides };
}

describe("the coordination log entry check", () => {
  test("a complete entry gives the clean input; optional fields may stay empty", () => {
    const full = checkCoordinationEvent(
      form({ duration_minutes: "90", participants_count: "14", partners: "CAF, France Travail", commune_code: "47323", notes: "Bilan du trimestre" }),
      { today: TODAY },
    );
    assert.deepEqual(full.input, {
      date: TODAY,
      kind: "reunion-reseau",
      title: "Réunion des conseillers du Villeneuvois",
      durationMinutes: 90,
      participantsCount: 14,
      partners: "CAF, France Travail",
      communeCode: "47323",
      notes: "Bilan du trimestre",
    });
    const minimal = checkCoordinationEvent(form({}), { today: TODAY });
    assert.equal(minimal.input?.durationMinutes, null);
    assert.equal(minimal.input?.communeCode, null);
  });

  test("every wrong field gets its French error", () => {
    const checked = checkCoordinationEvent(
      { date: "2026-02-30", kind: "fete", title: "", duration_minutes: "1,5", participants_count: "-3", partners: "x".repeat(1001), commune_code: "4700", notes: "" },
      { today: TODAY },
    );
    assert.equal(checked.input, null);
    assert.deepEqual(checked.errors, {
      date: "Indiquez une date valide, par exemple 2027-03-15.",
      kind: "Choisissez le type d'action.",
      title: "Indiquez un titre.",
      duration_minutes: "Indiquez la durée en minutes, un nombre entier de 1 à 10000.",
      participants_count: "Indiquez le nombre de participants, un nombre entier (0 ou plus).",
      partners: "La liste des partenaires ne doit pas dépasser 1000 caractères.",
      commune_code: "Le code INSEE de la commune a 5 caractères, par exemple 47001 pour Agen.",
    });
  });

  test("dates: required, not before 2000, at most a year ahead", () => {
    assert.equal(checkCoordinationEvent(form({ date: "" }), { today: TODAY }).errors?.date, "Indiquez la date.");
    assert.match(checkCoordinationEvent(form({ date: "1999-12-31" }), { today: TODAY }).errors?.date ?? "", /après le 1er janvier 2000/);
    assert.equal(checkCoordinationEvent(form({ date: "2027-11-02" }), { today: TODAY }).errors, null);
    assert.match(checkCoordinationEvent(form({ date: "2027-11-03" }), { today: TODAY }).errors?.date ?? "", /dans l'année qui vient/);
    assert.match(checkCoordinationEvent(form({ duration_minutes: "0" }), { today: TODAY }).errors?.duration_minutes ?? "", /de 1 à/);
    assert.equal(checkCoordinationEvent(form({ participants_count: "0", commune_code: "2A004" }), { today: TODAY }).errors, null);
  });

  test("reading the form trims, upper-cases the commune code and keeps the first of repeated fields", () => {
    const values = readCoordinationForm({ title: "  Forum  ", commune_code: " 2b033 ", kind: ["evenement", "autre"], notes: "a\r\nb " });
    assert.equal(values.title, "Forum");
    assert.equal(values.commune_code, "2B033");
    assert.equal(values.kind, "evenement");
    assert.equal(values.notes, "a\nb");
    assert.equal(values.date, "");
  });
});

describe("the log's period and totals", () => {
  test("no parameter means the current year; a submitted form with empty dates means all dates", () => {
    assert.deepEqual(readJournalFilter({}, TODAY), { from: "2026-01-01", to: "2026-12-31", kind: "", page: 1 });
    assert.deepEqual(readJournalFilter({ du: "", au: "" }, TODAY), { from: "", to: "", kind: "", page: 1 });
    assert.deepEqual(readJournalFilter({ du: "2026-03-01", au: "nope", type: "partenariat", page: "3" }, TODAY), {
      from: "2026-03-01",
      to: "",
      kind: "partenariat",
      page: 3,
    });
    assert.equal(readJournalFilter({ type: "x", page: "-1" }, TODAY).page, 1);
  });

  test("totals list every kind, zeros included, and add up", () => {
    const { byKind, all } = totalsByKind([
      { kind: "formation", events: 2, minutes: 360, participants: 20 },
      { kind: "reunion-reseau", events: 3, minutes: 270, participants: 40 },
    ]);
    assert.deepEqual(byKind.map((k) => [k.kind, k.events]), [["reunion-reseau", 3], ["evenement", 0], ["partenariat", 0], ["formation", 2], ["autre", 0]]);
    assert.deepEqual(all, { events: 5, minutes: 630, participants: 60 });
  });
});
