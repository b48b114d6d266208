/**
 * lib/stats/model/demean.ts: weighted demeaning on fixed effects by conjugate gradient on the
 * Schur complement. The answers are checked against closed forms (one dimension, a balanced
 * two-way panel) and against the dense weighted least-squares residual on the dummy design,
 * computed in this file by Gauss-Jordan elimination on D'WD (rank-deficient directions skipped):
 * the residual is unique whatever the fixed effects' normalisation. Iteration counts and the
 * iterate after a capped number of iterations come from `cgReference` below, a plain
 * re-implementation written from the module's documentation (row by row, one column at a time).
 */
import assert from "node:assert/strict";
import { InputError } from "../../../lib/errors.ts";
import {
  absorb,
  demean,
  FE_COLLINEARITY_TOLERANCE,
  weightedNorms,
  zeroCollinear,
} from "../../../lib/stats/model/demean.ts";
import { encodeFactor, type FeDimension } from "../../../lib/stats/model/fe.ts";

const near = (a: ArrayLike<number>, b: ArrayLike<number>, tol: number, what = "") => {
  assert.equal(a.length, b.length);
  for (let i = 0; i < a.length; i++) {
    assert.ok(Math.abs(a[i] - b[i]) <= tol, `${what}[${i}] ${a[i]} != ${b[i]}`);
  }
};

/** The weighted least-squares residual of v on every dimension's dummies (dense, exact). */
function denseResidual(v: ArrayLike<number>, dims: FeDimension[], w?: ArrayLike<number>) {
  const n = v.length;
  const off: number[] = [];
  let p = 0;
  for (const d of dims) {
    off.push(p);
    p += d.levels;
  }
  const col = (i: number) => dims.map((d, k) => off[k] + d.codes[i]);
  const A = Array.from({ length: p }, () => new Array<number>(p + 1).fill(0));
  for (let i = 0; i < n; i++) {
    const wi = w ? w[i] : 1, cs = col(i);
    for (const a of cs) {
      for (const b of cs) A[a][b] += wi;
      A[a][p] += wi * v[i];
    }
  }
  // Gauss-Jordan with partial pivoting; a pivot below 1e-10 of the largest diagonal is a
  // redundant direction (its coefficient stays 0)
  const big = Math.max(...A.map((r, a) => r[a]));
  const solvedBy = new Array<number>(p).fill(-1);
  let row = 0;
  for (let c = 0; c < p && row < p; c++) {
    let best = row;
    for (let r = row; r < p; r++) if (Math.abs(A[r][c]) > Math.abs(A[best][c])) best = r;
    if (Math.abs(A[best][c]) <= 1e-10 * big) continue;
    [A[row], A[best]] = [A[best], A[row]];
    const piv = A[row][c];
    for (let j = 0; j <= p; j++) A[row][j] /= piv;
    for (let r = 0; r < p; r++) {
      if (r === row || A[r][c] === 0) continue;
      const f = A[r][c];
      for (let j = 0; j <= p; j++) A[r][j] -= f * A[row][j];
    }
    solvedBy[c] = row++;
  }
  const alpha = solvedBy.map((r) => (r < 0 ? 0 : A[r][p]));
  return Array.from(v, (x, i) => x - col(i).reduce((s, a) => s + alpha[a], 0));
}

/**
 * Conjugate gradient as documented: eliminate the dimension with the most levels (the first of
 * equals), precondition the others with their level weights, stop when
 * sqrt(r' M^-1 r) <= tol x sqrt(sum w v^2) (checked before each iteration), then remove the
 * eliminated dimension's weighted means. Returns the residual and the iterations.
 */
