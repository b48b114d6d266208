/**
 * lib/stats/model/fe.ts piece by piece, against values worked by hand in each test (closed forms of
 * one- and two-way demeaning on balanced panels, counted levels and components): written for the
 * mutants the model-level tests left alive.
 */
import assert from "node:assert/strict";
import { InputError } from "../../../lib/errors.ts";
import {
  demean,
  dropSingletons,
  encodeFactor,
  feDegreesOfFreedom,
  nestedIn,
  parseFe,
  subsetFe,
} from "../../../lib/stats/model/fe.ts";

const near = (a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-10) => {
  assert.equal(a.length, b.length);
  for (let i = 0; i < a.length; i++) {
    assert.ok(Math.abs(a[i] - b[i]) <= tol, `[${i}] ${a[i]} != ${b[i]}`);
  }
};

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

/** A balanced 3 x 4 two-way panel and its closed-form two-way demeaning x - r_i - c_j + m. */
function balanced() {
  const I = 3, J = 4;
  const gi: string[] = [], hj: string[] = [], x: number[] = [];
  for (let i = 0; i < I; i++) {
    for (let j = 0; j < J; j++) {
      gi.push(`g${i}`);
      hj.push(`h${j}`);
      x.push(Math.sin(1 + 3 * i + 7 * j) * 10 + i * j);
    }
  }
  const row = (i: number) => x.slice(i * J, i * J + J).reduce((a, b) => a + b) / J;
  const col = (j: number) => x.filter((_, t) => t % J === j).reduce((a, b) => a + b) / I;
  const m = x.reduce((a, b) => a + b) / x.length;
  const expected = x.map((v, t) => v - row(Math.floor(t / J)) - col(t % J) + m);
  return {
    g: encodeFactor("g", [gi]),
    h: encodeFactor("h", [hj]),
    x,
    expected,
  };
}

Deno.test("demean: one dimension, unweighted and weighted level means; returns one sweep", () => {
  const g = encodeFactor("g", [["a", "a", "b", "b", "b"]]);
  const v = Float64Array.from([1, 3, 2, 4, 9]);
  assert.equal(demean([v], [g], null), 1);
  near(v, [-1, 1, -3, -1, 4]);
  // weights 1, 3 | 1, 1, 2: weighted means 2.5 and (2 + 4 + 18) / 4 = 6
  const u = Float64Array.from([1, 3, 2, 4, 9]);
  demean([u], [g], [1, 3, 1, 1, 2]);
  near(u, [-1.5, 0.5, -4, -2, 3]);
  // a Float64Array of weights gives the same
  const u2 = Float64Array.from([1, 3, 2, 4, 9]);
  demean([u2], [g], Float64Array.from([1, 3, 1, 1, 2]));
  near(u2, u, 0);
  // a level whose weights are all zero is left alone (reciprocal weight 0)
  const z = Float64Array.from([1, 3, 2, 4, 9]);
  demean([z], [g], [0, 0, 1, 1, 2]);
  near(z, [1, 3, -4, -2, 3]);
});

Deno.test("demean: two dimensions = closed form on a balanced panel, several columns, zero column untouched", () => {
  const b = balanced();
  const v = Float64Array.from(b.x);
  const w = Float64Array.from(b.x, (t) => 2 * t + 1);
  const zero = new Float64Array(b.x.length);
  const sweeps = demean([v, w, zero], [b.g, b.h], null, { tolerance: 1e-14 });
  assert.ok(sweeps >= 2, `sweeps ${sweeps}`);
  near(v, b.expected, 1e-11);
  near(w, b.expected.map((e) => 2 * e), 1e-11);
  near(zero, new Float64Array(b.x.length), 0);
  // residual is orthogonal to every level of both dimensions
  for (const d of [b.g, b.h]) {
    const s = new Float64Array(d.levels);
    v.forEach((x, i) => (s[d.codes[i]] += x));
    near(s, new Float64Array(d.levels), 1e-10);
  }
});

