/**
 * The standard normal in both tails (Phi, ln Phi, phi / Phi, the pair [ln Phi, phi / Phi] in one
 * call, Phi^-1) against 60-digit mpmath
 * (tests/fixtures/stats/make_normal_fixtures.py): the stochastic frontier's likelihood evaluates
 * them at -40 and beyond, where 1 - Phi(-x) or ln(Phi(x)) computed naively lose every digit.
 */
import assert from "node:assert/strict";
import {
  normalCdf,
  normalLogCdf,
  normalLogCdfMills,
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

Deno.test("normalLogCdfMills writes ln Phi and phi / Phi as mpmath has them, from -1e5 to 39, into one reused buffer", () => {
  // one buffer for every point, as the frontier likelihood uses it: nothing is left from the
  // point before
  const out = new Float64Array(2);
  const worst = { logCdf: 0, mills: 0 };
  for (const r of ref.points) {
    normalLogCdfMills(r.x, out);
    worst.logCdf = Math.max(worst.logCdf, rel(out[0], r.logCdf));
    const millsScale = r.x > 0 ? Math.max(1, r.x * r.x) : 1;
    worst.mills = Math.max(worst.mills, rel(out[1], r.mills) / millsScale);
    // above 37.7 phi / Phi = phi(x) is subnormal (1.1e-314 at 38, 0 at 39): to its last digits
    if (r.x > 37) assert.ok(Math.abs(out[1] - r.mills) <= 1e-9 * r.mills, `${r.x}: ${out[1]}`);
  }
  console.log(`  worst relative differences ${JSON.stringify(worst)}`);
  assert.ok(worst.logCdf < 1e-14, `logCdf ${worst.logCdf}`);
  assert.ok(worst.mills < 1e-14, `mills ${worst.mills}`);
  // the ends: ln Phi(-inf) = -inf with phi / Phi -> inf (~ -x); exactly 0 and 0 at +inf
  normalLogCdfMills(-Infinity, out);
  assert.deepEqual([...out], [-Infinity, Infinity]);
  normalLogCdfMills(Infinity, out);
  assert.ok(Object.is(out[0], 0) && out[1] === 0, `${out}`);
  normalLogCdfMills(NaN, out);
  assert.ok(Number.isNaN(out[0]) && Number.isNaN(out[1]));
});

Deno.test("Mills ratio above 37.7, where erfcx(-x / sqrt 2) overflows, is the subnormal phi(x), not 0", () => {
  for (const r of ref.points.filter((r: { x: number }) => r.x > 37)) {
    const m = normalMillsRatio(r.x);
    assert.ok(Math.abs(m - r.mills) <= 1e-9 * r.mills, `${r.x}: ${m} vs ${r.mills}`);
  }
  // 37.8 is among them (mpmath: 2.149048933896e-311)
  assert.ok(ref.points.some((r: { x: number }) => r.x === 37.8));
});

Deno.test("normal quantile: +0 at p = 0.5, NaN outside [0, 1]; ln Phi(+inf) is +0", () => {
  assert.ok(Object.is(normalQuantile(0.5), 0));
  assert.ok(Object.is(normalLogCdf(Infinity), 0));
  for (const p of [-0.1, -1e-300, 1 + 1e-15, 2]) assert.ok(Number.isNaN(normalQuantile(p)), `${p}`);
});
