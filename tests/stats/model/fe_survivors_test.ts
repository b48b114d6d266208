/**
 * lib/stats/model/fe.ts: the mutants the first full mutation run left alive (Irons-Tuck acceleration,
 * the sweep count and stopping rule, column retirement, zero columns, singleton dropping).
 * Expected values come from `sweeps()` below, a plain re-implementation of alternating
 * projections written from demean's documentation (each sweep subtracts the level means of every
 * dimension in turn; stop when every level mean of a sweep is below tol x the column's largest
 * |value|; Irons-Tuck every third sweep from the iterates before sweeps 2 and 3 and after sweep 3:
 * x2 - (d2.(d2 - d1) / |d2 - d1|^2) d2), or from closed forms worked in each test.
 */
import assert from "node:assert/strict";
import { InputError } from "../../../lib/errors.ts";
import { demean, dropSingletons, encodeFactor } from "../../../lib/stats/model/fe.ts";

type Codes = number[][];

/** One unweighted projection on one dimension; returns the largest |level mean|. */
function project(x: number[], codes: number[]): number {
  const sum = new Map<number, number>(), cnt = new Map<number, number>();
  codes.forEach((l, i) => {
    sum.set(l, (sum.get(l) ?? 0) + x[i]);
    cnt.set(l, (cnt.get(l) ?? 0) + 1);
  });
  let big = 0;
  for (const [l, s] of sum) big = Math.max(big, Math.abs(s / cnt.get(l)!));
  x.forEach((_, i) => (x[i] -= sum.get(codes[i])! / cnt.get(codes[i])!));
  return big;
}

/** Reference alternating projections: the iterate after `max` sweeps (or at convergence). */
function sweeps(x0: number[], dims: Codes, tol: number, max: number, accelerate: boolean) {
  const x = [...x0];
  const scale = Math.max(...x0.map(Math.abs));
  let a: number[] = [], b: number[] = [];
  for (let s = 1; s <= max; s++) {
    if (s % 3 === 2) a = [...x];
    if (s % 3 === 0) b = [...x];
    let worst = 0;
    for (const d of dims) worst = Math.max(worst, project(x, d));
    if (worst <= tol * scale) return { x, sweeps: s, converged: true };
    if (accelerate && s % 3 === 0) {
      let num = 0, den = 0;
      x.forEach((v, i) => {
        const d2 = v - b[i], dd = d2 - (b[i] - a[i]);
        num += d2 * dd;
        den += dd * dd;
      });
      if (den > 0) x.forEach((v, i) => (x[i] = v - (num / den) * (v - b[i])));
    }
  }
  return { x, sweeps: max, converged: false };
}

const near = (a: ArrayLike<number>, b: ArrayLike<number>, tol: number, what = "") => {
  assert.equal(a.length, b.length);
  for (let i = 0; i < a.length; i++) {
    assert.ok(Math.abs(a[i] - b[i]) <= tol, `${what}[${i}] ${a[i]} != ${b[i]}`);
  }
};

// an unbalanced, sparsely connected two-way panel (slow alternating projections)
const GL = ["a", "a", "b", "b", "c", "c", "d", "d", "a", "d"];
const HL = ["u", "v", "v", "w", "w", "x", "x", "y", "y", "u"];
const X = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3];
const dims = () => [encodeFactor("g", [GL]), encodeFactor("h", [HL])];
const codes = (): Codes => dims().map((d) => [...d.codes]);

/** demean with a sweep cap it cannot meet: the column is left at the capped iterate. */
function capped(cols: Float64Array[], max: number, accelerate: boolean) {
  assert.throws(
    () => demean(cols, dims(), null, { maxIterations: max, tolerance: 1e-15, accelerate }),
    (e) => e instanceof InputError && new RegExp(`in ${max} sweeps`).test(e.message),
  );
}

Deno.test("demean: the iterate after 3 and 6 sweeps = reference, plain and with Irons-Tuck", () => {
  for (const accelerate of [false, true]) {
    for (const max of [3, 4, 6]) {
      const v = Float64Array.from(X);
      capped([v], max, accelerate);
      const ref = sweeps(X, codes(), 1e-15, max, accelerate);
      assert.equal(ref.converged, false);
      near(v, ref.x, 1e-12, `accelerate ${accelerate}, ${max} sweeps`);
    }
  }
  // the extrapolation really moves the iterate: 3 accelerated sweeps differ from 3 plain ones
  const plain = sweeps(X, codes(), 1e-15, 3, false).x;
  const acc = sweeps(X, codes(), 1e-15, 3, true).x;
  assert.ok(Math.max(...plain.map((p, i) => Math.abs(p - acc[i]))) > 1e-3);
});

Deno.test("demean: the sweep count follows the stopping rule tol x largest |value| (scaled column)", () => {
  for (const [k, tol] of [[1000, 1e-3], [1, 1e-3], [1e-3, 1e-6], [50, 1e-8]]) {
    const x = X.map((v) => v * k);
    const ref = sweeps(x, codes(), tol, 10000, false);
    const v = Float64Array.from(x);
    assert.equal(demean([v], dims(), null, { tolerance: tol }), ref.sweeps, `x ${k}, tol ${tol}`);
    near(v, ref.x, 1e-12 * k);
    const refAcc = sweeps(x, codes(), tol, 10000, true);
    const u = Float64Array.from(x);
    assert.equal(
      demean([u], dims(), null, { tolerance: tol, accelerate: true }),
      refAcc.sweeps,
      `accelerated: x ${k}, tol ${tol}`,
    );
    near(u, refAcc.x, 1e-12 * k);
  }
  // the cap itself: converging in exactly the allowed sweeps is no error
  const need = sweeps(X, codes(), 1e-6, 10000, false).sweeps;
  const v = Float64Array.from(X);
  assert.equal(demean([v], dims(), null, { tolerance: 1e-6, maxIterations: need }), need);
});

