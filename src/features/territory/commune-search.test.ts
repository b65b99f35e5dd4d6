import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import {
  compactKey,
  editDistance,
  findCommunes,
  matchWords,
  nameMatchRank,
  parseCommuneQuery,
  type SearchableCommune,
  spellingDistance,
  typoAllowance,
} from "./commune-search.ts";
import { loadOfficialGeography } from "./official-geography.ts";
import { searchKey } from "./territory.ts";

describe("reading what someone typed in the commune search", () => {
  test("two to five digits are (the start of) a postcode, spaces inside ignored", () => {
    assert.deepEqual(parseCommuneQuery("47300"), { kind: "postcode", prefix: "47300" });
    assert.deepEqual(parseCommuneQuery(" 47 300 "), { kind: "postcode", prefix: "47300" });
    assert.deepEqual(parseCommuneQuery("47"), { kind: "postcode", prefix: "47" });
    assert.deepEqual(parseCommuneQuery("473"), { kind: "postcode", prefix: "473" });
  });

  test("a Corsican INSEE code is not a postcode: INSEE codes are only ever given as commune=", () => {
    assert.deepEqual(parseCommuneQuery("2A004"), { kind: "name", key: "2a004", postcode: null });
  });

  test("letters are a name, compared by its search key", () => {
    assert.deepEqual(parseCommuneQuery("Agén"), { kind: "name", key: "agen", postcode: null });
    assert.deepEqual(parseCommuneQuery("  Ste Livrade "), { kind: "name", key: "sainte livrade", postcode: null });
    assert.deepEqual(parseCommuneQuery("2 Agen"), { kind: "name", key: "2 agen", postcode: null });
  });

  test("a whole postcode typed before or after the name is kept apart from it", () => {
    const agen = { kind: "name", key: "agen", postcode: "47000" };
    assert.deepEqual(parseCommuneQuery("Agen 47000"), agen);
    assert.deepEqual(parseCommuneQuery("47000 Agen"), agen);
    assert.deepEqual(parseCommuneQuery("Agen (47000)"), agen);
    assert.deepEqual(parseCommuneQuery("Agen, 47000"), agen);
    assert.deepEqual(parseCommuneQuery("47000 - Agen"), agen);
    assert.deepEqual(parseCommuneQuery("Agen 470001"), { kind: "name", key: "agen 470001", postcode: null }, "six digits are no postcode");
  });

  test("nothing, spaces or punctuation alone are an empty search", () => {
    assert.deepEqual(parseCommuneQuery(""), { kind: "empty" });
    assert.deepEqual(parseCommuneQuery("   "), { kind: "empty" });
    assert.deepEqual(parseCommuneQuery("--'"), { kind: "empty" });
  });
});

describe("the words that count in a commune name", () => {
  test("little words are left out and every saint is « st », as people write them", () => {
    assert.deepEqual(matchWords(searchKey("Villeneuve-sur-Lot")), ["villeneuve", "lot"]);
    assert.deepEqual(matchWords(searchKey("villeneuve s/ lot")), ["villeneuve", "lot"]);
    assert.deepEqual(matchWords(searchKey("Penne-d'Agenais")), ["penne", "agenais"]);
    assert.deepEqual(matchWords(searchKey("Sainte-Livrade-sur-Lot")), ["st", "livrade", "lot"]);
    assert.deepEqual(matchWords(searchKey("La Sauvetat-du-Dropt")), ["sauvetat", "dropt"]);
  });

  test("a name made only of little words keeps them", () => {
    assert.deepEqual(matchWords("la"), ["la"]);
    assert.deepEqual(matchWords("le des"), ["le", "des"]);
  });

  test("the examples of the issue all give the key of their commune", () => {
    const key = (text: string) => compactKey(searchKey(text));
    assert.equal(key("villeneuve/lot"), key("Villeneuve-sur-Lot"));
    assert.equal(key("penne agenais"), key("Penne-d'Agenais"));
    assert.equal(key("st livrade sur lot"), key("Sainte-Livrade-sur-Lot"));
    assert.equal(key("castel jaloux"), key("Casteljaloux"));
    assert.ok(key("Sainte-Livrade-sur-Lot").startsWith(key("St-Livrade")));
    assert.ok(key("Sainte-Livrade-sur-Lot").startsWith(key("ste livrade")));
  });
});

