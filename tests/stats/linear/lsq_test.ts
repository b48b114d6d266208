/**
 * The least-squares core (lib/stats/linear/lsq.ts): the exact power-of-two scaling (only visible
 * where unscaled sums of squares overflow), the 1-norm condition number (closed forms worked
 * below), the "auto" refinement rule's error estimate against an independent mpmath computation
 * (tests/fixtures/stats/lsq_error_estimate.py), the refinement modes, more rows than one QR block,
 * and the collinearity tolerance.
 */
import assert from "node:assert/strict";
import {
  conditionEstimate,
  lsq,
  powerOfTwoScale,
  REFINE_ERROR,
} from "../../../lib/stats/linear/lsq.ts";

Deno.test("powerOfTwoScale: nearest power of two; 1 for 0, negative, infinite or NaN", () => {
  assert.equal(powerOfTwoScale(1000), 1024);
  assert.equal(powerOfTwoScale(3), 4);
  assert.equal(powerOfTwoScale(0.3), 0.25);
  assert.equal(powerOfTwoScale(1e200), 2 ** Math.round(Math.log2(1e200)));
  for (const v of [0, -5, Infinity, NaN]) assert.equal(powerOfTwoScale(v), 1, String(v));
});

Deno.test("conditionEstimate: 1-norm condition of upper-triangular factors (closed forms)", () => {
  // R = [2 1; 0 4]: column sums 2, 5; R^-1 = [1/2 -1/8; 0 1/4]: column sums 1/2, 3/8
  assert.deepEqual(conditionEstimate({ p: 2, r: new Float64Array([2, 1, 0, 4]) }), {
    condition: 2.5,
    norm: 5,
  });
  // R = [1 2 0; 0 1 3; 0 0 2]: column sums 1, 3, 5; R^-1 = [1 -2 3; 0 1 -1.5; 0 0 0.5]: 1, 3, 5
  assert.deepEqual(
    conditionEstimate({ p: 3, r: new Float64Array([1, 2, 0, 0, 1, 3, 0, 0, 2]) }),
    { condition: 25, norm: 5 },
  );
  // the lower triangle is never read
  assert.deepEqual(
    conditionEstimate({ p: 2, r: new Float64Array([2, 1, 99, 4]) }),
    { condition: 2.5, norm: 5 },
  );
  assert.deepEqual(conditionEstimate({ p: 0, r: new Float64Array(0) }), { condition: 1, norm: 0 });
});

/** y = -0.5 + 1.4 x on x = 1..4, y = 1, 3, 2, 6 (slope 7 / 5). */
const X = [1, 2, 3, 4], Y = [1, 3, 2, 6];
const est = (f: ReturnType<typeof lsq>, a: number) => (f.b[a] * f.yScale) / f.scale[f.kept[a]];

Deno.test("lsq: exact scaling keeps columns of 1e200 and 1e-200 (their squares over/underflow)", () => {
  const big = lsq({ y: Y, columns: [X.map((x) => x * 1e200)], intercept: true, names: ["c", "x"] });
  assert.ok(Math.abs(est(big, 0) - -0.5) < 1e-14);
  assert.ok(Math.abs(est(big, 1) / 1.4e-200 - 1) < 1e-14);
  const small = lsq({
    y: Y.map((y) => y * 1e100),
    columns: [X.map((x) => x * 1e-200)],
    intercept: false,
    names: ["x"],
  });
  // no intercept: b = sum xy / sum xx = (1 + 6 + 6 + 24) / 30, times 1e100 / 1e-200
  assert.ok(Math.abs(est(small, 0) / (37 / 30 * 1e300) - 1) < 1e-14);
  const tiny = lsq({
    y: Y.map((y) => y * 1e-200),
    columns: [X.map((x) => x * 1e-150)],
    intercept: true,
    names: ["c", "x"],
  });
  assert.ok(Math.abs(est(tiny, 0) / -0.5e-200 - 1) < 1e-14);
  assert.ok(Math.abs(est(tiny, 1) / 1.4e-50 - 1) < 1e-14);
  // rows select the used rows (reversed: same fit)
  const r = lsq({
    y: [...Y, 99],
    columns: [[...X, 7]],
    rows: [3, 2, 1, 0],
    intercept: true,
    names: ["c", "x"],
  });
  assert.ok(Math.abs(est(r, 1) - 1.4) < 1e-14);
  assert.equal(r.n, 4);
  // the column scale is the power of two nearest the largest |value| over the used rows
  assert.equal(r.scale[1], 4);
  assert.equal(r.yScale, 8);
  const neg = lsq({
    y: Y.map((v) => -v),
    columns: [X.map((x) => -x)],
    intercept: true,
    names: ["c", "x"],
  });
  assert.equal(neg.scale[1], 4);
  assert.equal(neg.yScale, 8);
});

/** Polynomial design x^1..x^d on x = 1..n: ill-conditioned for d >= 4. */
function poly(d: number, n: number) {
  const x = Array.from({ length: n }, (_, i) => 1 + i / 2);
  const cols = Array.from({ length: d }, (_, j) => x.map((v) => v ** (j + 1)));
  const y = x.map((v, i) => Math.sin(v) + 0.01 * (i % 3));
  return { y, columns: cols, intercept: true, names: ["c", ...cols.map((_, j) => `x${j}`)] };
}

