import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { THEMES } from "../activities/taxonomy.ts";
import { type Answer, AREAS, diagnose, levelFor, parseAnswers, QUESTION_COUNT, QUESTIONS, reportPrefill, reportThemes } from "./self-diagnostic.ts";
import { type CandidateWorkshop, suggestWorkshops, teaches } from "./workshop-match.ts";

/** Answers by area, in the order of AREAS: two digits each. */
function answers(byArea: string): Answer[] {
  const parsed = parseAnswers(byArea);
  assert.ok(parsed && parsed.length === QUESTION_COUNT);
  return parsed;
}

const AGEN = { latitude: 44.2033, longitude: 0.6163 };
const NEAR_AGEN = { latitude: 44.25, longitude: 0.65 }; // about 5 km
const MARMANDE = { latitude: 44.5, longitude: 0.165 }; // about 50 km

function workshop(id: string, themes: string[], level: string, where: "near" | "far" | "remote", day = 1): CandidateWorkshop {
  return {
    id,
    title: `Atelier ${id}`,
    themes,
    level,
    isRemote: where === "remote",
    startsAt: new Date(Date.UTC(2027, 0, day, 13)),
    placeName: where === "remote" ? null : "Médiathèque",
    communeName: where === "remote" ? null : "Agen",
    location: where === "near" ? NEAR_AGEN : where === "far" ? MARMANDE : null,
  };
}

describe("the questions", () => {
  test("twelve questions, two in each of the six national competence areas", () => {
    assert.equal(QUESTION_COUNT, 12);
    for (const area of AREAS) assert.equal(QUESTIONS.filter((q) => q.area === area.code).length, 2, area.code);
  });

  test("every area points to themes of the activity-report taxonomy", () => {
    const codes = new Set<string>(THEMES.map((t) => t.code));
    for (const area of AREAS) for (const theme of area.themes) assert.ok(codes.has(theme), theme);
  });

  test("an answers code with a wrong digit or too many answers is refused", () => {
    assert.deepEqual(parseAnswers("012"), [0, 1, 2]);
    assert.deepEqual(parseAnswers(""), []);
    assert.equal(parseAnswers("013"), null);
    assert.equal(parseAnswers("0".repeat(13)), null);
    assert.equal(parseAnswers("1a"), null);
  });
});

describe("the diagnosis", () => {
  test("an area with both answers « seul » is acquired; one or less starts at beginners, two or three at intermediate", () => {
    assert.equal(levelFor(0), "debutant");
    assert.equal(levelFor(1), "debutant");
    assert.equal(levelFor(2), "intermediaire");
    assert.equal(levelFor(3), "intermediaire");
    assert.equal(levelFor(4), null);
  });

  test("says what the person does alone and lists the areas to learn, the weakest first", () => {
    // device 4, e-mail 3, files 2, procedures 0, security 1, information 4
    const result = diagnose(answers("222120001022"));
    assert.deepEqual(
      result.acquired.map((a) => a.code),
      ["appareil", "information"],
    );
    assert.deepEqual(
      result.needs.map((n) => [n.area.code, n.level]),
      [
        ["demarches", "debutant"],
        ["securite", "debutant"],
        ["fichiers", "intermediaire"],
        ["courriel", "intermediaire"],
      ],
    );
    assert.ok(result.canDo.includes("Installer une application"));
    assert.ok(result.canDo.includes("Lire un courriel et y répondre"));
    assert.ok(!result.canDo.includes("Envoyer une pièce jointe"));
  });

  test("equal scores keep the usual learning order: a device before e-mail", () => {
    const result = diagnose(answers("000000000000"));
    assert.deepEqual(
      result.needs.map((n) => n.area.code),
      AREAS.map((a) => a.code),
    );
    assert.deepEqual(result.canDo, []);
  });

  test("the report themes are the diagnostic and the first theme of each area to learn", () => {
    assert.deepEqual(reportThemes(diagnose(answers("222222220022"))), ["diagnostic-numerique", "securite-numerique"]);
  });
});

