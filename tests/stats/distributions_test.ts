/** Tail probabilities and quantiles (jstat underneath) against scipy, tiny p-values included. */
import assert from "node:assert/strict";
import { chiSquareUpperP, fUpperP, tQuantile, tTwoSidedP } from "../../lib/stats/distributions.ts";

const ref = JSON.parse(
  Deno.readTextFileSync(new URL("../fixtures/stats/expected.json", import.meta.url)),
).distributions;
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

Deno.test("t, F and chi-squared tails agree with scipy (relative, tiny tails included)", () => {
  let worst = 0;
  for (const [t, df, p] of ref.tTwoSided) worst = Math.max(worst, rel(tTwoSidedP(t, df), p));
  for (const [f, d1, d2, p] of ref.fUpper) worst = Math.max(worst, rel(fUpperP(f, d1, d2), p));
  for (const [x, df, p] of ref.chiSquareUpper) {
    worst = Math.max(worst, rel(chiSquareUpperP(x, df), p));
  }
  for (const [p, df, q] of ref.tQuantile) worst = Math.max(worst, rel(tQuantile(p, df), q));
  console.log(`  worst relative difference ${worst.toExponential(1)}`);
  assert.ok(worst < 1e-9, `${worst}`); // 8e-11 at df = 1e5 (ln Beta of large arguments)
});
