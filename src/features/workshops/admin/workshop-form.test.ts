import assert from "node:assert/strict";
import { test } from "node:test";
import { blankWorkshopForm, validateWorkshopForm } from "./workshop-form.ts";

const choices = { placeIds: ["p1"], advisorIds: ["a1"], minCapacity: 3 };
const valid = { ...blankWorkshopForm("s1"), title: "Atelier", themes: ["e-mail"], place_id: "p1", date: "2027-03-28", start_time: "10:00", end_time: "12:00", capacity: "5" };

test("a valid workshop is read in Paris time, across the change to summer time", () => {
  const { value } = validateWorkshopForm("workshop", valid, choices);
  assert.ok(value && value.kind === "workshop");
  assert.equal(value.startsAt.toISOString(), "2027-03-28T08:00:00.000Z");
  assert.equal(value.common.is_public, true);
});

test("every mistake gets its own French message", () => {
  const { value, errors } = validateWorkshopForm("workshop", { ...valid, themes: [], place_id: "x", advisor_id: "b", capacity: "2", date: "2027-02-30" }, choices);
  assert.equal(value, null);
  assert.deepEqual(Object.keys(errors).sort(), ["advisor_id", "capacity", "date", "place_id", "themes"]);
  assert.match(errors.capacity ?? "", /3 personnes sont déjà inscrites/);
});

test("a remote workshop needs an https address and no place", () => {
  assert.ok(validateWorkshopForm("workshop", { ...valid, mode: "remote", place_id: "", video_url: "http://x.fr" }, choices).errors.video_url);
  const { value } = validateWorkshopForm("workshop", { ...valid, mode: "remote", place_id: "", video_url: "https://visio.fr/a" }, choices);
  assert.equal(value?.common.place_id, null);
});

test("a dated workshop of a series keeps its date and times", () => {
  const fixedSchedule = { date: "2027-03-28", start_time: "10:00", end_time: "12:00" };
  assert.equal(validateWorkshopForm("workshop", valid, { ...choices, fixedSchedule }).errors.date, undefined);
  assert.match(validateWorkshopForm("workshop", { ...valid, start_time: "11:00" }, { ...choices, fixedSchedule }).errors.date ?? "", /atelier régulier/);
});
