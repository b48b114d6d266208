/**
 * The shared field reader of the config sections (lib/gravity/config/fields.ts): each reader
 * returns the value or its default (absent key only: an explicit null is checked), and refuses a
 * wrong type or range in one line of one format, `FILE: "a.b" must be ...`.
 */
import assert from "node:assert/strict";
import { InputError } from "../../../lib/errors.ts";
import {
  configFail,
  ConfigField,
  configSection,
  configWhere,
} from "../../../lib/gravity/config/fields.ts";

const at = (value: unknown) => new ConfigField("c.json", ["s", "k"], value);

function refused(fn: () => unknown, message: string) {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof InputError, String(e));
    assert.equal(e.message, message);
    return true;
  });
}

Deno.test("fields: paths print as the JSON path, quoted; the root is the config", () => {
  assert.equal(configWhere([]), "the config");
  assert.equal(configWhere(["years", "from"]), '"years.from"');
  assert.equal(configWhere(["terms", 2, "name"]), '"terms[2].name"');
  assert.equal(configWhere(["forecast", "scenarios", 0]), '"forecast.scenarios[0]"');
  assert.equal(at(1).key, "k");
  refused(() => configFail("c.json", "anything"), "c.json: anything");
});

Deno.test("fields: numbers, whole numbers and years, with bounds in interval notation", () => {
  assert.equal(at(undefined).num(0.9), 0.9);
  assert.equal(at(0.5).num(0.9, { gt: 0, lt: 1 }), 0.5);
  assert.equal(at(1).num(undefined, { gt: 0, le: 1 }), 1);
  assert.equal(at(0).num(undefined, { ge: 0, le: 1 }), 0);
  refused(() => at(null).num(0.9), 'c.json: "s.k" must be a number');
  refused(() => at("1").num(), 'c.json: "s.k" must be a number');
  refused(() => at(Infinity).num(), 'c.json: "s.k" must be a number');
  refused(() => at(1).num(0.9, { gt: 0, lt: 1 }), 'c.json: "s.k" must be in (0, 1), not 1');
  refused(() => at(0).num(0.9, { gt: 0, le: 1 }), 'c.json: "s.k" must be in (0, 1], not 0');
  refused(() => at(-1).num(0, { ge: 0, le: 1 }), 'c.json: "s.k" must be in [0, 1], not -1');
  refused(() => at(-1).num(0, { ge: 0 }), 'c.json: "s.k" must be >= 0, not -1');
  refused(() => at(-1).num(0, { gt: -1 }), 'c.json: "s.k" must be > -1, not -1');
  refused(() => at(5).num(0, { le: 4 }), 'c.json: "s.k" must be <= 4, not 5');
  refused(() => at(4).num(0, { lt: 4 }), 'c.json: "s.k" must be < 4, not 4');
  assert.equal(at(100).int(2000, { ge: 100 }), 100);
  assert.equal(at(undefined).int(2000, { ge: 100 }), 2000);
  refused(() => at(99).int(2000, { ge: 100 }), 'c.json: "s.k" must be >= 100, not 99');
  refused(() => at(100.5).int(2000), 'c.json: "s.k" must be a whole number, not 100.5');
  assert.equal(at(2030).year(), 2030);
  assert.equal(at(undefined).year(2020), 2020);
  refused(() => at(2030.5).year(), 'c.json: "s.k" must be a whole year, not 2030.5');
  refused(() => at(undefined).year(), 'c.json: "s.k" must be a number');
});

Deno.test("fields: strings, booleans, free text", () => {
  assert.equal(at("x").str(), "x");
  assert.equal(at(undefined).str("d"), "d");
  refused(() => at("").str("d"), 'c.json: "s.k" must be a non-empty string');
  refused(() => at(3).str(), 'c.json: "s.k" must be a non-empty string');
  assert.equal(at(false).bool(true), false);
  assert.equal(at(undefined).bool(true), true);
  refused(() => at("yes").bool(false), 'c.json: "s.k" must be true or false');
  refused(() => at(null).bool(false), 'c.json: "s.k" must be true or false');
  assert.equal(at("a note").text(), "a note");
  assert.equal(at(7).text(), undefined);
});

