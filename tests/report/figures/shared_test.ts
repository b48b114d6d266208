/** The helpers the figure files share (lib/report/figures/shared.ts). */
import assert from "node:assert/strict";
import {
  fmt,
  positive,
  seriesLegend,
  seriesScale,
  yearTicks,
} from "../../../lib/report/figures/shared.ts";
import { SERIES_COLORS } from "../../../lib/report/figures/style.ts";

Deno.test("fmt: fixed digits, a typographic minus, '.' for a missing value", () => {
  assert.equal(fmt(0.456), "0.46");
  assert.equal(fmt(-0.456), "−0.46");
  assert.equal(fmt(-1.23456, 3), "−1.235");
  assert.equal(fmt(NaN), ".");
  assert.equal(fmt(Infinity), ".");
});

Deno.test("positive: finite numbers above zero only (what a log scale draws)", () => {
  assert.deepEqual([1e-9, 0, -1, NaN, Infinity, null, "2"].map(positive), [
    true,
    false,
    false,
    false,
    false,
    false,
    false,
  ]);
});

Deno.test("yearTicks: every year up to ten, then every n-th year from the first", () => {
  assert.deepEqual(yearTicks([2017, 2015, 2016]), [2015, 2016, 2017]);
  // 25 years: step ceil(25 / 10) = 3
  const years = Array.from({ length: 25 }, (_, i) => 2000 + i);
  assert.deepEqual(yearTicks(years), [2000, 2003, 2006, 2009, 2012, 2015, 2018, 2021, 2024]);
});

Deno.test("seriesScale: sorted distinct names coloured in palette order, and its legend", () => {
  const scale = seriesScale(["UZB", "KAZ", "UZB", "KGZ"]);
  assert.deepEqual(scale, {
    domain: ["KAZ", "KGZ", "UZB"],
    range: SERIES_COLORS.slice(0, 3),
  });
  assert.deepEqual(seriesLegend(scale, "line"), [
    { label: "KAZ", color: "#4269d0", symbol: "line" },
    { label: "KGZ", color: "#efb118", symbol: "line" },
    { label: "UZB", color: "#ff725c", symbol: "line" },
  ]);
  // the palette wraps after ten series
  const many = seriesScale(Array.from({ length: 11 }, (_, i) => `c${String(i).padStart(2, "0")}`));
  assert.equal(many.range[10], SERIES_COLORS[0]);
});
