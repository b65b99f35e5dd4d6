import assert from "node:assert/strict";
import { test } from "node:test";
import { scriptSafeJson } from "./json-ld.ts";

test("JSON-LD cannot close its script element, and still parses to the same data", () => {
  const data = { name: "Le </script><script>alert(1)</script> & co", note: "a\u2028b" };
  const text = scriptSafeJson(data);
  assert.doesNotMatch(text, /[<>&\u2028]/);
  assert.deepEqual(JSON.parse(text), data);
});
