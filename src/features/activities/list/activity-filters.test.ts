import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { filterParams, parseDay, parseFilters, readFilterInput } from "./activity-filters.ts";

const ID = "0b6f1f5e-3c2a-4d8e-9a51-2f7d3c1e9b40";

describe("list filters from the URL", () => {
  test("empty values mean no filter", () => {
    const { filters, errors } = parseFilters(readFilterInput({ du: "", type: " " }));
    assert.deepEqual(errors, []);
    assert.ok(Object.values(filters).every((v) => v === null));
  });

  test("every filter is read under its French name and written back the same way", () => {
    const query = { du: "2026-03-01", au: "2026-03-31", type: "individuel", thematique: "aide-demarches", lieu: ID, beneficiaire: ID, conseiller: ID, structure: ID };
    const { filters, errors } = parseFilters(readFilterInput(query));
    assert.deepEqual(errors, []);
    assert.equal(filters.theme, "aide-demarches");
    assert.deepEqual(filterParams(filters), query);
  });

  test("dates are ISO days or typed the French way, and real days only", () => {
    assert.equal(parseDay("2026-03-05"), "2026-03-05");
    assert.equal(parseDay("5/3/2026"), "2026-03-05");
    assert.equal(parseDay("2026-02-30"), null);
    assert.equal(parseDay("hier"), null);
  });

  test("wrong values give one French message per field", () => {
    const { errors } = parseFilters(readFilterInput({ du: "32/01/2026", au: "2026-01-01", type: "groupe", thematique: "cuisine", lieu: "42", conseiller: "x" }));
    const fields = Object.fromEntries(errors.map((e) => [e.field, e.message]));
    assert.match(fields.du!, /n'est pas une date valide/);
    assert.match(fields.type!, /type d'activité/);
    assert.match(fields.thematique!, /thématique/);
    assert.match(fields.lieu!, /lieu/);
    assert.match(fields.conseiller!, /conseill/);
  });

  test("the end day cannot come before the start day; the same day is allowed", () => {
    assert.match(parseFilters(readFilterInput({ du: "2026-03-10", au: "2026-03-09" })).errors[0]!.message, /après la date de début/);
    assert.deepEqual(parseFilters(readFilterInput({ du: "2026-03-10", au: "2026-03-10" })).errors, []);
  });
});
