/**
 * The frontier's data layout, on the hand-made panel of make_efficiency_fixture.py (8 rows, 4
 * units, times out of order) and small hand-made columns: rows grouped unit by unit in data
 * order, the columns centred and scaled by their population standard deviation (z by its root mean
 * square), t - T_i against each unit's or the panel's last period, incomplete rows dropped and
 * counted, and every bad input a one-line InputError with its exact words.
 */
import assert from "node:assert/strict";
import { InputError } from "../../../lib/errors.ts";
import { buildProblem } from "../../../lib/stats/frontier/problem.ts";
import type { FrontierOptions } from "../../../lib/stats/frontier/types.ts";
import { fixturePanel, PANEL_REF } from "./panel_fixture.ts";

const D = PANEL_REF.data;
const X = { name: "x", values: D.x as number[] };
const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
const near = (a: ArrayLike<number>, b: number[]) =>
  assert.ok(b.every((v, i) => Math.abs(a[i] - v) < 1e-14 * Math.max(1, Math.abs(v))), `${a}`);

Deno.test("frontier problem: units in order of first appearance, rows within a unit in data order", () => {
  const b = fixturePanel({ timeVarying: true });
  const pr = b.problem;
  // A: rows 0, 2, 4; B: 1, 5; C: 3, 6; D: 7
  assert.deepEqual([...b.order], [0, 2, 4, 1, 5, 3, 6, 7]);
  assert.deepEqual([...pr.groupStart], [0, 3, 5, 7, 8]);
  assert.deepEqual([...pr.y], [...b.order].map((j) => D.y[j]));
  // x centred at its mean 0.6875 and divided by its population standard deviation
  const sd = Math.sqrt(mean(D.x.map((v: number) => (v - 0.6875) ** 2)));
  near(b.std.xMean, [0, 0.6875]);
  near(b.std.xScale, [1, sd]);
  near(pr.X, [...b.order].flatMap((j) => [1, (D.x[j] - 0.6875) / sd]));
  assert.deepEqual([pr.n, pr.k, pr.m, b.units, b.periods, b.nDropped], [8, 2, 0, 4, 3, 0]);
  assert.deepEqual(b.terms, ["(Intercept)", "x"]);
  assert.deepEqual(b.ids, D.id);
  assert.deepEqual(b.times, D.time);
  // t - T_i, T_i each unit's last period (A, B, C: 3; D: 2)
  assert.deepEqual([...pr.tRel!], [-1, -2, 0, 0, -1, 0, -2, 0]);
  assert.deepEqual([...pr.tValues!], [-1, -2, 0]);
  assert.deepEqual([...pr.tIndex!], [0, 1, 2, 2, 0, 2, 1, 2]);
  assert.deepEqual([pr.truncated, pr.timeVarying, pr.effects, pr.Z], [false, true, false, null]);
});

Deno.test("frontier problem: t - T with T the panel's last period", () => {
  const pr = fixturePanel({ timeVarying: true, timeReference: "panel" }).problem;
  assert.deepEqual([...pr.tRel!], [-1, -2, 0, 0, -1, 0, -2, -1]);
  const cut = fixturePanel({ timeVarying: true, timeReference: "unit" }).problem;
  assert.deepEqual([...cut.tRel!], [-1, -2, 0, 0, -1, 0, -2, 0]);
  // a panel whose last period is 1 (times below it)
  const neg = buildProblem([1, 2, 3, 4, 5, 6], [], {
    panel: { id: ["a", "a", "b", "b", "c", "c"], time: [-3, -1, -2, 1, -5, -4] },
    timeVarying: true,
    timeReference: "panel",
  }).problem;
  assert.deepEqual([...neg.tRel!], [-4, -2, -3, 0, -6, -5]);
});

Deno.test("frontier problem: inefficiency effects, every row its own unit, z scaled by its rms", () => {
  const z = [1, -2, 2, 0.5, 1, 3, -1, 2];
  const b = fixturePanel({ z: [{ name: "z", values: z }], zIntercept: true });
  const pr = b.problem;
  const rms = Math.sqrt(mean(z.map((v) => v * v)));
  assert.deepEqual(b.zTerms, ["(Intercept)", "z"]);
  near(b.std.zScale, [1, rms]);
  assert.deepEqual([pr.m, pr.effects, b.units], [2, true, 4]);
  assert.deepEqual([...pr.groupStart], [0, 1, 2, 3, 4, 5, 6, 7, 8]);
  assert.deepEqual([...b.order], [0, 1, 2, 3, 4, 5, 6, 7]);
  near(pr.Z!, z.flatMap((v) => [1, v / rms]));
  const no = fixturePanel({ z: [{ name: "z", values: z }] });
  assert.deepEqual(no.zTerms, ["z"]);
  near(no.std.zScale, [rms]);
  const only = fixturePanel({ zIntercept: true });
  assert.deepEqual([only.zTerms, only.problem.m, [...only.std.zScale]], [["(Intercept)"], 1, [1]]);
});

Deno.test("frontier problem without an intercept: columns scaled, not centred", () => {
  const b = buildProblem(D.y, [X], { intercept: false });
  const rms = Math.sqrt(mean(D.x.map((v: number) => v * v)));
  assert.deepEqual(b.terms, ["x"]);
  assert.equal(b.xRaw.length, 1);
  near(b.std.xMean, [0]);
  near(b.std.xScale, [rms]);
  near(b.problem.X, D.x.map((v: number) => v / rms));
  assert.equal(b.std.intercept, false);
});

