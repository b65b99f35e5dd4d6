// A newcomer's `npm install` on the Node version the README promises prints no EBADENGINE warning: every
// package in the lock file accepts both the oldest Node that package.json allows and the running one.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import semver from "semver";
import { ROOT } from "./support/templates.ts";

interface LockedPackage {
  version?: string;
  engines?: Record<string, string> | string[];
}

const lock = JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8")) as { packages: Record<string, LockedPackage> };
const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { engines: { node: string } };

/** The Node range each locked package declares (lock files of older npm kept `engines` as a list). */
function nodeRanges(): { name: string; range: string }[] {
  return Object.entries(lock.packages).flatMap(([path, entry]) => {
    if (path === "" || !entry.engines || Array.isArray(entry.engines) || !entry.engines.node) return [];
    return [{ name: `${path.replace(/^.*node_modules\//, "")}@${entry.version}`, range: entry.engines.node }];
  });
}

function refusing(nodeVersion: string): string[] {
  return nodeRanges()
    .filter(({ range }) => !semver.satisfies(nodeVersion, range, { includePrerelease: true }))
    .map(({ name, range }) => `${name} wants Node ${range}`);
}

describe("installing on the Node versions we promise", () => {
  test("the lock file holds packages that declare a Node range", () => {
    assert.ok(nodeRanges().length > 50, "engines fields are read from package-lock.json");
  });

  test("no locked package refuses the oldest Node that package.json allows", () => {
    const oldest = semver.minVersion(manifest.engines.node);
    assert.ok(oldest, `package.json engines.node "${manifest.engines.node}" is a range`);
    assert.deepEqual(refusing(oldest.version), [], `npm install would warn EBADENGINE on Node ${oldest.version}`);
  });

  test("no locked package refuses the Node that runs the tests", () => {
    assert.deepEqual(refusing(process.version), [], `npm install warns EBADENGINE on Node ${process.version}`);
  });
});
