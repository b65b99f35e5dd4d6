import assert from "node:assert/strict";
import { test } from "node:test";
import { clockRange, clockTime, clockTimeOf, durationText, hoursText, lowerFirst, phoneText } from "./french-format.ts";

const nb = (text: string) => text.replaceAll(" ", "\u00a0");

test("a time never breaks inside: « 13 h 30 » holds non-breaking spaces only", () => {
  assert.equal(clockTime(13, 30), nb("13 h 30"));
  assert.equal(clockTime(9, 0), nb("9 h"));
  assert.equal(clockTime(9, 5), nb("9 h 05"));
  assert.equal(clockTimeOf("09:00"), nb("9 h"));
  assert.equal(clockTimeOf("17:30:00"), nb("17 h 30"));
  assert.doesNotMatch(clockTime(13, 30), / /, "no breakable space");
});

test("a range breaks only after its dash", () => {
  assert.equal(clockRange(clockTime(9, 0), clockTime(12, 30)), "9\u00a0h\u00a0– 12\u00a0h\u00a030");
});

test("durations read « 45 min », « 1 h », « 1 h 30 » without breakable spaces", () => {
  assert.equal(durationText(45), nb("45 min"));
  assert.equal(durationText(60), nb("1 h"));
  assert.equal(durationText(90), nb("1 h 30"));
  assert.equal(durationText(0), nb("0 min"));
  assert.equal(durationText(1805), nb("30 h 05"));
  assert.equal(hoursText("12,5"), nb("12,5 h"));
});

test("a phone number reads in pairs however it was typed", () => {
  for (const typed of ["0612345678", "06.12.34.56.78", "06 12 34 56 78", "+33 6 12 34 56 78", "+33 (0)6 12 34 56 78", "0033612345678", "06-12-34-56-78"]) {
    assert.equal(phoneText(typed), "06 12 34 56 78", typed);
  }
  assert.equal(phoneText(" +44 20 7946 0958 "), "+44 20 7946 0958", "a foreign number stays as typed");
  assert.equal(phoneText("3939"), "3939");
});

test("a label in a sentence starts in lower case, but an acronym keeps its capitals", () => {
  assert.equal(lowerFirst("RDV confirmé le mardi"), "RDV confirmé le mardi");
  assert.equal(lowerFirst("CAF"), "CAF");
  assert.equal(lowerFirst("Votre RDV est annulé"), "votre RDV est annulé");
  assert.equal(lowerFirst("Équipement"), "équipement");
  assert.equal(lowerFirst("A"), "a");
  assert.equal(lowerFirst(""), "");
});
