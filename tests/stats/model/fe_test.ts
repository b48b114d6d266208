/**
 * lib/stats/model/fe.ts piece by piece, against values worked by hand in each test (parsed lists,
 * codes, counted levels and components, the rows singleton dropping keeps). The demeaning is
 * tests/stats/model/demean_test.ts.
 */
import assert from "node:assert/strict";
import { InputError } from "../../../lib/errors.ts";
import {
  dropSingletons,
  encodeFactor,
  feDegreesOfFreedom,
  nestedIn,
  parseFe,
  subsetFe,
} from "../../../lib/stats/model/fe.ts";

Deno.test("parseFe: trims, drops empty entries, splits interactions; an empty part is a one-line error", () => {
  assert.deepEqual(parseFe(" exporter^ year ,importer,, "), [["exporter", "year"], ["importer"]]);
  assert.deepEqual(parseFe(""), []);
  assert.throws(() => parseFe("a^"), (e) => e instanceof InputError && /"a\^"/.test(e.message));
  assert.throws(() => parseFe("^b"), InputError);
});

Deno.test("encodeFactor: levels in order of first appearance, interactions keyed by all parts, missing parts -1", () => {
  const f = encodeFactor("a^b", [["x", "x", "y", "x", "", "y"], [1, 2, 1, 1, 3, NaN]]);
  assert.deepEqual([...f.codes], [0, 1, 2, 0, -1, -1]);
  assert.equal(f.levels, 3);
  assert.deepEqual(f.labels, ["x^1", "x^2", "y^1"]);
  assert.equal(f.name, "a^b");
  // "1^2" must not collide with "12" nor with a single-part key
  const g = encodeFactor("g", [["1", "12", "1"]]);
  assert.deepEqual([...g.codes], [0, 1, 0]);
  assert.deepEqual(g.labels, ["1", "12"]);
  const h = encodeFactor("h", [[null as unknown as string, undefined as unknown as string, "z"]]);
  assert.deepEqual([...h.codes], [-1, -1, 0]);
  assert.equal(h.levels, 1);
});

Deno.test("encodeFactor: a cache codes a column shared by two factors once, with the same levels as without it", () => {
  const exporter = ["A", "B", "A", "B"], importer = ["B", "A", "C", "C"], year = [1, 1, 2, 2];
  const cache = new Map();
  const ex = encodeFactor("exporter^year", [exporter, year], cache);
  const im = encodeFactor("importer^year", [importer, year], cache);
  // three distinct columns coded, year once
  assert.equal(cache.size, 3);
  assert.deepEqual([...cache.get(year).c], [0, 0, 1, 1]);
  assert.deepEqual(cache.get(year).values, ["1", "2"]);
  assert.deepEqual([...ex.codes], [0, 1, 2, 3]);
  assert.deepEqual(ex.labels, ["A^1", "B^1", "A^2", "B^2"]);
  assert.deepEqual([...im.codes], [0, 1, 2, 2]);
  assert.deepEqual(im.labels, ["B^1", "A^1", "C^2"]);
  assert.deepEqual(encodeFactor("importer^year", [importer, year]), im);
});

Deno.test("encodeFactor: more part tuples than max(rows, 65536) are looked up by map, with the same levels", () => {
  // 300 x 300 values: 301 x 301 = 90,601 possible tuples (> 65,536) on 5 rows
  const a = ["v0", "v299", "v0", "v1", "v299"], b = ["w5", "w5", "w5", "w299", "w5"];
  const values = (p: string) => Array.from({ length: 300 }, (_, i) => `${p}${i}`);
  // every value appears (rows 5..604 list them), so each part has 300 codes
  const f = encodeFactor("a^b", [[...a, ...values("v")], [...b, ...values("w")]]);
  assert.deepEqual([...f.codes.slice(0, 5)], [0, 1, 0, 2, 1]);
  assert.deepEqual(f.labels.slice(0, 3), ["v0^w5", "v299^w5", "v1^w299"]);
  // rows 5.. pair v_i with w_i: 300 more levels, v0^w0 new (v0 was seen with w5 only)
  assert.equal(f.levels, 303);
  assert.equal(f.labels[3], "v0^w0");
  // a label made by two different tuples is one level ("a^b" + "c" and "a" + "b^c")
  const g = encodeFactor("x^y", [["a^b", "a"], ["c", "b^c"]]);
  assert.deepEqual([...g.codes], [0, 0]);
  assert.deepEqual(g.labels, ["a^b^c"]);
});
Deno.test("encodeFactor: past 2^52 part tuples the levels come from the labels (two tuples whose keys round to one double stay apart)", () => {
  // four parts with 11,586 values each: 11,587^4 = 1.8e16 possible tuples; rows 0..11585 list
  // value t in every part, so value t has code t. The tuples of codes (11000, 5, 7, 1) and
  // (11000, 5, 7, 2) have keys 1.7112195100406956e16 and one more, above 2^53, where doubles are
  // 2 apart: key * radix + code rounds both to one double (worked in Python floats)
  const m = 11586;
  const part = (
    last: [number, number],
  ) => [...Array.from({ length: m }, (_, t) => `${t}`), `${last[0]}`, `${last[1]}`];
  const f = encodeFactor("a^b^c^d", [
    part([11000, 11000]),
    part([5, 5]),
    part([7, 7]),
    part([1, 2]),
  ]);
  assert.equal(f.levels, m + 2);
  assert.deepEqual([...f.codes.slice(m)], [m, m + 1]);
  assert.deepEqual(f.labels.slice(m), ["11000^5^7^1", "11000^5^7^2"]);
});