function cgReference(
  v: number[],
  dims: FeDimension[],
  w: number[],
  tol: number,
  cap = 10000,
  opts: { start?: ArrayLike<number>[]; relative?: boolean; floor?: number } = {},
) {
  const n = v.length;
  let e = 0;
  dims.forEach((d, k) => (d.levels > dims[e].levels ? (e = k) : 0));
  const R = dims.map((_, k) => k).filter((k) => k !== e);
  const W = dims.map((d) => {
    const s = new Array<number>(d.levels).fill(0);
    for (let i = 0; i < n; i++) s[d.codes[i]] += w[i];
    return s;
  });
  // g -> (te, q): te = W_e^-1 D_e' W g, q_d = D_d' W (g - D_e te)
  const pass = (g: number[]) => {
    const te = new Array<number>(dims[e].levels).fill(0);
    for (let i = 0; i < n; i++) te[dims[e].codes[i]] += w[i] * g[i];
    te.forEach((_, l) => (te[l] /= W[e][l]));
    const q = R.map((d) => new Array<number>(dims[d].levels).fill(0));
    for (let i = 0; i < n; i++) {
      R.forEach((d, k) => (q[k][dims[d].codes[i]] += w[i] * (g[i] - te[dims[e].codes[i]])));
    }
    return { te, q };
  };
  const rowsOf = (x: number[][]) =>
    Array.from({ length: n }, (_, i) => R.reduce((s, d, k) => s + x[k][dims[d].codes[i]], 0));
  const dot = (a: number[][], b: number[][]) =>
    a.reduce((s, ak, k) => s + ak.reduce((t, v, l) => t + v * b[k][l], 0), 0);
  const scale = Math.sqrt(v.reduce((s, x, i) => s + w[i] * x * x, 0));
  // a warm start: x0 from the start's solved dimensions, r0 = b - S x0
  const x = R.map((d) =>
    opts.start ? Array.from(opts.start[d]) : new Array<number>(dims[d].levels).fill(0)
  );
  const x0 = rowsOf(x);
  let r = pass(v.map((val, i) => val - x0[i])).q;
  let z = r.map((a, k) => a.map((val, l) => val / W[R[k]][l]));
  const p = z.map((a) => [...a]);
  let rz = dot(r, z);
  // a relative column: measured against its starting residual, never below floor x its norm
  const ref = opts.relative
    ? Math.max(Math.sqrt(rz), ((opts.floor ?? 1e-13) / tol) * scale)
    : scale;
  let it = 0;
  while (Math.sqrt(Math.max(rz, 0)) > tol * ref && it < cap) {
    it++;
    const q = pass(rowsOf(p)).q;
    const alpha = rz / dot(p, q);
    x.forEach((a, k) => a.forEach((_, l) => (a[l] += alpha * p[k][l])));
    r = r.map((a, k) => a.map((val, l) => val - alpha * q[k][l]));
    z = r.map((a, k) => a.map((val, l) => val / W[R[k]][l]));
    const next = dot(r, z);
    p.forEach((a, k) => a.forEach((_, l) => (a[l] = z[k][l] + (next / rz) * a[l])));
    rz = next;
  }
  const g = rowsOf(x).map((s, i) => v[i] - s);
  const { te } = pass(g);
  return {
    residual: g.map((val, i) => val - te[dims[e].codes[i]]),
    iterations: it,
    relative: Math.sqrt(Math.max(rz, 0)) / ref,
  };
}

// an unbalanced, sparsely connected two-way panel
const GL = ["a", "a", "b", "b", "c", "c", "d", "d", "a", "d"];
const HL = ["u", "v", "v", "w", "w", "x", "x", "y", "y", "u"];
const X = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3];
const dims = () => [encodeFactor("g", [GL]), encodeFactor("h", [HL])];
const ones = (n: number) => new Array<number>(n).fill(1);

Deno.test("demean, one dimension: unweighted and weighted level means, a zero-weight level kept, one iteration", () => {
  const g = encodeFactor("g", [["a", "a", "b", "b", "b"]]);
  const v = Float64Array.from([1, 3, 2, 4, 9]);
  assert.equal(demean([v], [g], null), 1);
  near(v, [-1, 1, -3, -1, 4], 1e-14);
  // weights 1, 3 | 1, 1, 2: weighted means 2.5 and (2 + 4 + 18) / 4 = 6
  const u = Float64Array.from([1, 3, 2, 4, 9]);
  demean([u], [g], [1, 3, 1, 1, 2]);
  near(u, [-1.5, 0.5, -4, -2, 3], 1e-14);
  const u2 = Float64Array.from([1, 3, 2, 4, 9]);
  demean([u2], [g], Float64Array.from([1, 3, 1, 1, 2]));
  near(u2, u, 0);
  // a level whose weights are all zero is left alone (reciprocal weight 0)
  const z = Float64Array.from([1, 3, 2, 4, 9]);
  demean([z], [g], [0, 0, 1, 1, 2]);
  near(z, [1, 3, -4, -2, 3], 1e-14);
});

