/**
 * lib/stats/model/separation.ts on small panels whose separated rows are known: by construction
 * (worked in each test), the fixed-effect check iterated with singleton dropping and the rectifier
 * with and without fixed effects; and by a linear programme per zero row
 * (tests/fixtures/mutants/separation_lp.py, scipy HiGHS, its answers pasted below from
 * `/usr/bin/python3 tests/fixtures/mutants/separation_lp.py`) for the rectifier's update
 * u = max(z, 0), its negative-fit check, the back-transformation of the weighted residuals.
 * (The round cap's effect is tested in separation_lp_test.ts; the expectations under a cap of 2
 * or 3 rounds that were once here were the rectifier's own output, not the programme's.)
 */
import assert from "node:assert/strict";
import { encodeFactor } from "../../../lib/stats/model/fe.ts";
import {
  dropSeparated,
  feSeparation,
  reluSeparation,
} from "../../../lib/stats/model/separation.ts";

Deno.test("feSeparation: all-zero levels dropped, singletons dropped, and the round they unmask", () => {
  // g:  e e e f f k k ; h: p p q p p p p ; y: 0 0 5 1 2 0 0
  // round 0: level k (rows 5, 6) is all zero -> separated; h = q (row 2) is a singleton
  // round 1: without row 2, level e (rows 0, 1) is all zero -> separated; rows 3, 4 remain
  const g = encodeFactor("g", [["e", "e", "e", "f", "f", "k", "k"]]);
  const h = encodeFactor("h", [["p", "p", "q", "p", "p", "p", "p"]]);
  const y = [0, 0, 5, 1, 2, 0, 0];
  assert.deepEqual(feSeparation(y, [g, h]), { keep: [3, 4], separated: 4, singletons: 1 });
  // without singleton dropping row 2 stays, so level e is not all zero
  assert.deepEqual(feSeparation(y, [g, h], false), {
    keep: [0, 1, 2, 3, 4],
    separated: 2,
    singletons: 0,
  });
  // no fixed effects: nothing to check
  assert.deepEqual(feSeparation([0, 1, 0], []), { keep: [0, 1, 2], separated: 0, singletons: 0 });
  // a level whose outcomes cancel to zero is not separated (outcomes are >= 0, so only exact
  // zeros sum to zero): level a = {0, 0}, level b = {1, 2}
  const one = encodeFactor("g", [["a", "a", "b", "b"]]);
  assert.deepEqual(feSeparation(Float64Array.from([0, 0, 1, 2]), [one]), {
    keep: [2, 3],
    separated: 2,
    singletons: 0,
  });
});

Deno.test("reluSeparation: rows separated by a regressor (with an intercept, or given fixed effects)", () => {
  // x > 0 only where y = 0 (rows 0, 1): z = x is 0 on the positive rows and > 0 there;
  // row 5 (y = 0, x = 0) is not separated
  const y = Float64Array.from([0, 0, 1, 2, 3, 0]);
  const x = Float64Array.from([1, 2, 0, 0, 0, 0]);
  assert.deepEqual(reluSeparation(y, [x], []), [0, 1]);
  // x varies on the positive rows: z = a + b x = 0 there forces a = b = 0, no separation
  const x2 = Float64Array.from([1, -1, 0, 1, 2, 0]);
  assert.deepEqual(reluSeparation(y, [x2], []), []);
  // no zero outcome, or no rounds allowed: nothing
  assert.deepEqual(
    reluSeparation(Float64Array.from([1, 2, 3]), [Float64Array.from([1, 0, 2])], []),
    [],
  );
  assert.deepEqual(reluSeparation(y, [x], [], 0), []);
  // the rounds reported (y = 0, 0, 1, 2; x = 1, 0, 0, 0): round 1 cannot reproduce u = 1, 1 on
  // the zero rows (row 1 has x = 0 like the positive rows), no residual on them is negative, so
  // row 1 (residual about 1) joins the equality rows; round 2 reproduces u = x exactly, a
  // certificate positive on row 0 only
  let info = { rounds: -1, settled: false };
  const doc = reluSeparation(
    Float64Array.from([0, 0, 1, 2]),
    [Float64Array.from([1, 0, 0, 0])],
    [],
    {
      report: (r) => (info = r),
    },
  );
  assert.deepEqual({ doc, ...info }, { doc: [0], rounds: 2, settled: true });
  // given a fixed effect: z = alpha_g + c x; positive row 2 (g = a, x = 0) forces alpha_a = 0,
  // so rows 0, 1 (x = 1) are separated; level b has alpha_b = 0 and row 4 (x = 0) is not
  const g = encodeFactor("g", [["a", "a", "a", "b", "b", "b"]]);
  const yf = Float64Array.from([0, 0, 1, 2, 0, 3]);
  const xf = Float64Array.from([1, 1, 0, 0, 0, 0]);
  assert.deepEqual(reluSeparation(yf, [xf], [g]), [0, 1]);
  // a negative regressor on the zero rows: z = -x separates them just the same
  const xn = Float64Array.from([-1, -3, 0, 0, 0, 0]);
  assert.deepEqual(reluSeparation(y, [xn], []), [0, 1]);
  // separated only by the fixed effect's absence of variation: x equal on a level's positive
  // and zero rows, no separation
  const xe = Float64Array.from([2, 2, 2, 5, 5, 5]);
  assert.deepEqual(reluSeparation(yf, [xe], [g]), []);
});

