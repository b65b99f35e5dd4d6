import assert from "node:assert/strict";
import { test } from "node:test";
import { OCTOBER } from "./pages/stats-fixture.test-support.ts";
import { statsApiAnswer } from "./stats-api-answer.ts";

const SNAKE = /^[a-z]+(_[a-z]+)*$/;

test("the statistics answer speaks French snake_case, like every other endpoint", () => {
  const answer = statsApiAnswer(OCTOBER);
  assert.equal(answer.filtres.du, OCTOBER.filters.from);
  assert.equal(answer.filtres.au, OCTOBER.filters.to);
  assert.equal(answer.totaux.activites, OCTOBER.totals.activities);
  assert.equal(answer.totaux.personnes_deja_suivies, OCTOBER.totals.followedPeople);
  assert.equal(answer.totaux.duree_minutes, OCTOBER.totals.minutes);
  assert.deepEqual(answer.serie[0], { debut: OCTOBER.series[0]?.start, activites: OCTOBER.series[0]?.activities, accompagnements: OCTOBER.series[0]?.accompaniments, duree_minutes: OCTOBER.series[0]?.minutes });
  assert.deepEqual(
    answer.repartitions.map((r) => r.dimension),
    ["thematique", "genre"],
  );
  assert.equal(answer.repartitions[0]?.lignes[0]?.libelle, OCTOBER.breakdowns[0]?.rows[0]?.label);
  const french = { filtres: answer.filtres, totaux: answer.totaux, serie: answer.serie[0], ligne: answer.repartitions[0]?.lignes[0] };
  for (const part of Object.values(french)) for (const key of Object.keys(part ?? {})) assert.match(key, SNAKE, key);
});

test("the English keys of the first version are still there, unchanged, for one version", () => {
  const answer = statsApiAnswer(OCTOBER);
  assert.deepEqual(answer.filters, OCTOBER.filters);
  assert.deepEqual(answer.totals, OCTOBER.totals);
  assert.equal(answer.granularity, OCTOBER.granularity);
  assert.deepEqual(answer.series, OCTOBER.series);
  assert.deepEqual(answer.breakdowns, OCTOBER.breakdowns);
});