Deno.test("demean, balanced two-way panel: the closed form x - r_i - c_j + m in one CG iteration", () => {
  // the preconditioned Schur complement of a complete I x J panel is I - 11'/I, a projection:
  // conjugate gradient is exact after one iteration
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
  const d = [encodeFactor("g", [gi]), encodeFactor("h", [hj])];
  const v = Float64Array.from(x), twice = Float64Array.from(x, (t) => 2 * t);
  const zero = new Float64Array(x.length);
  assert.equal(demean([v, twice, zero], d, null, { tolerance: 1e-14 }), 1);
  near(v, expected, 1e-12);
  near(twice, expected.map((t) => 2 * t), 1e-12);
  near(zero, new Float64Array(x.length), 0);
});

Deno.test("demean, unbalanced panel: = the dense least-squares residual; iterations and the capped iterate = reference CG", () => {
  const ref = denseResidual(X, dims());
  for (const tol of [1e-3, 1e-8, 1e-13]) {
    const v = Float64Array.from(X);
    const it = demean([v], dims(), null, { tolerance: tol });
    const cg = cgReference(X, dims(), ones(10), tol);
    assert.equal(it, cg.iterations, `tolerance ${tol}`);
    near(v, cg.residual, 1e-12, `tolerance ${tol}`);
    if (tol === 1e-13) near(v, ref, 1e-12, "dense");
  }
  // capped: the result is the iterate after the cap, and `demean` says how far it got
  const cap = cgReference(X, dims(), ones(10), 1e-13).iterations - 1;
  const u = Float64Array.from(X);
  const a = absorb([u], dims(), null, { maxIterations: cap });
  assert.equal(a.converged, false);
  assert.equal(a.iterations, cap);
  near(u, cgReference(X, dims(), ones(10), 1e-13, cap).residual, 1e-12, "capped");
  assert.throws(
    () => demean([Float64Array.from(X)], dims(), null, { maxIterations: cap, names: ["x"] }),
    (e) =>
      e instanceof InputError &&
      new RegExp(
        `^fixed effects g, h: the projection of x stopped at relative residual \\S+ after ${cap} ` +
          `conjugate-gradient iterations \\(tolerance 1e-13, limit ${cap}\\)$`,
      ).test(e.message),
  );
  // converging within exactly the allowed iterations is no error
  const v = Float64Array.from(X);
  assert.equal(demean([v], dims(), null, { maxIterations: cap + 1 }), cap + 1);
});

Deno.test("demean: the stopping rule is relative (a column x k takes the same iterations)", () => {
  for (const k of [1e-6, 1, 1e6]) {
    const x = X.map((v) => v * k);
    const v = Float64Array.from(x);
    const n = demean([v], dims(), null, { tolerance: 1e-8 });
    assert.equal(n, cgReference(X, dims(), ones(10), 1e-8).iterations, `x ${k}`);
    near(v, denseResidual(x, dims()), 1e-7 * k, `x ${k}`);
  }
});

Deno.test("demean: very unequal weights (1e6 / 1) on a sparse two-way panel converge to the dense answer", () => {
  // levels linked only through weight-1 rows: alternating projections crawl here
  const gl: string[] = [], hl: string[] = [], x: number[] = [], w: number[] = [];
  for (let b = 0; b < 6; b++) {
    for (const [g, h, weight] of [[0, 0, 1e6], [0, 1, 1e6], [1, 1, 1e6], [1, 2, 1]] as const) {
      gl.push(`g${2 * b + g}`);
      hl.push(`h${(3 * b + h) % 18}`);
      x.push(Math.cos(7 * x.length) * 3 + b);
      w.push(weight);
    }
  }
  const d = [encodeFactor("g", [gl]), encodeFactor("h", [hl])];
  const v = Float64Array.from(x);
  const it = demean([v], d, w);
  const cg = cgReference(x, d, w, 1e-13);
  assert.equal(it, cg.iterations);
  assert.ok(it < 40, `iterations ${it}`);
  near(v, denseResidual(x, d, w), 1e-9);
});