Deno.test("reluSeparation: separation by a combination of regressors (first fit z = 0.6 (x1 - x2))", () => {
  // z = x1 - x2 is 0 on the positive rows and 1, 2 on the zero rows 0, 1, but neither column
  // alone separates
  const y = Float64Array.from([0, 0, 0, 1, 2, 3, 4]);
  const x1 = Float64Array.from([3, 4, 1, 1, 2, 5, 3]);
  const x2 = Float64Array.from([2, 2, 1, 1, 2, 5, 3]);
  assert.deepEqual(reluSeparation(y, [x1, x2], []), [0, 1]);
});

Deno.test("dropSeparated: a singleton the rectifier's drop leaves is dropped in the next pass; the work columns handed on are as long as the kept rows", () => {
  // g: a a a b b; y: 1 2 0 3 0; x: 0 0 1 0 1. z = alpha_g + c x = 0 on the positive rows forces
  // alpha = 0, so z = c x separates rows 2 and 4; without row 4, row 3 is alone in level b
  const g = encodeFactor("g", [["a", "a", "a", "b", "b"]]);
  const r = dropSeparated(
    Float64Array.from([1, 2, 0, 3, 0]),
    [Float64Array.from([0, 0, 1, 0, 1])],
    [g],
    true,
  );
  assert.deepEqual([r.keep, r.singletons, r.report.regressors, r.report.fixedEffects], [
    [0, 1],
    1,
    2,
    0,
  ]);
  assert.deepEqual([[...r.y], [...r.columns[0]], [...r.dims[0].codes]], [[1, 2], [0, 0], [0, 0]]);
  // no fixed effect: rows 0, 1 separated (x > 0 only there), row 5 (y = 0, x = 0) is not; the
  // last pass's work columns (weights, target, residual, u, the regressors) have the 4 kept rows
  const d = dropSeparated(
    Float64Array.from([0, 0, 1, 2, 3, 0]),
    [Float64Array.from([1, 2, 0, 0, 0, 0])],
    [],
    false,
  );
  assert.deepEqual(d.keep, [2, 3, 4, 5]);
  assert.ok(d.scratch.length >= 4, `${d.scratch.length} work columns`);
  d.scratch.forEach((c) => assert.ok(c instanceof Float64Array && c.length === 4));
  // no zero outcome: the rectifier has nothing to do and no work columns
  const none = dropSeparated(
    Float64Array.from([1, 2, 3]),
    [Float64Array.from([1, 0, 2])],
    [],
    false,
  );
  assert.deepEqual([none.keep, none.scratch.length, none.report.rectifierRounds], [
    [0, 1, 2],
    0,
    0,
  ]);
});

/** The rows reluSeparation flags, the fixed effect (if any) given as labels. */
const sep = (y: number[], xs: number[][], fe: string[] | null) =>
  reluSeparation(
    Float64Array.from(y),
    xs.map((x) => Float64Array.from(x)),
    fe ? [encodeFactor("g", [fe])] : [],
  );

