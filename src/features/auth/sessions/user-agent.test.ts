import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { describeUserAgent } from "./user-agent.ts";

describe("session device summary", () => {
  it("names the browser and the system people know", () => {
    assert.equal(
      describeUserAgent("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 Edg/120.0"),
      "Edge sur Windows",
    );
    assert.equal(describeUserAgent("Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0"), "Firefox sur Linux");
    assert.equal(
      describeUserAgent("Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1"),
      "Safari sur iOS",
    );
    assert.equal(describeUserAgent("Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36"), "Chrome sur Android");
    assert.equal(describeUserAgent(null), "Appareil inconnu");
    assert.equal(describeUserAgent("curl/8.0"), "Navigateur non reconnu");
  });
});