Deno.test("frontier problem: rows without a panel id are dropped and counted", () => {
  const id = ["a", "", "a", null, "b", undefined, "b", NaN, "c", "c"];
  const b = buildProblem([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [], {
    // deno-lint-ignore no-explicit-any
    panel: { id: id as any, time: [1, 1, 2, 1, 1, 1, 2, 1, 1, 2] },
  });
  assert.deepEqual(b.rows, [0, 2, 4, 6, 8, 9]);
  assert.deepEqual([b.nDropped, b.units, b.problem.n], [4, 3, 6]);
  assert.deepEqual(b.ids, ["a", "a", "b", "b", "c", "c"]);
});

const BAD: [
  string,
  () => [number[], { name: string; values: number[] }[], FrontierOptions],
  string,
][] = [
  [
    "a column of another length",
    () => [D.y, [{ name: "x", values: D.x.slice(1) }], {}],
    `column "x" has 7 values, y has 8`,
  ],
  [
    "panel times of another length",
    () => [D.y, [X], { panel: { id: D.id, time: D.time.slice(1) } }],
    `column "panel time" has 7 values, y has 8`,
  ],
  [
    "panel ids of another length",
    () => [D.y, [X], { panel: { id: D.id.slice(1), time: D.time } }],
    "panel id: 7 values, y has 8",
  ],
  [
    "an infinite y",
    () => [D.y.map((v: number, i: number) => (i === 1 ? -Infinity : v)), [X], {}],
    `row 2, column "y": -Infinity is not a finite number`,
  ],
  [
    "a duplicate (id, time)",
    () => [D.y, [X], {
      panel: { id: D.id, time: D.time.map((t: number, i: number) => (i === 4 ? 2 : t)) },
    }],
    `panel: unit "A" has time 2 twice (rows 1 and 5); each (id, time) must appear once`,
  ],
  [
    "a regressor constant to the last few digits",
    () => [D.y, [{ name: "x", values: D.x.map((v: number) => 1e6 + 1e-9 * v) }], {}],
    `term "x" is constant on the rows used (it duplicates the intercept)`,
  ],
  [
    "a zero regressor without an intercept",
    () => [D.y, [X, { name: "zero", values: new Array(8).fill(0) }], { intercept: false }],
    `term "zero" is zero on every row used`,
  ],
  [
    "a zero z column",
    () => [D.y, [X], { z: [{ name: "z", values: new Array(8).fill(0) }] }],
    `z term "z" is zero on every row used`,
  ],
  [
    "z terms with a time-varying u",
    () => [D.y, [X], { zIntercept: true, timeVarying: true, panel: { id: D.id, time: D.time } }],
    "inefficiency effects (z terms) set the mean of u to z'delta: they do not combine with --time-varying or --inefficiency",
  ],
  [
    "no terms at all",
    () => [D.y, [], { intercept: false }],
    "no frontier terms (no intercept and no regressors)",
  ],
  [
    "no more rows than parameters (mu, eta)",
    () => [D.y.slice(2), [{ name: "x", values: D.x.slice(2) }], {
      inefficiency: "truncnormal",
      timeVarying: true,
      panel: { id: D.id.slice(2), time: D.time.slice(2) },
    }],
    "too few observations: 6 complete row(s) for 6 parameter(s) (need more rows than parameters)",
  ],
  [
    "no more rows than parameters (z terms)",
    () => [D.y.slice(2), [{ name: "x", values: D.x.slice(2) }], {
      zIntercept: true,
      z: [{ name: "z", values: D.x.slice(2) }],
    }],
    "too few observations: 6 complete row(s) for 6 parameter(s) (need more rows than parameters)",
  ],
];

for (const [what, make, message] of BAD) {
  Deno.test(`frontier problem: ${what} is a one-line InputError`, () => {
    const [y, x, o] = make();
    assert.throws(() => buildProblem(y, x, o), (e) => {
      assert.ok(e instanceof InputError);
      assert.equal(e.message, message);
      return true;
    });
  });
}

Deno.test("frontier problem: a regressor varying in its 10th digit is kept", () => {
  const b = buildProblem(D.y, [{ name: "x", values: D.x.map((v: number) => 1e6 + 1e-3 * v) }], {});
  assert.ok(Math.abs(b.std.xMean[1] - (1e6 + 0.6875e-3)) < 1e-9);
  assert.ok(
    Math.abs(
      b.std.xScale[1] / (1e-3 * Math.sqrt(mean(D.x.map((v: number) => (v - 0.6875) ** 2)))) - 1,
    ) < 1e-6,
  );
});

Deno.test("frontier problem: a standard deviation of exactly 1e-12 times the mean is constant", () => {
  // M -+ 4600 * 2^-52 with M = 4600 * 2^-52 / 1e-12 rounded: the sd is 4600 * 2^-52 and
  // 1e-12 * mean rounds to that same double (found by searching k = 4600, 4601, ...)
  const a = 1.0214051826541226, b = 1.0214051826561654;
  assert.equal((b - a) / 2, 4600 * 2 ** -52);
  assert.equal(1e-12 * ((a + b) / 2), 4600 * 2 ** -52);
  assert.throws(
    () => buildProblem(D.y, [{ name: "x", values: [a, b, a, b, a, b, a, b] }], {}),
    /term "x" is constant on the rows used/,
  );
});