Deno.test("demean: three dimensions (the largest eliminated) = dense answer and reference iterations", () => {
  const t = ["1", "2", "1", "2", "3", "3", "1", "2", "3", "1"];
  const d = [...dims(), encodeFactor("t", [t])];
  const w = X.map((_, i) => 1 + (i % 3));
  const v = Float64Array.from(X);
  const it = demean([v], d, w, { tolerance: 1e-13 });
  assert.equal(it, cgReference(X, d, w, 1e-13).iterations);
  near(v, denseResidual(X, d, w), 1e-11);
});

Deno.test("demean: columns in one call = each alone; zero columns untouched and take no iteration", () => {
  const a = X.map((v, i) => 100 * ((i % 3) - 1) + v / 7);
  const cols = [a, X, a.map((v) => -v), X.map((v) => v * v), X.map((v) => v + 1)];
  const together = cols.map((c) => Float64Array.from(c));
  const n = demean(together, dims(), null);
  const alone = cols.map((c) => {
    const v = Float64Array.from(c);
    return { v, it: demean([v], dims(), null) };
  });
  assert.equal(n, Math.max(...alone.map((x) => x.it)));
  alone.forEach((x, j) => near(together[j], x.v, 1e-13, `column ${j}`));
  assert.equal(demean([new Float64Array(10)], dims(), null), 0);
  assert.equal(demean([], dims(), null), 0);
  const zero = new Float64Array(10), v = Float64Array.from(X);
  demean([zero, v], dims(), null);
  near(zero, new Float64Array(10), 0);
  near(v, alone[1].v, 1e-13);
});

Deno.test("demean with coefficients: column = demeaned + sum of them; a warm start from them takes no iteration", () => {
  const d = dims();
  const v = Float64Array.from(X);
  const alphas = d.map((f) => new Float64Array(f.levels));
  demean([v], d, null, { tolerance: 1e-14 }, alphas);
  X.forEach((x, i) => {
    const back = v[i] + alphas[0][d[0].codes[i]] + alphas[1][d[1].codes[i]];
    assert.ok(Math.abs(back - x) < 1e-12, `row ${i}: ${back} != ${x}`);
  });
  // warm start from the answer: converged before any iteration, same residual
  const u = Float64Array.from(X);
  const a = absorb([u], d, null, { start: [alphas], tolerance: 1e-12 });
  assert.equal(a.iterations, 0);
  near(u, v, 1e-12);
  // from a poor start: the same answer
  const s = Float64Array.from(X);
  absorb([s], d, null, { start: [[alphas[0].map((x) => x + 5), alphas[1].map((x) => -x)]] });
  near(s, v, 1e-11);
  // a zero column ignores its start and stays zero, its coefficients zero
  const z = new Float64Array(10);
  absorb([z], d, null, { start: [alphas] });
  near(z, new Float64Array(10), 0);
  const z2 = new Float64Array(10);
  const zc = absorb([z2], d, null, { start: [alphas], coefficients: true }).coefficients!;
  assert.deepEqual(zc, [[new Float64Array(4), new Float64Array(5)]]);
  // one dimension: the coefficients are the level means
  const g = encodeFactor("g", [["a", "a", "b"]]);
  const a1 = [new Float64Array(2)];
  const w = Float64Array.from([2, 4, 7]);
  demean([w], [g], null, {}, a1);
  near(a1[0], [3, 7], 1e-15);
  near(w, [-1, 1, 0], 1e-15);
});

Deno.test("demean: convergence looks at every level (a separate block of zero rows changes nothing)", () => {
  const gl = [...GL, "z", "z"], hl = [...HL, "zz", "zz"], x = [...X, 0, 0];
  const d = [encodeFactor("g", [gl]), encodeFactor("h", [hl])];
  const v = Float64Array.from(x);
  demean([v], d, null);
  near(v, denseResidual(x, d), 1e-12);
});

// a chain: g_k meets h_k and h_(k+1), unequal weights; conjugate gradient needs all 7 iterations
// for most columns (the Schur complement has rank 7), 4 for HALF
const chain = () => {
  const gl: string[] = [], hl: string[] = [], w: number[] = [];
  for (let k = 0; k < 8; k++) {
    for (const s of [0, 1]) {
      gl.push(`g${k}`);
      hl.push(`h${k + s}`);
      w.push(1 + ((3 * k + s) % 4));
    }
  }
  return { d: [encodeFactor("g", [gl]), encodeFactor("h", [hl])], w };
};
const COS = Array.from({ length: 16 }, (_, i) => Math.cos(7 * i) * 3 + (i % 3));
const HALF = Array.from({ length: 16 }, (_, i) => (i < 8 ? 1 : 0));