Deno.test("lsq refine: default and always refine, never does not, auto decides by the error estimate", () => {
  const well = { y: Y, columns: [X], intercept: true, names: ["c", "x"] };
  assert.equal(lsq({ ...well, refine: "never" }).refinements, 0);
  assert.ok(lsq({ ...well, refine: "always" }).refinements >= 1);
  assert.ok(lsq(well).refinements >= 1);
  assert.ok(Number.isNaN(lsq(well).errorEstimate));
  assert.ok(Number.isNaN(lsq({ ...well, refine: "never" }).errorEstimate));
  const auto = lsq({ ...well, refine: "auto" });
  assert.ok(auto.errorEstimate <= REFINE_ERROR, `${auto.errorEstimate}`);
  assert.equal(auto.refinements, 0);
  const ill = lsq({ ...poly(6, 30), refine: "auto" });
  assert.ok(ill.errorEstimate > REFINE_ERROR, `${ill.errorEstimate}`);
  assert.ok(ill.refinements >= 1);
  // the refined and unrefined answers agree closely on the well-conditioned design
  const never = lsq({ ...well, refine: "never" });
  never.residuals.forEach((r, t) => assert.ok(Math.abs(r - auto.residuals[t]) < 1e-15));
});

/** The estimate and R's 1-norm condition of each design by mpmath (lsq_error_estimate.py). */
const ESTIMATES: {
  name: string;
  columns: number[][];
  y: number[];
  errorEstimate: number;
  condition: number;
}[] = JSON.parse(
  Deno.readTextFileSync(
    new URL("../../fixtures/stats/lsq_error_estimate.json", import.meta.url),
  ),
);

Deno.test("lsq auto: error estimate = eps cond (1 + cond ||r|| / (||R||_1 ||b||_1))", () => {
  const designs = [
    { y: Y, columns: [X], intercept: true, names: ["c", "x"] },
    poly(3, 12),
    poly(6, 30),
  ];
  assert.equal(ESTIMATES.length, designs.length);
  designs.forEach((spec, i) => {
    const want = ESTIMATES[i];
    // the script's designs are these, double for double
    assert.deepEqual([spec.columns, spec.y], [want.columns, want.y], want.name);
    const f = lsq({ ...spec, refine: "auto" });
    // first-order quantities of a floating QR: 7e-14 relative from mpmath's at most (poly(6, 30))
    const { condition } = conditionEstimate(f.R);
    assert.ok(Math.abs(condition / want.condition - 1) < 1e-10, `${want.name}: cond ${condition}`);
    assert.ok(
      Math.abs(f.errorEstimate / want.errorEstimate - 1) < 1e-10,
      `${want.name}: ${f.errorEstimate} vs ${want.errorEstimate}`,
    );
    // and auto refines exactly when mpmath's estimate exceeds REFINE_ERROR
    assert.equal(f.refinements > 0, want.errorEstimate > REFINE_ERROR, want.name);
  });
  // a zero dependent: ||b|| = 0, the ratio is infinite, and auto refines
  const z = lsq({
    y: [0, 0, 0, 0],
    columns: [X],
    intercept: true,
    names: ["c", "x"],
    refine: "auto",
  });
  assert.equal(z.errorEstimate, Infinity);
  assert.ok(z.refinements >= 1);
});

Deno.test("lsq: more rows than one QR block (2048) = closed-form simple regression", () => {
  const n = 5000;
  const x = Array.from({ length: n }, (_, t) => Math.sin(t) * 3);
  const y = x.map((v, t) => 2 - 0.5 * v + Math.cos(3 * t));
  const mx = x.reduce((a, b) => a + b) / n, my = y.reduce((a, b) => a + b) / n;
  const b = x.reduce((s, v, t) => s + (v - mx) * (y[t] - my), 0) /
    x.reduce((s, v) => s + (v - mx) ** 2, 0);
  const f = lsq({ y, columns: [x], intercept: true, names: ["c", "x"] });
  assert.equal(f.n, n);
  assert.ok(Math.abs(est(f, 1) - b) < 1e-12, `${est(f, 1)} vs ${b}`);
  assert.ok(Math.abs(est(f, 0) - (my - b * mx)) < 1e-12);
  assert.equal(f.residuals.length, n);
  assert.ok(f.residuals.every(Number.isFinite));
});

Deno.test("lsq: a column within 1e-10 of its norm from the span of the others is omitted", () => {
  // x2 = x1 + 1e-12 sin(t): |R_22| / ||x2|| is about 1e-12 < 1e-10 (omitted); x3 = x1 + 1e-6 cos(t)
  // is kept (1e-6 > 1e-10)
  const n = 1000;
  const x1 = Array.from({ length: n }, (_, t) => (t + 1) / n);
  const x2 = x1.map((v, t) => v + 1e-12 * Math.sin(t));
  const x3 = x1.map((v, t) => v + 1e-6 * Math.cos(t));
  const y = x1.map((v, t) => v + Math.sin(7 * t));
  const f = lsq({ y, columns: [x1, x2, x3], intercept: true, names: ["c", "x1", "x2", "x3"] });
  assert.deepEqual(f.omitted, ["x2"]);
  assert.deepEqual(f.kept, [0, 1, 3]);
});

Deno.test("lsq always: an exact first solve needs one refinement pass (its correction is 0)", () => {
  // one unit column: Householder QR and the solve are exact, so r = y - 3 x exactly and X'r = 0
  const f = lsq({ y: [3, 5, 1, 2], columns: [[1, 0, 0, 0]], intercept: false, names: ["x"] });
  assert.equal(f.refinements, 1);
  assert.equal(est(f, 0), 3);
  assert.deepEqual([...f.residuals].map((r) => r * f.yScale), [0, 5, 1, 2]);
});