describe("ranking of commune names for a typed name", () => {
  const rank = (name: string, typed: string) => nameMatchRank(matchWords(searchKey(name)), compactKey(searchKey(typed)));

  test("same name, then names starting with the text, then a word starting with it, then anywhere", () => {
    assert.equal(rank("Agen", "agen"), 0);
    assert.equal(rank("Villeneuve-sur-Lot", "villeneuve/lot"), 0);
    assert.equal(rank("Agenville", "agen"), 1);
    assert.equal(rank("Penne-d'Agenais", "agen"), 2);
    assert.equal(rank("Sainte-Livrade-sur-Lot", "livrade lot"), 2);
    assert.equal(rank("Bragen", "agen"), 3);
    assert.equal(rank("Marmande", "agen"), null);
  });
});

describe("spelling distance", () => {
  test("counts insertions, deletions, substitutions, and a swap of neighbours as one", () => {
    assert.equal(editDistance("marmande", "marmande"), 0);
    assert.equal(editDistance("marmandes", "marmande"), 1);
    assert.equal(editDistance("marmade", "marmande"), 1);
    assert.equal(editDistance("marnande", "marmande"), 1);
    assert.equal(editDistance("mramande", "marmande"), 1);
    assert.equal(editDistance("", "agen"), 4);
    assert.equal(editDistance("nerak", "nerac"), editDistance("nerac", "nerak"));
  });

  test("forgives more typos in longer texts, none under four letters", () => {
    assert.deepEqual([2, 3, 4, 5, 6, 9, 10, 20].map(typoAllowance), [0, 0, 1, 1, 2, 2, 3, 3]);
  });

  test("compares with the whole name, or from five letters with its beginning", () => {
    assert.deepEqual(spellingDistance("marmandes", "marmande"), { typos: 1, whole: true });
    assert.deepEqual(spellingDistance("villneuve", "villeneuvelot"), { typos: 1, whole: false });
    assert.equal(spellingDistance("agn", "agen"), null, "three letters are too few to guess from");
    assert.equal(spellingDistance("marmandes", "tonneins"), null);
  });
});

