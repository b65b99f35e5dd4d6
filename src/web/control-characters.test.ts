import assert from "node:assert/strict";
import { test } from "node:test";
import { findControlCharacter, hasControlCharacter } from "./control-characters.ts";

test("NUL, escape and DEL are control characters; tabs, line breaks and accents are not", () => {
  for (const text of ["a\u0000b", "\u001b[31m", "x\u007f", "\u000b"]) assert.equal(hasControlCharacter(text), true, JSON.stringify(text));
  for (const text of ["Bonjour\ttout\r\nle monde", "Émile d'Agen", "😀", ""]) assert.equal(hasControlCharacter(text), false, JSON.stringify(text));
});

test("the first field holding one is named, in objects, arrays and keys", () => {
  assert.equal(findControlCharacter({ prenom: "Lucie", message: "a\u0000b" }), "message");
  assert.equal(findControlCharacter({ service: ["ok", "k\u0000o"] }), "service");
  assert.equal(findControlCharacter({ adresse: { ville: "Agen\u0000" } }), "adresse.ville");
  assert.equal(findControlCharacter({ "cl\u0000e": "x" }), "cl\u0000e");
  assert.equal(findControlCharacter("a\u0000"), "texte");
  assert.equal(findControlCharacter({ n: 3, ok: true, none: null, list: [] }), null);
  assert.equal(findControlCharacter(undefined), null);
});
