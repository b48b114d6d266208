/**
 * Term parsing and evaluation, and the complete-rows rule shared by OLS, PCA and correlation:
 * every message and edge case (found by mutation testing).
 */
import assert from "node:assert/strict";
import { InputError } from "../../lib/errors.ts";
import { evalTerm, parseTerm, parseTerms } from "../../lib/stats/formula.ts";
import { completeRows } from "../../lib/stats/complete.ts";

const message = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof InputError, `${e}`);
    return e.message;
  }
  return "no error";
};

Deno.test("parseTerm: COL, ln(COL) in any case and spacing, and the errors", () => {
  assert.deepEqual(parseTerm("  gdp "), { name: "gdp", column: "gdp", transform: "identity" });
  assert.deepEqual(parseTerm(" LN ( gdp per cap ) "), {
    name: "ln(gdp per cap)",
    column: "gdp per cap",
    transform: "ln",
  });
  assert.deepEqual(parseTerm("ln(a(b))"), { name: "ln(a(b))", column: "a(b)", transform: "ln" });
  assert.equal(message(() => parseTerm("   ")), "empty term (expected COL or ln(COL))");
  assert.equal(
    message(() => parseTerm("log(x)")),
    'term "log(x)" not understood (expected COL or ln(COL))',
  );
  assert.equal(
    message(() => parseTerm("x)")),
    'term "x)" not understood (expected COL or ln(COL))',
  );
  assert.equal(
    message(() => parseTerm("xln(y)")),
    'term "xln(y)" not understood (expected COL or ln(COL))',
  );
  assert.equal(
    message(() => parseTerm("ln(y)z")),
    'term "ln(y)z" not understood (expected COL or ln(COL))',
  );
  assert.deepEqual(parseTerms(" a, ,ln(b),, c ").map((t) => t.name), ["a", "ln(b)", "c"]);
  assert.deepEqual(parseTerms(""), []);
});

Deno.test("evalTerm: ln, missing stays missing, <= 0 names file, row and column; no copy of plain columns", () => {
  const col = new Float64Array([1, 2, 3]);
  const table = { file: "f.csv", columns: { x: col, arr: [Math.E, NaN, 1], bad: [1, 2, -1] } };
  assert.equal(evalTerm("x", table), col); // the column itself
  const copy = evalTerm("arr", table);
  assert.ok(copy instanceof Float64Array);
  assert.deepEqual(Array.from(copy), [Math.E, NaN, 1]);
  assert.deepEqual(Array.from(evalTerm(parseTerm("ln(arr)"), table)), [1, NaN, 0]);
  assert.deepEqual(Array.from(evalTerm("ln(x)", table)), [0, Math.log(2), Math.log(3)]);
  assert.deepEqual(Array.from(col), [1, 2, 3]); // ln of a Float64Array column leaves it alone
  assert.equal(
    message(() => evalTerm("ln(bad)", table)),
    'f.csv: row 4, column "bad": ln of -1 (needs a value > 0)',
  );
  assert.equal(
    message(() => evalTerm("nope", table)),
    'f.csv: no column "nope" (columns: x, arr, bad)',
  );
});

Deno.test("completeRows: NaN rows dropped, infinities and length mismatches are errors", () => {
  assert.deepEqual(
    completeRows(
      [{ name: "a", values: [1, NaN, 3, 4] }, { name: "b", values: [1, 2, NaN, 4] }],
      "w",
    ),
    { N: 4, rows: [0, 3] },
  );
  assert.equal(message(() => completeRows([], "pca")), "pca needs at least one column");
  assert.equal(
    message(() => completeRows([{ name: "a", values: [1, 2] }, { name: "b", values: [1] }], "w")),
    'column "b" has 1 values, expected 2',
  );
  assert.equal(
    message(() => completeRows([{ name: "a", values: [1, 2, -Infinity] }], "w")),
    'column "a": row 3 is infinite',
  );
  assert.equal(
    message(() => completeRows([{ name: "a", values: [1, NaN, NaN] }], "ols")),
    "ols needs at least 2 complete rows, got 1",
  );
  assert.deepEqual(completeRows([{ name: "a", values: [5, 6] }], "w"), { N: 2, rows: [0, 1] });
});