Deno.test("demean: a column retired at sweep 2 leaves the others' Irons-Tuck iterates aligned", () => {
  // column 0 is a pure g effect: its sweep-1 means are large, sweep 2 finds nothing (retired)
  const pure = () => Float64Array.from(GL, (l) => ({ a: 1, b: 2, c: 3, d: 4 })[l]!);
  for (const max of [3, 6]) {
    const p = pure(), slow = Float64Array.from(X);
    capped([p, slow], max, true);
    near(slow, sweeps(X, codes(), 1e-15, max, true).x, 1e-12, `${max} sweeps`);
    near(p, new Float64Array(10), 0);
  }
});

Deno.test("demean: a retired column is left as it was at its last sweep (each column = alone, bit for bit)", () => {
  // b converges slowly; a = b's sweep pattern on a larger scale plus a pure g effect converges
  // at its own sweep; loose tolerance so that extra sweeps would still change a column
  const a = X.map((v, i) => 100 * ((i % 3) - 1) + v / 7);
  for (const accelerate of [false, true]) {
    for (const [p, q] of [[a, X], [X, a]]) {
      const both = [Float64Array.from(p), Float64Array.from(q)];
      demean(both, dims(), null, { tolerance: 1e-4, accelerate });
      const alone = [Float64Array.from(p), Float64Array.from(q)];
      const n0 = demean([alone[0]], dims(), null, { tolerance: 1e-4, accelerate });
      const n1 = demean([alone[1]], dims(), null, { tolerance: 1e-4, accelerate });
      assert.notEqual(n0, n1, "the two columns need different sweep counts");
      assert.deepEqual([...both[0]], [...alone[0]]);
      assert.deepEqual([...both[1]], [...alone[1]]);
    }
  }
});

Deno.test("demean: zero columns take no sweep, wherever they stand", () => {
  const g = encodeFactor("g", [["a", "a", "b", "b"]]);
  assert.equal(demean([new Float64Array(4)], [g], null), 0);
  assert.equal(demean([new Float64Array(10)], dims(), null), 0);
  assert.equal(demean([], dims(), null), 0);
  // a zero column before a live one: the live one is demeaned as if alone
  const zero = new Float64Array(10), v = Float64Array.from(X);
  const n = demean([zero, v], dims(), null, { tolerance: 1e-10 });
  const ref = sweeps(X, codes(), 1e-10, 10000, false);
  assert.equal(n, ref.sweeps);
  near(v, ref.x, 1e-12);
  near(zero, new Float64Array(10), 0);
});

Deno.test("demean: convergence looks at every level, not only the last one", () => {
  // the last level of each dimension is a separate block of zero rows: its mean is always 0
  const gl = [...GL, "z", "z"], hl = [...HL, "zz", "zz"], x = [...X, 0, 0];
  const d = [encodeFactor("g", [gl]), encodeFactor("h", [hl])];
  const v = Float64Array.from(x);
  const n = demean([v], d, null);
  assert.ok(n > 2, `sweeps ${n}`);
  for (const f of d) {
    const s = new Float64Array(f.levels);
    v.forEach((t, i) => (s[f.codes[i]] += t));
    near(s, new Float64Array(f.levels), 1e-11, f.name);
  }
});

Deno.test("demean: tolerance 0 stops only at an exact fixed point (additive integers: 2 sweeps)", () => {
  // x = r_g + c_h on a complete 2 x 3 panel: sweep 1 removes it exactly, sweep 2 finds 0
  const g = encodeFactor("g", [["p", "p", "p", "q", "q", "q"]]);
  const h = encodeFactor("h", [["u", "v", "w", "u", "v", "w"]]);
  const v = Float64Array.from([1 + 4, 1 + 8, 1 + 16, 2 + 4, 2 + 8, 2 + 16]);
  assert.equal(demean([v], [g, h], null, { tolerance: 0 }), 2);
  near(v, new Float64Array(6), 0);
});

Deno.test("demean with alphas ignores acceleration: column = demeaned + recovered effects", () => {
  const d = dims();
  const v = Float64Array.from(X);
  const alphas = d.map((f) => new Float64Array(f.levels));
  demean([v], d, null, { tolerance: 1e-14, accelerate: true }, alphas);
  const plain = Float64Array.from(X);
  const n = demean([plain], d, null, { tolerance: 1e-14 });
  assert.ok(n > 6, `sweeps ${n}`);
  near(v, plain, 1e-12);
  X.forEach((x, i) => {
    const back = v[i] + alphas[0][d[0].codes[i]] + alphas[1][d[1].codes[i]];
    assert.ok(Math.abs(back - x) < 1e-11, `row ${i}: ${back} != ${x}`);
  });
});

Deno.test("dropSingletons: a dropped row is not counted again when its level becomes a singleton", () => {
  // g = c a c a c, h = z y y y w. Pass 1 drops rows 0 (h = z) and 4 (h = w): level c keeps row 2
  // only; pass 2 drops row 2. Rows 1 and 3 (g = a, h = y) stay.
  const g = encodeFactor("g", [["c", "a", "c", "a", "c"]]);
  const h = encodeFactor("h", [["z", "y", "y", "y", "w"]]);
  assert.deepEqual(dropSingletons([g, h]), { keep: [1, 3], dropped: 3 });
});
