/** correlationMatrix: the exact unit diagonal and its own name in errors (found by mutation testing). */
import assert from "node:assert/strict";
import { correlationMatrix } from "../../lib/stats/correlation.ts";
import { InputError } from "../../lib/errors.ts";

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
