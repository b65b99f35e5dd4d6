import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { PlaceRow } from "../places.table.ts";
import { parseDate, readPermanenceForm, validatePermanenceForm } from "./permanence-form.ts";
import { diffColumns } from "./place-changes.ts";
import { normalizePhone, normalizePivot, normalizeUrl, placeToForm, readPlaceForm, splitOtherLabels, validatePlaceForm } from "./place-form.ts";

const valid = {
  name: "Médiathèque",
  structure_id: "s1",
  address: "1 place du Marché",
  commune: "Nérac",
  visibility: "public",
};

const emptyPlace = {
  name: "Médiathèque",
  structure_id: "s1",
  address: "1 place du Marché",
  postcode: "47600",
  is_public: true,
  opening_hours: null,
  emails: [],
  email: null,
  mobility: [],
  typologie: [],
  services: [],
  publics: [],
  specific_support: [],
  fees: [],
  access_modes: [],
  support_modes: [],
  national_programmes: [],
  labels: [],
} as Partial<PlaceRow>;

describe("checking the place form", () => {
  test("a minimal place is accepted, with hours from the grid", () => {
    const { input, errors } = validatePlaceForm(readPlaceForm({ ...valid, "heures-6-1-debut": "09:00", "heures-6-1-fin": "12:00" }));
    assert.deepEqual(errors, {});
    assert.equal(input?.openingHours, "Sa 09:00-12:00");
    assert.equal(input?.isPublic, true);
  });

  test("each missing or wrong field gets its own French message", () => {
    const { input, errors } = validatePlaceForm(
      readPlaceForm({ visibility: "x", phone: "123", emails: "a@b.fr, pas-une-adresse", website: "pas une url", postcode: "470", pivot: "W12" }),
    );
    assert.equal(input, null);
    assert.deepEqual(Object.keys(errors).sort(), ["address", "commune", "emails", "name", "phone", "pivot", "postcode", "structure_id", "visibility", "website"]);
    assert.match(errors.emails!, /« pas-une-adresse »/);
  });

  test("the expert field replaces the grid and is checked with the opening_hours syntax", () => {
    const ok = validatePlaceForm(readPlaceForm({ ...valid, horaires_expert: "Mo-Fr 08:30-18:00; PH off", "heures-1-1-debut": "nonsense" }));
    assert.equal(ok.input?.openingHours, "Mo-Fr 08:30-18:00; PH off");
    const bad = validatePlaceForm(readPlaceForm({ ...valid, horaires_expert: "lundi matin" }));
    assert.match(bad.errors.horaires_expert!, /^Horaires non reconnus/);
  });

  test("checkbox codes become the national standard's values; unknown codes are dropped", () => {
    const { input } = validatePlaceForm(readPlaceForm({ ...valid, fees: ["gratuit", "inconnu"], typologie: "BIB", mobility: "itinerant" }));
    assert.deepEqual(input?.enums.fees, ["Gratuit"]);
    assert.deepEqual(input?.enums.typologie, ["BIB"]);
    assert.deepEqual(input?.mobility, ["Itinérant"]);
  });

  test("other labels are read from commas or line breaks, trimmed, without blanks or repeats; the parent structure is trimmed", () => {
    assert.deepEqual(splitOtherLabels(" Label A ,\r\nLabel   B\n\n, Label A |Label C"), ["Label A", "Label B", "Label C"]);
    const { input, errors } = validatePlaceForm(
      readPlaceForm({ ...valid, other_labels: "Ambassadeurs du numérique\nPass numérique local, ", parent_structure: "  Communauté d'agglomération d'Agen  " }),
    );
    assert.deepEqual(errors, {});
    assert.deepEqual(input?.otherLabels, ["Ambassadeurs du numérique", "Pass numérique local"]);
    assert.equal(input?.parentStructure, "Communauté d'agglomération d'Agen");
    const empty = validatePlaceForm(readPlaceForm({ ...valid, other_labels: " , \n", parent_structure: "  " }));
    assert.deepEqual(empty.input?.otherLabels, []);
    assert.equal(empty.input?.parentStructure, null);
  });

  test("a label over 200 characters, more than 10 labels or a parent structure over 200 characters are refused in French", () => {
    const long = validatePlaceForm(readPlaceForm({ ...valid, other_labels: `Court, ${"L".repeat(201)}`, parent_structure: "P".repeat(201) }));
    assert.equal(long.input, null);
    assert.match(long.errors.other_labels!, /200 caractères au plus : « L{40}… » en compte 201/);
    assert.match(long.errors.parent_structure!, /200 caractères au plus \(actuellement 201\)/);
    const exact = validatePlaceForm(readPlaceForm({ ...valid, other_labels: "L".repeat(200), parent_structure: "P".repeat(200) }));
    assert.deepEqual(exact.errors, {});
    const many = Array.from({ length: 11 }, (_, i) => `Label ${i + 1}`);
    assert.match(validatePlaceForm(readPlaceForm({ ...valid, other_labels: many.join(", ") })).errors.other_labels!, /10 formations ou labels au plus \(actuellement 11\)/);
    assert.deepEqual(validatePlaceForm(readPlaceForm({ ...valid, other_labels: many.slice(0, 10).join("\n") })).errors, {});
  });

  test("a stored place fills the labels one per line and the parent structure", () => {
    const place = { other_labels: ["Label A", "Label B"], parent_structure: "Fédération X" } as Partial<PlaceRow>;
    const { text } = placeToForm({ ...emptyPlace, ...place } as PlaceRow, "Agen");
    assert.equal(text.other_labels, "Label A\nLabel B");
    assert.equal(text.parent_structure, "Fédération X");
  });

  test("phones, web addresses and pivots are normalised", () => {
    assert.equal(normalizePhone("+33 5 53 69 40 00"), "05 53 69 40 00");
    assert.equal(normalizePhone("05.53.69.40.00"), "05 53 69 40 00");
    assert.equal(normalizePhone("12345"), null);
    assert.equal(normalizeUrl("www.agen.fr"), "https://www.agen.fr/");
    assert.equal(normalizeUrl("localhost"), null);
    assert.equal(normalizePivot("732 829 320 00074"), "73282932000074");
    assert.equal(normalizePivot("73282932000075"), null, "Luhn check");
    assert.equal(normalizePivot("w471234567"), "W471234567");
  });
});

describe("checking the permanence form", () => {
  test("French and ISO dates are read; impossible dates are refused", () => {
    assert.equal(parseDate("24/12/2026"), "2026-12-24");
    assert.equal(parseDate("2026-02-30"), null);
  });

  test("the rule is checked by permanence.ts and reported on the form's fields", () => {
    const { errors } = validatePermanenceForm(
      readPermanenceForm({ advisor_id: "", start_time: "9h", end_time: "12:00", every_weeks: "9", valid_from: "", mode: "x" }),
    );
    assert.deepEqual(Object.keys(errors).sort(), ["advisor_id", "every_weeks", "mode", "start_time", "valid_from", "weekdays"]);
  });
});

describe("the history of changes", () => {
  test("only changed columns are kept, with before and after", () => {
    assert.deepEqual(diffColumns({ name: "A", services: ["x"], phone: null }, { name: "A", services: ["x", "y"], phone: null }), {
      services: { before: ["x"], after: ["x", "y"] },
    });
    assert.deepEqual(diffColumns(null, { name: "A", phone: null, emails: [] }), { name: { before: null, after: "A" } });
  });
});
