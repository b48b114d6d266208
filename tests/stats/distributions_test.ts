/** Tail probabilities and quantiles (jstat underneath) against scipy, tiny p-values included. */
import assert from "node:assert/strict";
import jStat from "jstat";
import {
  chiSquareUpperP,
  fUpperP,
  tCdf,
  tQuantile,
  tTwoSidedP,
} from "../../lib/stats/distributions.ts";

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

Deno.test("tCdf: P(T <= z) from scipy's two-sided tails (the lower tail keeps tiny values) and jstat's cdf", () => {
  let worst = 0;
  for (const [t, df, p] of ref.tTwoSided) {
    if (!(t > 0)) continue;
    worst = Math.max(worst, rel(tCdf(-t, df), p / 2));
    assert.ok(Math.abs(tCdf(t, df) - (1 - p / 2)) < 1e-11, `upper ${t} ${df}`);
  }
  assert.ok(worst < 1e-9, `${worst}`);
  assert.equal(tCdf(0, 4), 0.5);
  for (const z of [-2.5, -0.3, 0.7, 3]) {
    assert.ok(Math.abs(tCdf(z, 4) - jStat.studentt.cdf(z, 4)) < 1e-10, `tCdf ${z}`);
  }
});