describe("finding the communes of Lot-et-Garonne", () => {
  let communes: SearchableCommune[];
  before(async () => {
    const official = await loadOfficialGeography("47");
    communes = official.communes.map((c) => ({ code: c.code, name: c.nom, search_name: searchKey(c.nom), postcodes: c.codesPostaux ?? [], population: c.population ?? 0 }));
  });
  const find = (text: string) => findCommunes(communes, parseCommuneQuery(text));
  const names = (text: string) => find(text).matches.map((c) => c.name);

  test("« Marmandes » finds nothing as typed, and offers Marmande as the close spelling", () => {
    const found = find("Marmandes");
    assert.equal(found.approximate, true);
    assert.equal(found.designated, null, "a guess is offered, never taken for the person");
    assert.equal(found.matches[0]?.name, "Marmande");
  });

  test("the spellings of the issue each designate their commune", () => {
    const cases: [string, string][] = [
      ["Agen 47000", "Agen"],
      ["villeneuve/lot", "Villeneuve-sur-Lot"],
      ["villeneuve s/ lot", "Villeneuve-sur-Lot"],
      ["penne agenais", "Penne-d'Agenais"],
      ["St-Livrade", "Sainte-Livrade-sur-Lot"],
      ["ste livrade", "Sainte-Livrade-sur-Lot"],
      ["st livrade sur lot", "Sainte-Livrade-sur-Lot"],
    ];
    for (const [typed, expected] of cases) {
      const found = find(typed);
      assert.equal(found.approximate, false, typed);
      assert.equal(found.designated?.name, expected, typed);
    }
  });

  test("a postcode beside a name narrows it; a postcode that fits no such name is ignored", () => {
    assert.deepEqual(names("villeneuve"), ["Villeneuve-sur-Lot", "Villeneuve-de-Duras", "Sainte-Colombe-de-Villeneuve"]);
    assert.equal(find("villeneuve").designated, null);
    assert.equal(find("Villeneuve 47120").designated?.name, "Villeneuve-de-Duras");
    assert.equal(find("Villeneuve 47300").designated?.name, "Villeneuve-sur-Lot", "the one whose name starts so, not Sainte-Colombe-de-Villeneuve");
    assert.equal(find("Agen 47300").designated?.name, "Agen");
  });

  test("little words typed count first: « villeneuve de » narrows to Villeneuve-de-Duras, as people type it letter by letter", () => {
    assert.deepEqual(names("villeneuve de"), ["Villeneuve-de-Duras"]);
    assert.equal(find("le temple").designated?.name, "Le Temple-sur-Lot");
  });

  test("a five-digit text is a postcode, never an INSEE code", () => {
    // Gontaud-de-Nogaret's INSEE code is 47110, its postcode 47400.
    assert.deepEqual(names("47110"), ["Sainte-Livrade-sur-Lot", "Le Temple-sur-Lot", "Dolmayrac", "Allez-et-Cazeneuve"]);
    assert.ok(!names("47300").includes("Sérignac-sur-Garonne"), "INSEE 47300 is Sérignac-sur-Garonne, postcode 47310");
    assert.deepEqual(names("47001"), [], "Agen's INSEE code is no postcode");
  });

  test("a whole postcode shared by several communes designates none; one of a single commune designates it", () => {
    assert.equal(find("47300").designated, null);
    assert.equal(find("47300").matches[0]?.name, "Villeneuve-sur-Lot");
    assert.equal(find("47000").designated?.name, "Agen");
    assert.ok(find("4730").matches.every((c) => c.postcodes.some((p) => p.startsWith("4730"))));
  });

  test("Agen comes before the Agenais villages, and the full name designates it", () => {
    const found = find("AGEN");
    assert.equal(found.matches[0]?.name, "Agen");
    assert.ok(found.matches.slice(1).every((c) => c.name.includes("Agenais")));
    assert.equal(found.designated?.name, "Agen");
  });

  test("a text found only inside names gives way to close spellings, but still finds when nothing is close", () => {
    assert.deepEqual(names("agne"), ["Agen", "Agmé"], "not Roumagne");
    assert.equal(find("agne").approximate, true);
    assert.deepEqual(names("jaloux"), ["Casteljaloux"]);
    assert.equal(find("jaloux").approximate, false);
  });

  test("nonsense finds nothing at all", () => {
    assert.deepEqual(find("xyzzy"), { matches: [], approximate: false, designated: null });
  });

  test("every commune is designated by its own name, alone or with its postcode", () => {
    for (const c of communes) {
      assert.equal(find(c.name).designated?.code, c.code, c.name);
      assert.equal(find(`${c.name} ${c.postcodes[0]}`).designated?.code, c.code, `${c.name} ${c.postcodes[0]}`);
    }
  });

  test("one letter left out of any name of six letters or more still offers the commune among the first three", () => {
    // Among the first three, not always first: « Cahzac » is one letter from Cahuzac and from Cauzac.
    for (const c of communes) {
      if (compactKey(c.search_name).length < 6) continue;
      const middle = Math.floor(c.name.length / 2);
      const typo = c.name.slice(0, middle) + c.name.slice(middle + 1);
      const found = find(typo).matches.slice(0, 3);
      assert.ok(
        found.some((m) => m.code === c.code),
        `${typo} for ${c.name}: ${found.map((m) => m.name).join(", ")}`,
      );
    }
  });

  test("between two names with the same words, the one spelt as typed is designated", () => {
    const pair = [
      { code: "1", name: "La Vergne", search_name: "la vergne", postcodes: ["17400"], population: 500 },
      { code: "2", name: "Vergné", search_name: "vergne", postcodes: ["17330"], population: 200 },
    ];
    assert.equal(findCommunes(pair, parseCommuneQuery("Vergné")).designated?.code, "2");
    assert.equal(findCommunes(pair, parseCommuneQuery("la vergne")).designated?.code, "1");
  });
});
