/**
 * Technical efficiency at given parameters, against tests/fixtures/stats/frontier/
 * make_efficiency_fixture.py: on a hand-made unbalanced panel (times out of order), every row's
 * frontier, Battese-Coelli and JLMS efficiency and 90% Horrace-Schmidt bounds from
 * scipy.stats.truncnorm and quad, the period means from them; the quantiles of N+(mu*, sigma*^2)
 * far in the tail (Phi(a) underflowing) from mpmath.
 */
import assert from "node:assert/strict";
import { buildProblem } from "../../../lib/stats/frontier/problem.ts";
import { fixturePanel, fixtureTheta, PANEL_REF } from "./panel_fixture.ts";
import { efficiencies, truncatedNormalQuantile } from "../../../lib/stats/frontier/efficiency.ts";
import type { FrontierOptions } from "../../../lib/stats/frontier/types.ts";

const REF = PANEL_REF;
const D = REF.data;

const close = (a: number, b: number, tol: number) =>
  Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

Deno.test("truncated normal quantiles far in the lower tail (Phi(a) < 1e-300) = mpmath", () => {
  for (const [ms, ss, p, q] of REF.tailQuantiles) {
    const v = truncatedNormalQuantile(ms, ss, p);
    assert.ok(Math.abs(v / q - 1) < 1e-11, `N+(${ms}, ${ss}^2) at ${p}: ${v} vs ${q}`);
  }
});

const PANELS: [string, string, FrontierOptions][] = [
  ["truncated normal, time-varying", "unitReference", {
    inefficiency: "truncnormal",
    timeVarying: true,
  }],
  ["truncated normal, time-varying against the panel's last period", "panelReference", {
    inefficiency: "truncnormal",
    timeVarying: true,
    timeReference: "panel",
  }],
  ["half-normal, time-invariant", "halfNormalInvariant", {}],
];

for (const [what, key, options] of PANELS) {
  Deno.test(`frontier efficiencies of an unbalanced panel, ${what} = scipy`, () => {
    const ref = REF[key];
    const b = fixturePanel(options);
    const theta = fixtureTheta(options);
    const bc = efficiencies(b, theta, "bc", 0.9, 2);
    const jlms = efficiencies(b, theta, "jlms", 0.9, 2);
    assert.equal(bc.rows.length, 8);
    bc.rows.forEach((r, j) => {
      const want = ref.rows[j];
      assert.equal(r.row, j + 2);
      assert.equal(r.id, D.id[j]);
      assert.equal(r.time, D.time[j]);
      assert.ok(close(r.frontier, want.frontier, 1e-12), `frontier ${j}: ${r.frontier}`);
      assert.ok(close(r.efficiency, want.bc, 1e-10), `bc ${j}: ${r.efficiency} vs ${want.bc}`);
      assert.ok(close(jlms.rows[j].efficiency, want.jlms, 1e-10), `jlms ${j}`);
      assert.ok(close(r.lower, want.lower, 1e-9), `lower ${j}: ${r.lower} vs ${want.lower}`);
      assert.ok(close(r.upper, want.upper, 1e-9), `upper ${j}: ${r.upper} vs ${want.upper}`);
      assert.equal(jlms.rows[j].lower, r.lower);
    });
    const mean = (xs: number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;
    assert.ok(close(bc.mean, mean(ref.rows.map((r: { bc: number }) => r.bc)), 1e-10));
    // periods ascending although the data give time 2 first, each the mean of its rows
    assert.deepEqual(bc.byPeriod!.map((p) => [p.time, p.n]), [[1, 2], [2, 3], [3, 3]]);
    for (const p of bc.byPeriod!) {
      const want = mean(
        ref.rows.filter((_: unknown, j: number) => D.time[j] === p.time)
          .map((r: { bc: number }) => r.bc),
      );
      assert.ok(close(p.mean, want, 1e-10), `period ${p.time}`);
    }
  });
}

Deno.test("frontier efficiencies of a cross-section have no ids, times or period means", () => {
  const b = buildProblem(D.y, [{ name: "x", values: D.x }], {});
  const e = efficiencies(b, D.theta.slice(0, 4), "bc", 0.9, 1);
  assert.equal(e.byPeriod, undefined);
  assert.deepEqual(e.rows.map((r) => r.row), [1, 2, 3, 4, 5, 6, 7, 8]);
  assert.equal(e.rows.some((r) => "id" in r || "time" in r), false);
});
