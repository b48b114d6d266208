/**
 * correlationMatrix (lib/stats/correlation.ts): Pearson r with listwise deletion against numpy, the
 * exactly unit diagonal, and its one-line errors naming the function.
 */
import assert from "node:assert/strict";
import { correlationMatrix } from "../../lib/stats/correlation.ts";
import { InputError } from "../../lib/errors.ts";

const close = (a: number, b: number, tol = 1e-12) =>
  assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

Deno.test("correlationMatrix: Pearson r with listwise deletion, checked against numpy", () => {
  // numpy: m = rows without NaN; np.corrcoef(m.T)
  const r = correlationMatrix([
    { name: "a", values: [1, 2, 3, 4, 5, 6] },
    { name: "b", values: [2.5, 1.0, 4.0, 3.5, 7.0, 6.5] },
    { name: "c", values: [9, 7, 8, 4, NaN, 1] },
  ]);
  assert.deepEqual(r.variables, ["a", "b", "c"]);
  assert.equal(r.n, 5);
  assert.equal(r.nDropped, 1);
  const expected = [
    [1, 0.8638949567594987, -0.9456364737519501],
    [0.8638949567594987, 1, -0.7337882526043552],
    [-0.9456364737519501, -0.7337882526043552, 1],
  ];
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) close(r.matrix[i][j], expected[i][j]);
  close(
    correlationMatrix([{ name: "x", values: [1, 2, 3] }, { name: "y", values: [2, 4, 7] }])
      .matrix[0][1],
    0.9933992677987828,
  );
});

Deno.test("correlationMatrix: zero variance and too few rows are one-line InputErrors", () => {
  assert.throws(
    () => correlationMatrix([{ name: "a", values: [1, 2] }, { name: "k", values: [3, 3] }]),
    (e: unknown) => e instanceof InputError && /"k" has zero variance/.test(e.message),
  );
  assert.throws(
    () => correlationMatrix([{ name: "a", values: [1, NaN] }, { name: "b", values: [1, 2] }]),
    InputError,
  );
});

Deno.test("correlationMatrix: the diagonal is exactly 1 (computed, 1,2,4 would give 1 + 2e-16)", () => {
  const r = correlationMatrix([
    { name: "a", values: [1, 2, 4] },
    { name: "b", values: [3, 1, 4] },
  ]);
  assert.equal(r.matrix[0][0], 1);
  assert.equal(r.matrix[1][1], 1);
  assert.equal(r.matrix[0][1], r.matrix[1][0]);
});

Deno.test("correlationMatrix: too few complete rows names the function", () => {
  assert.throws(
    () => correlationMatrix([{ name: "a", values: [1, NaN] }, { name: "b", values: [1, 2] }]),
    (e: unknown) =>
      e instanceof InputError &&
      e.message === "correlationMatrix needs at least 2 complete rows, got 1",
  );
});
