/**
 * Tests for forecast mutants that survived the earlier runs (tests/mutation/gravity_forecast*.json).
 * No files are read or written.
 */
import assert from "node:assert/strict";
import { validateCutoff } from "../../../lib/gravity/forecast/validate.ts";
import { parseForecastConfig } from "../../../lib/gravity/config/forecast.ts";
import { syntheticForecastStudy } from "../../../lib/gravity/synthetic/forecast.ts";
import type { GravityPanel } from "../../../lib/gravity/types.ts";

const setVal = (p: GravityPanel, c: string, y: number, v: string, x: number) => {
  p.rows.find((r) => r.iso3 === c && r.year === y)!.values[v] = x;
};

Deno.test("validateCutoff: an actual exactly on an interval end is covered (the documented closed [lo, hi])", () => {
  const { config, panel } = syntheticForecastStudy({ partners: 6, seed: 7 });
  // the actuals are a separate series ("mirror"), so changing a held-out actual leaves the fit,
  // which is estimated on the dependent "trade" up to the cut-off, unchanged
  for (const r of panel.rows) r.values.mirror = r.values.trade;
  const fc = parseForecastConfig({ cutoff: 2020, actual: "mirror" }, 2010, "trade");
  const first = validateCutoff(config, fc, panel, 2020);
  const [a, b, c, d] = first.rows.filter((r) => r.lo !== null && r.hi !== null);
  assert.ok(a.lo! < a.hi! && b.lo! < b.hi!);
  // two actuals on an end, two a hair outside it (the neighbouring doubles are close enough)
  setVal(panel, a.country, a.year, "mirror", a.lo!);
  setVal(panel, b.country, b.year, "mirror", b.hi!);
  setVal(panel, c.country, c.year, "mirror", c.lo! * (1 - 1e-12));
  setVal(panel, d.country, d.year, "mirror", d.hi! * (1 + 1e-12));
  const again = validateCutoff(config, fc, panel, 2020);
  const row = (x: typeof a) =>
    again.rows.find((r) => r.country === x.country && r.year === x.year)!;
  // the fit is the same, so the interval ends are too
  for (const x of [a, b, c, d]) {
    assert.equal(row(x).lo, x.lo);
    assert.equal(row(x).hi, x.hi);
  }
  assert.equal(row(a).actual, a.lo);
  assert.equal(row(a).covered, true, "actual === lo is inside [lo, hi]");
  assert.equal(row(b).actual, b.hi);
  assert.equal(row(b).covered, true, "actual === hi is inside [lo, hi]");
  assert.equal(row(c).covered, false, "just below lo");
  assert.equal(row(d).covered, false, "just above hi");
});
