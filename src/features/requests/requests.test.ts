import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ageInDays, canMoveTo, checkStatusChange, describeAge, nextStatuses, REQUEST_STATUS_CODES, REQUEST_STATUSES, statusFromCode } from "./requests.ts";

describe("commune request statuses", () => {
  test("the coordination studies, accepts, refuses or closes an open request", () => {
    assert.deepEqual(nextStatuses("coordination", "new"), ["in_review", "accepted", "refused", "closed"]);
    assert.deepEqual(nextStatuses("coordination", "in_review"), ["accepted", "refused", "closed"]);
    assert.ok(canMoveTo("coordination", "accepted", "closed"));
    assert.ok(!canMoveTo("coordination", "accepted", "refused"));
  });

  test("a refused or closed request can be reopened by the coordination only", () => {
    assert.ok(canMoveTo("coordination", "refused", "in_review"));
    assert.ok(canMoveTo("coordination", "closed", "in_review"));
    assert.ok(!canMoveTo("commune", "refused", "in_review"));
    assert.ok(!canMoveTo("commune", "closed", "in_review"));
  });

  test("the commune may only withdraw a request that waits", () => {
    assert.ok(canMoveTo("commune", "new", "closed"));
    assert.ok(canMoveTo("commune", "in_review", "closed"));
    assert.ok(!canMoveTo("commune", "accepted", "closed"));
    for (const to of REQUEST_STATUS_CODES) assert.ok(!canMoveTo("commune", "new", to) || to === "closed", to);
  });

  test("a refusal needs a reason, an acceptance needs a permanence or workshop", () => {
    assert.match(checkStatusChange("coordination", "in_review", "refused", "  ", false) ?? "", /motif du refus/);
    assert.equal(checkStatusChange("coordination", "in_review", "refused", "Pas de conseiller disponible ce trimestre.", false), null);
    assert.match(checkStatusChange("coordination", "new", "accepted", "", false) ?? "", /créez ou choisissez/);
    assert.equal(checkStatusChange("coordination", "new", "accepted", "", true), null);
    assert.match(checkStatusChange("commune", "accepted", "closed", "", true) ?? "", /ne peut pas passer/);
  });

  test("every status has a French URL code that reads back", () => {
    for (const status of REQUEST_STATUS_CODES) assert.equal(statusFromCode(REQUEST_STATUSES[status].code), status);
    assert.equal(statusFromCode("new"), null);
  });

  test("the age counts Paris calendar days", () => {
    // 23:30 in Paris on 1 March, then 00:30 on 2 March: one day, although only an hour passed.
    assert.equal(ageInDays(new Date("2027-03-01T22:30:00Z"), new Date("2027-03-01T23:30:00Z")), 1);
    assert.equal(ageInDays(new Date("2027-03-01T08:00:00Z"), new Date("2027-03-01T20:00:00Z")), 0);
    assert.equal(ageInDays(new Date("2027-03-01T08:00:00Z"), new Date("2027-03-13T08:00:00Z")), 12);
    assert.equal(describeAge(0), "aujourd'hui");
    assert.equal(describeAge(1), "hier");
    assert.equal(describeAge(12), "il y a 12 jours");
  });
});