Deno.test("demean: an unbalanced two-way panel needs many sweeps; the tolerance and the sweep cap are honoured", () => {
  // unbalanced, sparsely connected: alternating projections converge slowly
  const gl = ["a", "a", "b", "b", "c", "c", "d", "d", "a", "d"];
  const hl = ["u", "v", "v", "w", "w", "x", "x", "y", "y", "u"];
  const x = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3];
  const dims = [encodeFactor("g", [gl]), encodeFactor("h", [hl])];
  const tight = Float64Array.from(x);
  const nTight = demean([tight], dims, null, { tolerance: 1e-14 });
  const loose = Float64Array.from(x);
  const nLoose = demean([loose], dims, null, { tolerance: 1e-3 });
  assert.ok(nTight > nLoose && nLoose > 1, `sweeps ${nTight} vs ${nLoose}`);
  // the fixed point: orthogonal to both dimensions' dummies
  for (const d of dims) {
    const s = new Float64Array(d.levels);
    tight.forEach((v, i) => (s[d.codes[i]] += v));
    near(s, new Float64Array(d.levels), 1e-12);
  }
  // the loose result is further from it than 1e-6 but within 1e-2 of the scale
  const gap = Math.max(...tight.map((v, i) => Math.abs(v - loose[i])));
  assert.ok(gap > 1e-9 && gap < 0.1, `gap ${gap}`);
  // Irons-Tuck acceleration reaches the same fixed point
  const acc = Float64Array.from(x);
  demean([acc], dims, null, { tolerance: 1e-14, accelerate: true });
  near(acc, tight, 1e-11);
  // too few sweeps: one-line error naming the cap
  assert.throws(
    () => demean([Float64Array.from(x)], dims, null, { maxIterations: 3, tolerance: 1e-14 }),
    (e) => e instanceof InputError && /did not converge in 3 sweeps/.test(e.message),
  );
  // default tolerance is 1e-13 relative: the default result equals the tight one closely
  const def = Float64Array.from(x);
  demean([def], dims, null);
  near(def, tight, 1e-11);
});

Deno.test("demean: a converged column stops being swept while a slower one goes on", () => {
  const gl = ["a", "a", "b", "b", "c", "c", "d", "d", "a", "d"];
  const hl = ["u", "v", "v", "w", "w", "x", "x", "y", "y", "u"];
  const dims = [encodeFactor("g", [gl]), encodeFactor("h", [hl])];
  // column 1 is a pure g effect: annihilated by the first sweep; column 2 converges slowly
  const pure = Float64Array.from(gl, (l) => ({ a: 1, b: 2, c: 3, d: 4 })[l]!);
  const slow = Float64Array.from([3, 1, 4, 1, 5, 9, 2, 6, 5, 3]);
  const ref = Float64Array.from(slow);
  demean([ref], dims, null, { tolerance: 1e-14 });
  demean([pure, slow], dims, null, { tolerance: 1e-14 });
  near(slow, ref, 1e-12);
  near(pure, new Float64Array(10), 1e-12);
});

Deno.test("demean with alphas: column = demeaned + sum of the recovered level effects", () => {
  const b = balanced();
  const v = Float64Array.from(b.x);
  const alphas = [new Float64Array(b.g.levels), new Float64Array(b.h.levels)];
  demean([v], [b.g, b.h], null, { tolerance: 1e-14 }, alphas);
  near(v, b.expected, 1e-11);
  b.x.forEach((x, i) => {
    const back = v[i] + alphas[0][b.g.codes[i]] + alphas[1][b.h.codes[i]];
    assert.ok(Math.abs(back - x) < 1e-10, `row ${i}: ${back} != ${x}`);
  });
  // one dimension: the alphas are the level means
  const g = encodeFactor("g", [["a", "a", "b"]]);
  const a1 = [new Float64Array(2)];
  const u = Float64Array.from([2, 4, 7]);
  demean([u], [g], null, {}, a1);
  near(a1[0], [3, 7]);
  near(u, [-1, 1, 0]);
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
