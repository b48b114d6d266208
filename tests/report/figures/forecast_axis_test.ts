/**
 * The forecast fan's log y-axis: every tick carries a label (1-2-5 per decade, or 1-9 when that
 * gives fewer than three), and the legend names the out-of-time forecast only when one is drawn.
 */
import assert from "node:assert/strict";
import { forecastFan } from "../../../lib/report/figures/forecast_fan.ts";

const fan = (actual: number[], withForecast: boolean) =>
  forecastFan({
    cutoff: 2020,
    level: 0.9,
    actual: actual.map((v, i) => ({ country: "AAA", year: 2015 + i, value: v * 1e9 })),
    forecasts: withForecast
      ? [{ country: "AAA", year: 2021, predicted: 20e9, lo: 15e9, hi: 30e9 }]
      : [],
    projection: [],
  });

/** The y-axis tick labels of the (single) panel. */
function yLabels(svg: string): string[] {
  const g = svg.match(/<g[^>]*aria-label="y-axis tick label"[^>]*>(.*?)<\/g>/s);
  assert.ok(g, "a y-axis with tick labels");
  return [...g[1].matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
}

Deno.test("forecastFan: every y tick is labelled, 1-2-5 per decade", () => {
  // 10 and 20 alone would be two labels: 1-9 per decade instead
  assert.deepEqual(yLabels(fan([8, 12, 25, 45], false)), ["8", "9", "10", "20", "30", "40"]);
  assert.deepEqual(yLabels(fan([1.5, 3, 12, 60], false)), ["2", "5", "10", "20", "50"]);
});

Deno.test("forecastFan: the forecast legend entry only when a forecast is drawn", () => {
  assert.ok(!fan([1, 2], false).includes("forecast from the cut-off"));
  assert.ok(fan([1, 2], true).includes("forecast from the cut-off, 90% interval"));
});