Deno.test("reluSeparation = linear-programme truth: no separation when the zero rows' regressors change sign", () => {
  // z = a + b x1 + c x2 = 0 on the one positive row and >= 0 on the zero rows forces z = 0
  assert.deepEqual(sep([0, 0, 1, 0, 0], [[2, 1, 2, 4, -2], [3, -1, 0, 1, -1]], null), []);
  // one regressor, one positive row: z = b (x - 1) is -1 or +3 on the zero rows whatever b is
  assert.deepEqual(sep([0, 3, 0, 0, 0], [[4, 1, 4, 3, 0]], null), []);
  // mixed signs: z = a + b x = 0 on the positive rows (x = 0) forces a = 0, and b x >= 0 on
  // x = -2 and x = 4 forces b = 0. The absolute 1e-6 stopping rule answered [5, 6] here (the
  // shrinking target's last positive fits); the exact-fit rule answers [] like the programme.
  assert.deepEqual(sep([0, 0, 0, 2, 3, 0, 0], [[-2, -2, 0, 0, 0, 4, 3]], null), []);
});

Deno.test("reluSeparation = linear-programme truth: separated rows found after several rounds", () => {
  // with a fixed effect (level 0: rows 0, 2, 4; level 1: rows 1, 3): rows 0, 1, 4 separated
  const fe5 = ["0", "1", "0", "1", "0"];
  assert.deepEqual(sep([0, 0, 1, 3, 0], [[1, -2, 1, 2, -1], [4, 3, 2, 2, -1]], fe5), [0, 1, 4]);
  // a single positive row (x = 2): z = 2 - x is 2, 0, 0, 4, 0, 1 -> rows 0, 3, 5 separated
  assert.deepEqual(sep([0, 0, 0, 0, 2, 0], [[0, 2, 2, -2, 2, 1]], null), [0, 3, 5]);
  // fixed effect and one regressor: rows 1, 3, 5 (level 1, x > 0 on its zero rows) separated
  const fe7 = ["0", "1", "0", "1", "0", "1", "0"];
  assert.deepEqual(sep([0, 0, 2, 0, 3, 0, 3], [[-2, 4, 0, 3, 1, 1, 1]], fe7), [1, 3, 5]);
});

Deno.test("reluSeparation with a regressor collinear with the others (the QR core instead of the normal equations): the programme's rows, as without it", () => {
  // the column space is the same, so are the certificates; the programme's answers
  // (separation_lp.py: "... with the sum of the regressors", "... and 3 x it") are those without
  const fe5 = ["0", "1", "0", "1", "0"];
  const x1 = [1, -2, 1, 2, -1], x2 = [4, 3, 2, 2, -1];
  const sum = x1.map((v, i) => v + x2[i]);
  assert.deepEqual(sep([0, 0, 1, 3, 0], [x1, x2, sum], fe5), [0, 1, 4]);
  const fe7 = ["0", "1", "0", "1", "0", "1", "0"];
  const x = [-2, 4, 0, 3, 1, 1, 1];
  assert.deepEqual(sep([0, 0, 2, 0, 3, 0, 3], [x, x.map((v) => 3 * v)], fe7), [1, 3, 5]);
});