describe("suggested workshops", () => {
  const needs = diagnose(answers("222222000122")).needs; // procedures: beginner, security: beginner (score 1)

  test("a workshop is proposed only at the right level and on a theme of the area", () => {
    const [procedures] = needs;
    assert.ok(procedures);
    assert.equal(teaches(procedures, { level: "debutant", themes: ["aide-demarches"] }), true);
    assert.equal(teaches(procedures, { level: "intermediaire", themes: ["aide-demarches"] }), false);
    assert.equal(teaches(procedures, { level: "debutant", themes: ["e-mail"] }), false);
  });

  test("near the commune within 25 km, and remote, each soonest first; far and wrong-level workshops are left out", () => {
    const candidates = [
      workshop("near-late", ["aide-demarches"], "debutant", "near", 20),
      workshop("near-soon", ["sante", "aide-demarches"], "debutant", "near", 5),
      workshop("far", ["aide-demarches"], "debutant", "far", 2),
      workshop("too-advanced", ["aide-demarches"], "avance", "near", 3),
      workshop("jeudi", ["aide-demarches"], "debutant", "remote", 7),
      workshop("security", ["securite-numerique"], "debutant", "near", 8),
    ];
    const [procedures, security] = suggestWorkshops(needs, candidates, AGEN);
    assert.deepEqual(
      procedures?.nearby.map((w) => w.id),
      ["near-soon", "near-late"],
    );
    assert.deepEqual(
      procedures?.remote.map((w) => w.id),
      ["jeudi"],
    );
    assert.ok((procedures?.nearby[0]?.distanceKm ?? 99) < 10);
    assert.deepEqual(
      security?.nearby.map((w) => w.id),
      ["security"],
    );
  });

  test("without a commune only remote workshops are proposed", () => {
    const candidates = [workshop("near", ["aide-demarches"], "debutant", "near"), workshop("jeudi", ["aide-demarches"], "debutant", "remote")];
    const [procedures] = suggestWorkshops(needs, candidates, null);
    assert.deepEqual(procedures?.nearby, []);
    assert.deepEqual(
      procedures?.remote.map((w) => w.id),
      ["jeudi"],
    );
  });

  test("a workshop teaching two areas is proposed once, for the weaker area", () => {
    const both = workshop("both", ["aide-demarches", "securite-numerique"], "debutant", "near");
    const [procedures, security] = suggestWorkshops(needs, [both], AGEN);
    assert.deepEqual(
      procedures?.nearby.map((w) => w.id),
      ["both"],
    );
    assert.deepEqual(security?.nearby, []);
  });

  test("at most three areas, three workshops nearby and two remote for each", () => {
    const many = Array.from({ length: 6 }, (_, i) => workshop(`n${i}`, ["aide-demarches"], "debutant", "near", i + 1));
    const remote = Array.from({ length: 4 }, (_, i) => workshop(`r${i}`, ["aide-demarches"], "debutant", "remote", i + 1));
    const allNeeds = diagnose(answers("000000000000")).needs;
    const result = suggestWorkshops(allNeeds, [...many, ...remote], AGEN);
    assert.equal(result.length, 3);
    const procedures = result.find((s) => s.need.area.code === "demarches");
    assert.equal(procedures, undefined, "procedures come fourth in the learning order");
    const all = suggestWorkshops(diagnose(answers("222222000022")).needs, [...many, ...remote], AGEN);
    assert.deepEqual(
      all[0]?.nearby.map((w) => w.id),
      ["n0", "n1", "n2"],
    );
    assert.deepEqual(
      all[0]?.remote.map((w) => w.id),
      ["r0", "r1"],
    );
  });
});

describe("attaching the result to an activity report", () => {
  test("a complete code gives the themes and a one-line summary for the notes", () => {
    const prefill = reportPrefill("222222000122");
    assert.deepEqual(prefill?.themes, ["diagnostic-numerique", "aide-demarches", "securite-numerique"]);
    assert.match(prefill?.notes ?? "", /À travailler : Faire ses démarches en ligne \(débutant\) ; Se protéger en ligne \(débutant\)\./);
    assert.match(prefill?.notes ?? "", /Acquis : Utiliser un téléphone/);
  });

  test("an unfinished or altered code brings nothing", () => {
    assert.equal(reportPrefill("2222"), null);
    assert.equal(reportPrefill("22222200012x"), null);
  });
});