Deno.test("absorb returns the coefficients only when asked; no dimension or no column leaves everything as it is", () => {
  const v = Float64Array.from(X);
  assert.equal("coefficients" in absorb([v], dims(), null), false);
  assert.equal("coefficients" in absorb([v], [dims()[0]], null), false);
  const u = Float64Array.from(X);
  assert.deepEqual(absorb([u, new Float64Array(10)], [], null), {
    iterations: 0,
    residual: [0, 0],
    converged: true,
  });
  near(u, X, 0);
  assert.deepEqual(absorb([u], [], null, { coefficients: true }), {
    iterations: 0,
    residual: [0],
    converged: true,
    coefficients: [[]],
  });
  near(u, X, 0);
  assert.deepEqual(absorb([], dims(), null, { coefficients: true }), {
    iterations: 0,
    residual: [],
    converged: true,
    coefficients: [],
  });
});

Deno.test("absorb: converged when every column's residual is at most the tolerance (equality included)", () => {
  // a zero column is converged at once, X not after 2 of its 3 iterations
  const capped = absorb([new Float64Array(10), Float64Array.from(X)], dims(), null, {
    maxIterations: 2,
  });
  assert.equal(capped.converged, false);
  assert.equal(capped.iterations, 2);
  assert.equal(capped.residual[0], 0);
  const ref = cgReference(X, dims(), ones(10), 1e-13, 2).relative;
  assert.ok(Math.abs(capped.residual[1] - ref) <= 1e-12 * ref, `${capped.residual[1]} != ${ref}`);
  // the residual reached after 2 iterations as the tolerance: met there, not one iteration later
  const rho = absorb([Float64Array.from(X)], dims(), null, { maxIterations: 2 }).residual[0];
  const v = Float64Array.from(X);
  const at = absorb([v], dims(), null, { tolerance: rho });
  assert.deepEqual(at, { iterations: 2, residual: [rho], converged: true });
  near(v, cgReference(X, dims(), ones(10), 1e-13, 2).residual, 1e-12);
});

Deno.test("absorb: a column still going when another has converged keeps its search direction (= reference CG)", () => {
  const { d, w } = chain();
  assert.equal(cgReference(HALF, d, w, 1e-13).iterations, 4);
  assert.equal(cgReference(COS, d, w, 1e-13).iterations, 7);
  // HALF leaves after 4 iterations; COS goes on to the cap of 6 as conjugate gradient, not restarted
  const cols = [Float64Array.from(COS), Float64Array.from(HALF)];
  const r = absorb(cols, d, w, { maxIterations: 6 });
  assert.equal(r.iterations, 6);
  assert.equal(r.converged, false);
  near(cols[0], cgReference(COS, d, w, 1e-13, 6).residual, 1e-12, "COS");
  near(cols[1], denseResidual(HALF, d, w), 1e-12, "HALF");
  const again = [Float64Array.from(COS), Float64Array.from(HALF)];
  assert.equal(demean(again, d, w), 7);
  near(again[0], denseResidual(COS, d, w), 1e-12, "COS converged");
});

