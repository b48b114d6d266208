/**
 * The standard normal in both tails (Phi, ln Phi, phi / Phi, Phi^-1) against 60-digit mpmath
 * (tests/fixtures/stats/make_normal_fixtures.py): the stochastic frontier's likelihood evaluates
 * them at -40 and beyond, where 1 - Phi(-x) or ln(Phi(x)) computed naively lose every digit.
 */
import assert from "node:assert/strict";
import {
  normalCdf,
  normalLogCdf,
  normalMillsRatio,
  normalPdf,
  normalQuantile,
} from "../../lib/stats/distributions.ts";

const ref = JSON.parse(
  Deno.readTextFileSync(new URL("../fixtures/stats/normal_expected.json", import.meta.url)),
);
const rel = (a: number, b: number) =>
  Math.abs(b) < 1e-300 ? Math.abs(a - b) : Math.abs(a - b) / Math.abs(b);

Deno.test("normal cdf, log-cdf, density and Mills ratio agree with mpmath from -1e5 to 39", () => {
  const worst = { cdf: 0, logCdf: 0, mills: 0, pdf: 0 };
  for (const r of ref.points) {
    // Phi(x) far out has condition number ~x^2 (a one-ulp change in x moves it by x^2 ulps), so
    // its error is measured in units of that; so has phi / Phi above 0 (there it is phi); the
    // rest are well conditioned.
    worst.cdf = Math.max(worst.cdf, rel(normalCdf(r.x), r.cdf) / Math.max(1, r.x * r.x));
    worst.logCdf = Math.max(worst.logCdf, rel(normalLogCdf(r.x), r.logCdf));
    const millsScale = r.x > 0 ? Math.max(1, r.x * r.x) : 1;
    worst.mills = Math.max(worst.mills, rel(normalMillsRatio(r.x), r.mills) / millsScale);
    worst.pdf = Math.max(worst.pdf, rel(normalPdf(r.x), r.pdf));
  }
  console.log(`  worst relative differences ${JSON.stringify(worst)}`);
  assert.ok(worst.cdf < 1e-14, `cdf ${worst.cdf}`);
  assert.ok(worst.logCdf < 1e-14, `logCdf ${worst.logCdf}`);
  assert.ok(worst.mills < 1e-14, `mills ${worst.mills}`);
  assert.ok(worst.pdf < 1e-14, `pdf ${worst.pdf}`);
});

Deno.test("normal quantile agrees with mpmath from p = 1e-300 to 1 - 1e-10", () => {
  let worst = 0;
  for (const { p, q } of ref.quantiles) worst = Math.max(worst, rel(normalQuantile(p), q));
  console.log(`  worst relative difference ${worst.toExponential(1)}`);
  assert.ok(worst < 1e-13, `${worst}`);
});

Deno.test("normal functions: NaN in, NaN out; the infinite ends are exact", () => {
  for (const f of [normalCdf, normalLogCdf, normalMillsRatio, normalPdf, normalQuantile]) {
    assert.ok(Number.isNaN(f(NaN)));
  }
  assert.equal(normalCdf(-Infinity), 0);
  assert.equal(normalCdf(Infinity), 1);
  assert.equal(normalLogCdf(-Infinity), -Infinity);
  assert.equal(normalLogCdf(Infinity), 0);
  assert.equal(normalMillsRatio(Infinity), 0);
  assert.equal(normalQuantile(0), -Infinity);
  assert.equal(normalQuantile(1), Infinity);
  assert.ok(Number.isNaN(normalQuantile(1.5)));
});