Deno.test("subsetFe: keeps the listed rows, recodes densely in order, drops levels with no row", () => {
  const d = encodeFactor("g", [["a", "b", "c", "b", "a"]]);
  const [s] = subsetFe([d], [1, 3, 4]);
  assert.deepEqual([...s.codes], [0, 0, 1]);
  assert.equal(s.levels, 2);
  assert.deepEqual(s.labels, ["b", "a"]);
  assert.equal(s.name, "g");
});

Deno.test("dropSingletons: drops repeatedly (a drop can make a new singleton), across dimensions", () => {
  // rows: g = a a b b c ; h = u v u u u
  // pass 1: row 4 (g=c singleton) and row 1 (h=v singleton) -> then g=a has one row (row 0)
  const g = encodeFactor("g", [["a", "a", "b", "b", "c"]]);
  const h = encodeFactor("h", [["u", "v", "u", "u", "u"]]);
  const r = dropSingletons([g, h]);
  assert.deepEqual(r.keep, [2, 3]);
  assert.equal(r.dropped, 3);
  assert.deepEqual(dropSingletons([]), { keep: [], dropped: 0 });
  assert.deepEqual(dropSingletons([encodeFactor("g", [["a", "a"]])]), { keep: [0, 1], dropped: 0 });
});

Deno.test("dropSingletons: a dropped row is not counted again when its level becomes a singleton", () => {
  // g = c a c a c, h = z y y y w. Pass 1 drops rows 0 (h = z) and 4 (h = w): level c keeps row 2
  // only; pass 2 drops row 2. Rows 1 and 3 (g = a, h = y) stay.
  const g = encodeFactor("g", [["c", "a", "c", "a", "c"]]);
  const h = encodeFactor("h", [["z", "y", "y", "y", "w"]]);
  assert.deepEqual(dropSingletons([g, h]), { keep: [1, 3], dropped: 3 });
});

Deno.test("feDegreesOfFreedom: first dimension's levels + second's minus components + others' minus one", () => {
  assert.equal(feDegreesOfFreedom([]), 0);
  const a = encodeFactor("a", [["x", "x", "y", "y", "z"]]);
  assert.equal(feDegreesOfFreedom([a]), 3);
  // b connects x and y (level u), z alone with v: 2 components over 3 + 2 levels
  const b = encodeFactor("b", [["u", "u", "u", "u", "v"]]);
  assert.equal(feDegreesOfFreedom([a, b]), 3 + 2 - 2);
  // b2 splits into two separate blocks {x,y,u} and {z,v,w}: still 2 components, 3 + 3 - 2
  const b2 = encodeFactor("b", [["u", "u", "u", "w", "v"]]);
  // rows: (x,u) (x,u) (y,u) (y,w) (z,v): components {x,y,u,w}, {z,v}
  assert.equal(feDegreesOfFreedom([a, b2]), 3 + 3 - 2);
  // fully disconnected: each row its own pair of levels
  const c1 = encodeFactor("c1", [["p", "q", "r"]]);
  const c2 = encodeFactor("c2", [["s", "t", "o"]]);
  assert.equal(feDegreesOfFreedom([c1, c2]), 3 + 3 - 3);
  const third = encodeFactor("t", [["1", "2", "3", "1", "2"]]);
  assert.equal(feDegreesOfFreedom([a, b, third]), 3 + 2 - 2 + 3 - 1);
  // a long chain, to exercise path compression: x0-y0-x1-y1-... one component
  const xs: string[] = [], ys: string[] = [];
  for (let i = 0; i < 20; i++) {
    xs.push(`x${i}`, `x${i + 1}`);
    ys.push(`y${i}`, `y${i}`);
  }
  const X = encodeFactor("X", [xs]), Y = encodeFactor("Y", [ys]);
  assert.equal(feDegreesOfFreedom([X, Y]), 21 + 20 - 1);
  assert.equal(feDegreesOfFreedom([Y, X]), 20 + 21 - 1);
});

Deno.test("nestedIn: every level inside one cluster, or not", () => {
  const pair = encodeFactor("pair", [["a", "a", "b", "b"]]);
  assert.equal(nestedIn(pair, (t) => ["g", "g", "h", "h"][t]), true);
  assert.equal(nestedIn(pair, (t) => ["g", "h", "h", "h"][t]), false);
  assert.equal(nestedIn(pair, (t) => [1, 1, 2, 3][t]), false);
  assert.equal(nestedIn(pair, (t) => [1, 1, 1, 1][t]), true);
});
