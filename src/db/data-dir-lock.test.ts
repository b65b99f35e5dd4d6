import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { DataDirLockedError, lockDataDir } from "./data-dir-lock.ts";

describe("the embedded data folder lock", () => {
  const dir = mkdtempSync(join(tmpdir(), "declic-lock-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test("a second holder is refused with a message naming the first, in French and English", () => {
    const release = lockDataDir(dir, "npm start (server)");
    try {
      assert.throws(
        () => lockDataDir(dir, "npm run cli -- migrate"),
        (error: unknown) =>
          error instanceof DataDirLockedError &&
          error.holder.pid === process.pid &&
          /déjà utilisé/.test(error.message) &&
          /in use by another process/.test(error.message) &&
          /npm start \(server\)/.test(error.message),
      );
    } finally {
      release();
    }
    assert.equal(existsSync(join(dir, "declic.lock")), false);
  });

  test("a lock left by a process that died is taken over", () => {
    const dead = spawnSync(process.execPath, ["-e", "process.exit(0)"]).pid!;
    writeFileSync(join(dir, "declic.lock"), JSON.stringify({ pid: dead, host: hostname(), command: "old", startedAt: "2020-01-01" }));
    const release = lockDataDir(dir, "new");
    assert.equal(JSON.parse(readFileSync(join(dir, "declic.lock"), "utf8")).pid, process.pid);
    release();
  });

  test("a lock held from another machine is never taken over", () => {
    writeFileSync(join(dir, "declic.lock"), JSON.stringify({ pid: 1, host: "another-host", command: "x", startedAt: "2026-01-01" }));
    assert.throws(() => lockDataDir(dir, "me"), DataDirLockedError);
    rmSync(join(dir, "declic.lock"));
  });
});