Deno.test("fields: one of a list of words, the nearest suggested", () => {
  const se = ["classical", "hc1", "cluster"] as const;
  assert.equal(at("hc1").oneOf(se), "hc1");
  assert.equal(at(undefined).oneOf(se, "cluster"), "cluster");
  refused(
    () => at("HC1").oneOf(se),
    'c.json: "s.k" "HC1" is not one of classical, hc1, cluster; did you mean "hc1"?',
  );
  refused(
    () => at("robust").oneOf(se),
    'c.json: "s.k" "robust" is not one of classical, hc1, cluster',
  );
  refused(() => at(3).oneOf(se), 'c.json: "s.k" 3 is not one of classical, hc1, cluster');
  refused(
    () => at(null).oneOf(se, "hc1"),
    'c.json: "s.k" null is not one of classical, hc1, cluster',
  );
  assert.deepEqual(at(undefined).oneOfList(se, ["hc1"]), ["hc1"]);
  assert.deepEqual(at(["cluster", "hc1"]).oneOfList(se, ["hc1"]), ["cluster", "hc1"]);
  refused(
    () => at(["hc1", "hc2"]).oneOfList(se),
    'c.json: "s.k[1]" "hc2" is not one of classical, hc1, cluster; did you mean "hc1"?',
  );
});

Deno.test("fields: lists, lists of names, free maps", () => {
  assert.deepEqual(at([]).items(), []);
  refused(() => at({}).items(), 'c.json: "s.k" must be a list');
  refused(() => at([]).list(), 'c.json: "s.k" must be a non-empty list');
  assert.deepEqual(at([1, 2]).list().map((f) => [f.where, f.value]), [['"s.k[0]"', 1], [
    '"s.k[1]"',
    2,
  ]]);
  assert.deepEqual(at(["KAZ", "UZB"]).strList(), ["KAZ", "UZB"]);
  refused(() => at(["KAZ", ""]).strList(), 'c.json: "s.k[1]" must be a non-empty string');
  refused(() => at(["KAZ", "KAZ"]).strList(), 'c.json: "KAZ" appears twice in "s.k"');
  assert.deepEqual(at({ KAZ: 1, UZB: 2 }).entries().map((f) => [f.key, f.where, f.value]), [
    ["KAZ", '"s.k.KAZ"', 1],
    ["UZB", '"s.k.UZB"', 2],
  ]);
  refused(() => at([]).entries(), 'c.json: "s.k" must be an object');
});

Deno.test("fields: spans of years and sections (unknown, required and nested keys)", () => {
  assert.deepEqual(at({ from: 2010, to: 2010 }).years(), { from: 2010, to: 2010 });
  const def = { from: 2000, to: 2001 };
  const span = at(undefined).years(def);
  assert.deepEqual(span, def);
  assert.notEqual(span, def); // a copy: the default cannot be changed through a result
  refused(
    () => at({ from: 2011, to: 2010 }).years(),
    'c.json: "s.k.from" (2011) is after "s.k.to" (2010)',
  );
  refused(() => at({ from: 2011 }).years(), 'c.json: "s.k" has no "to" (it is required)');
  refused(() => at(2011).years(), 'c.json: "s.k" must be an object');
  const keys = { "a!": "any" as const, b: { c: "any" as const } };
  const s = configSection("c.json", { a: 1, b: { c: 2 } }, ["s"], keys);
  assert.equal(s.where, '"s"');
  assert.equal(s.get("a").num(), 1);
  assert.ok(s.get("z").absent);
  refused(
    () => configSection("c.json", { a: 1, bb: 2 }, ["s"], keys),
    'c.json: unknown key "bb" in "s" (allowed: a, b); did you mean "b"?',
  );
  refused(
    () => configSection("c.json", { a: 1, b: { d: 1 } }, ["s"], keys),
    'c.json: unknown key "d" in "s.b" (allowed: c); did you mean "c"?',
  );
  refused(
    () => configSection("c.json", {}, ["s"], keys),
    'c.json: "s" has no "a" (it is required)',
  );
  refused(() => configSection("c.json", [], [], keys), "c.json: the config must be an object");
  assert.deepEqual(at(undefined).optionalSection(keys).value, {});
  refused(() => at(null).optionalSection(keys), 'c.json: "s.k" must be an object');
});

Deno.test("fields: an absent key without a default is refused by every reader (never read as undefined)", () => {
  const absent = at(undefined);
  refused(() => absent.str(), 'c.json: "s.k" must be a non-empty string');
  refused(() => absent.int(), 'c.json: "s.k" must be a number');
  refused(() => absent.bool(), 'c.json: "s.k" must be true or false');
  refused(() => absent.oneOf(["a", "b"]), 'c.json: "s.k" (absent) is not one of a, b');
  refused(() => absent.oneOfList(["a"]), 'c.json: "s.k" must be a non-empty list');
  refused(() => absent.years(), 'c.json: "s.k" must be an object');
  // null is present and checked: not an object of free keys
  refused(() => at(null).entries(), 'c.json: "s.k" must be an object');
  // an upper bound alone prints whole (several digits)
  refused(() => at(150).num(0, { le: 100 }), 'c.json: "s.k" must be <= 100, not 150');
  refused(() => at(150).num(0, { lt: 100 }), 'c.json: "s.k" must be < 100, not 150');
});