Deno.test("absorb, relative columns: tolerance x the starting residual, never below floor x the weighted norm (= reference CG)", () => {
  const { d, w } = chain();
  // a warm start near the answer: measured against its norm a column is done sooner than
  // against its (small) starting residual
  const alphas = d.map((f) => new Float64Array(f.levels));
  demean([Float64Array.from(COS)], d, w, { tolerance: 1e-14 }, alphas);
  const start = [alphas[0].map((a, l) => a + 1e-3 * Math.sin(l + 1)), alphas[1]];
  const tol = 1e-2;
  const cols = [Float64Array.from(COS), Float64Array.from(COS)];
  const r = absorb(cols, d, w, { tolerance: tol, start: [start, start], relative: [true, false] });
  const rel = cgReference(COS, d, w, tol, 10000, { start, relative: true });
  const abs = cgReference(COS, d, w, tol, 10000, { start });
  assert.deepEqual([rel.iterations, abs.iterations], [6, 0]);
  assert.equal(r.iterations, 6);
  assert.equal(r.converged, true);
  near(r.residual, [rel.relative, abs.relative], 1e-12, "residual");
  near(cols[0], rel.residual, 1e-12, "relative");
  near(cols[1], abs.residual, 1e-12, "absolute");
  // a floor of 1e-5 x the norm is above tol x the starting residual here: it stops sooner
  const f = Float64Array.from(COS);
  const rf = absorb([f], d, w, { tolerance: tol, start: [start], relative: [true], floor: 1e-5 });
  const flo = cgReference(COS, d, w, tol, 10000, { start, relative: true, floor: 1e-5 });
  assert.ok(flo.iterations > 0 && flo.iterations < 6, `${flo.iterations}`);
  assert.equal(rf.iterations, flo.iterations);
  near(rf.residual, [flo.relative], 1e-12, "floor residual");
  near(f, flo.residual, 1e-12, "floor");
});

Deno.test("absorb with coefficients, several columns: each column = demeaned + the sum of its own coefficients", () => {
  const d = dims();
  const cols = [X, X.map((v, i) => v * v - i), X.map((_, i) => Math.sin(i)), X.map((v) => -v)];
  const out = cols.map((c) => Float64Array.from(c));
  const r = absorb(out, d, null, { coefficients: true, tolerance: 1e-14 });
  cols.forEach((c, j) => {
    near(out[j], denseResidual(c, d), 1e-12, `column ${j}`);
    const [ag, ah] = r.coefficients![j];
    assert.deepEqual([ag.length, ah.length], [4, 5]);
    const back = c.map((_, i) => out[j][i] + ag[d[0].codes[i]] + ah[d[1].codes[i]]);
    near(back, c, 1e-12, `column ${j} rebuilt`);
  });
});

Deno.test("demean not converging names the column furthest from the tolerance (the first of equals) and its residual", () => {
  // the zero columns converge at once; X and 2 X stop at the same relative residual
  const cols = () => [
    new Float64Array(10),
    Float64Array.from(X),
    Float64Array.from(X, (v) => 2 * v),
    new Float64Array(10),
  ];
  const r = absorb(cols(), dims(), null, { maxIterations: 2 });
  assert.deepEqual([r.residual[0], r.residual[3]], [0, 0]);
  assert.equal(r.residual[1], r.residual[2]);
  const rho = cgReference(X, dims(), ones(10), 1e-13, 2).relative.toExponential(2);
  assert.equal(r.residual[1].toExponential(2), rho);
  assert.throws(
    () => demean(cols(), dims(), null, { maxIterations: 2 }),
    new InputError(
      `fixed effects g, h: the projection of column 2 of 4 stopped at relative residual ${rho} ` +
        "after 2 conjugate-gradient iterations (tolerance 1e-13, limit 2)",
    ),
  );
});

Deno.test("weightedNorms is sqrt(sum w v^2); zeroCollinear zeroes the columns at most 1e-10 of their norm before", () => {
  const a = Float64Array.from([3, 4]), b = Float64Array.from([1, -2]);
  assert.deepEqual(weightedNorms([a, b], null), [5, Math.sqrt(5)]);
  assert.deepEqual(weightedNorms([a, b], [1, 2]), [Math.sqrt(41), 3]);
  assert.equal(FE_COLLINEARITY_TOLERANCE, 1e-10);
  // a's norm 5 is exactly 1e-10 of 5e10 (gone); b's sqrt(5) is well above 1e-10 of 1e10
  assert.equal(FE_COLLINEARITY_TOLERANCE * 5e10, 5);
  assert.deepEqual(zeroCollinear([a, b], [5e10, 1e10], null), [true, false]);
  assert.deepEqual([a, b], [new Float64Array(2), Float64Array.from([1, -2])]);
  // weighted: norm of [1, -2] with w [4, 1] is sqrt(8), kept against 1e10, gone against 1e11
  const c = Float64Array.from([1, -2]);
  assert.deepEqual(zeroCollinear([c], [1e10], [4, 1]), [false]);
  assert.deepEqual(zeroCollinear([c], [1e11], [4, 1]), [true]);
  assert.deepEqual(c, new Float64Array(2));
});