// panels found by a seeded search of random panels, with the linear programme's answers
// (tests/fixtures/mutants/separation_lp.py): [y, regressors, fixed effect, separated rows]
const SEARCHED: Record<string, [number[], number[][], string[] | null, number[]]> = {
  "slow: settles in 38 rounds only with the extrapolation": [
    [1, 3, 0, 0, 0, 0, 1, 0, 0, 0, 0],
    [
      [1, -0.5, -0.25, -43.5, 0.25, -1, -0.75, 55.5, 52.5, 1, -14.25],
      [-17.25, 0.5, 0.25, -18.5, 0, -0.75, 0.75, 97.75, 56.75, -10.75, 0],
      [-1, 0.5, 0.75, 48.75, -1, 1, 0.5, -0.5, -9.25, 0, -0.5],
    ],
    ["0", "0", "1", "2", "0", "1", "1", "0", "2", "0", "0"],
    [3, 8],
  ],
  "u collapses to 0": [
    [0, 0, 1, 0, 0, 3, 3, 1],
    [[22.75, 0, -0.75, 0.25, -0.25, -0.25, 0.5, 0], [-0.25, -0.5, -0.5, 0.75, 0, 0, 76.75, -0.5]],
    ["0", "1", "2", "2", "0", "2", "0", "1"],
    [],
  ],
  "two regressors, one positive row": [
    [0, 2, 0, 0, 0],
    [[-73.25, -0.5, -0.75, -0.75, 0], [18.25, 0.25, 0.5, 0, -0.5]],
    null,
    [0, 2, 3, 4],
  ],
  "the same with a collinear third regressor (2 x the first)": [
    [0, 2, 0, 0, 0],
    [[-73.25, -0.5, -0.75, -0.75, 0], [18.25, 0.25, 0.5, 0, -0.5], [
      -146.5,
      -1,
      -1.5,
      -1.5,
      0,
    ]],
    null,
    [0, 2, 3, 4],
  ],
  "three regressors, two positive rows": [
    [3, 0, 0, 0, 5, 0],
    [[-0.25, -0.75, -0.75, -89, -0.25, 0], [0.25, 0.5, -0.5, 0, -0.5, -21], [
      -0.5,
      65.5,
      0,
      0,
      0.75,
      -35.25,
    ]],
    null,
    [1, 2, 3, 5],
  ],
  "three regressors, three positive rows, none separating": [
    [1, 2, 0, 4, 0, 0],
    [[-0.25, 0, -0.25, -0.25, 0, -40.25], [0.5, -0.5, -0.75, -0.5, -0.5, 0], [
      0.75,
      0.25,
      -33.25,
      -40.25,
      0,
      -0.75,
    ]],
    null,
    [],
  ],
};

Deno.test("dropSeparated = linear-programme truth on panels from a seeded search (fixed-effect and rectifier passes repeated until nothing is found)", () => {
  for (const [name, [y, xs, fe, want]] of Object.entries(SEARCHED)) {
    const r = dropSeparated(
      Float64Array.from(y),
      xs.map((x) => Float64Array.from(x)),
      fe ? [encodeFactor("g", [fe])] : [],
      false,
    );
    const dropped = y.map((_, i) => i).filter((i) => !r.keep.includes(i));
    assert.deepEqual(dropped, want, name);
    assert.equal(r.report.fixedEffects + r.report.regressors, want.length, name);
    assert.ok(r.report.rectifierSettled, name);
    // the outcome and columns returned are those of the kept rows
    assert.deepEqual([...r.y], r.keep.map((i) => y[i]), name);
    r.columns.forEach((c, j) => assert.deepEqual([...c], r.keep.map((i) => xs[j][i]), name));
  }
});

Deno.test("reluSeparation alone: one certificate per call, which need not be the largest (dropSeparated's next pass finds the rest); the slow panel settles in 40 rounds", () => {
  // the first certificate z = a + b x1 + c x2 it settles on is 0 on row 2, which another
  // certificate (b = -1, c = -0.8, a = 0.5 b - 0.25 c) makes positive: the programme's answer
  // is reached on the remaining rows [1, 2] in the next pass
  const [y, xs] = SEARCHED["two regressors, one positive row"];
  const first = sep(y, xs, null);
  assert.ok(first.length > 0 && first.every((i) => [0, 2, 3, 4].includes(i)), `${first}`);
  // the extrapolation every third round from round 10 settles the slow panel well within 40
  // rounds (its plain iterates crawl); the rows are those the programme gives
  const [ys, xss, fes, want] = SEARCHED["slow: settles in 38 rounds only with the extrapolation"];
  let report = { rounds: -1, settled: false };
  const rows = reluSeparation(
    Float64Array.from(ys),
    xss.map((x) => Float64Array.from(x)),
    [encodeFactor("g", [fes!])],
    { maxRounds: 40, report: (r) => (report = r) },
  );
  assert.ok(report.settled && report.rounds <= 40, JSON.stringify(report));
  assert.deepEqual(rows, want);
});
