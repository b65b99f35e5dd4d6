// Records the equivalence fixture: `npx tsx src/features/places/search/search-equivalence.record.ts`.
// Run it only against an implementation known to be right (it was first run before openings were precomputed).
import { writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { FIXTURE_URL, INSTANTS, replay } from "./search-equivalence.cases.ts";

const fixture = await replay(INSTANTS);
writeFileSync(FIXTURE_URL, gzipSync(JSON.stringify(fixture)));
const searches = fixture.answers.reduce((n, row) => n + row.length, 0);
console.log(`${searches} searches recorded over ${fixture.instants.length} instants`);
