import assert from "node:assert/strict";
import { forecastFan } from "../../../lib/report/figures/forecast_fan.ts";

Deno.test("forecastFan: one panel per partner, a dot per actual and forecast, the cut-off and the fan", () => {
  const svg = forecastFan({
    cutoff: 2020,
    level: 0.9,
    scenario: "s",
    actual: [
      { country: "AAA", year: 2019, value: 2e9 },
      { country: "AAA", year: 2021, value: 3e9 },
      { country: "BBB", year: 2019, value: 1e9 },
      { country: "BBB", year: 2020, value: -1 }, // not drawn
    ],
    forecasts: [{ country: "AAA", year: 2021, predicted: 2.5e9, lo: 1e9, hi: 6e9 }],
    projection: [2025, 2026].map((year) => ({
      country: "BBB",
      year,
      predicted: 1e9,
      lo: 5e8,
      hi: 2e9,
    })),
  });
  assert.ok(svg.startsWith("<svg"));
  // data dots: r 2.5 = actual (3 positive values), r 3 = forecast (1); legend swatches have r 4
  assert.equal((svg.match(/<circle r="2\.5"/g) ?? []).length, 3);
  assert.equal((svg.match(/<circle r="3"/g) ?? []).length, 1);
  assert.ok(svg.includes(">AAA<") && svg.includes(">BBB<"));
  assert.ok(svg.includes("cut-off 2020"));
  assert.ok(svg.includes("1 out-of-time forecasts, 2 projected partner-years"));
  assert.equal(
    forecastFan({ cutoff: 2020, level: 0.9, actual: [], forecasts: [], projection: [] })
      .includes("no data"),
    true,
  );
});
