import assert from "node:assert/strict";
import { fillSeries } from "../../../lib/data/import/interpolate.ts";

const Y = [2014, 2015, 2016, 2017, 2018, 2019];

Deno.test("interior gaps are filled linearly and flagged; edges stay missing", () => {
  const r = fillSeries(Y, [NaN, 2, NaN, NaN, 8, NaN]);
  assert.deepEqual(r.values.slice(1, 5), [2, 4, 6, 8]);
  assert.ok(Number.isNaN(r.values[0]) && Number.isNaN(r.values[5]));
  assert.deepEqual(r.flags, [
    "missing",
    "observed",
    "interpolated",
    "interpolated",
    "observed",
    "missing",
  ]);
});

Deno.test("interpolation can be switched off; extrapolation only when asked", () => {
  const off = fillSeries(Y, [1, NaN, 3, NaN, NaN, NaN], { interpolate: false });
  assert.deepEqual(off.flags, ["observed", "missing", "observed", "missing", "missing", "missing"]);
  const ex = fillSeries(Y, [NaN, 2, NaN, 4, NaN, NaN], { extrapolate: true });
  assert.deepEqual(ex.values, [2, 2, 3, 4, 4, 4]);
  assert.deepEqual(ex.flags, [
    "extrapolated",
    "observed",
    "interpolated",
    "observed",
    "extrapolated",
    "extrapolated",
  ]);
  const none = fillSeries(Y, Y.map(() => NaN), { extrapolate: true });
  assert.ok(none.flags.every((f) => f === "missing"));
});

Deno.test("uneven year spacing (LPI editions 2018 and 2022) interpolates in the year", () => {
  const r = fillSeries([2018, 2019, 2020, 2021, 2022], [2.8, NaN, NaN, NaN, 3.0]);
  assert.ok(Math.abs(r.values[1] - 2.85) < 1e-12 && Math.abs(r.values[3] - 2.95) < 1e-12);
});
