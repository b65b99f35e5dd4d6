import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { csvField, csvLine, fromSpreadsheet, parseCsv, spreadsheetCsvLine, spreadsheetSafe } from "./csv.ts";

describe("CSV (RFC 4180)", () => {
  test("fields are quoted only when they need it, with inner quotes doubled and CRLF line ends", () => {
    assert.equal(csvField("Agen"), "Agen");
    assert.equal(csvField("Mo-Fr 09:00-12:00,14:00-17:00"), '"Mo-Fr 09:00-12:00,14:00-17:00"');
    assert.equal(csvField('le « lieu » "ici"'), '"le « lieu » ""ici"""');
    assert.equal(csvField("deux\nlignes"), '"deux\nlignes"');
    assert.equal(csvField(" espace"), '" espace"');
    assert.equal(csvLine(["a", "", "b,c"]), 'a,,"b,c"\r\n');
  });

  test("what the writer writes, the reader reads back", () => {
    const values = ["id-1", 'dit "bonjour"', "a,b", "ligne 1\r\nligne 2", "", "Étudiants|Seniors"];
    assert.deepEqual(parseCsv(csvLine(values) + csvLine(["x"])), [
      { line: 1, fields: values },
      { line: 3, fields: ["x"] },
    ]);
  });

  test("a byte order mark, LF or CR line ends and blank lines are accepted; records keep their first line", () => {
    const records = parseCsv('\uFEFFid,nom\n1,"Mairie\nd\'Agen"\n\n2,Nérac\r3,Lauzun');
    assert.deepEqual(records, [
      { line: 1, fields: ["id", "nom"] },
      { line: 2, fields: ["1", "Mairie\nd'Agen"] },
      { line: 5, fields: ["2", "Nérac"] },
      { line: 6, fields: ["3", "Lauzun"] },
    ]);
  });

  test("a trailing comma gives an empty last field, and a final line end adds no record", () => {
    assert.deepEqual(parseCsv("a,b,\r\n"), [{ line: 1, fields: ["a", "b", ""] }]);
  });

  test("quoting mistakes are attached to their record instead of failing the whole file", () => {
    const [first, second] = parseCsv('1,"texte"suite,x\n2,"jamais fermé\n3,ok');
    assert.equal(first?.line, 1);
    assert.match(first?.error ?? "", /après un guillemet fermant/);
    assert.equal(second?.line, 2);
    assert.match(second?.error ?? "", /guillemet ouvert ligne 2 et jamais refermé/);
  });

  test("files for spreadsheets defuse formulas but keep numbers and phone numbers", () => {
    for (const formula of ["=1+1", '=HYPERLINK("http://x.example","clic")', "@SUM(A1)", "+cmd|' /C calc'!A0", "-2+3+cmd|'x'!A1", "\t=1", "\r=1"]) {
      assert.equal(spreadsheetSafe(formula), `'${formula}`, formula);
      assert.equal(fromSpreadsheet(spreadsheetSafe(formula)), formula, formula);
    }
    for (const plain of ["+33 5 53 00 00 00", "-2,5", "+1", "-", "Agen", "", "l'Atelier", "'déjà entre apostrophes"]) {
      assert.equal(spreadsheetSafe(plain), plain, plain);
      assert.equal(fromSpreadsheet(plain), plain, plain);
    }
    assert.equal(spreadsheetCsvLine(["=1+1", "a,b"]), "'=1+1,\"a,b\"\r\n");
  });
});
