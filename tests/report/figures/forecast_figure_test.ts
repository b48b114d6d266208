import assert from "node:assert/strict";
import { DOMParser } from "linkedom";
import { forecastFan } from "../../../lib/report/figures/forecast_fan.ts";

interface El {
  getAttribute(n: string): string | null;
  querySelectorAll(s: string): El[];
}

/** The partners' panels (the nested <svg>s) of a figure, in drawing order. */
const panels = (svg: string): El[] => [
  ...(new DOMParser().parseFromString(svg, "image/svg+xml") as unknown as { documentElement: El })
    .documentElement.querySelectorAll("svg"),
];

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
  // the fan: one band, in BBB's panel only, over the projection's years (the x of its dots) and
  // from hi to lo; the projected 1 bn is the geometric mean of lo 0.5 and hi 2 bn, so on the log
  // axis the projection runs through the middle of the band
  const [aaa, bbb] = panels(svg);
  assert.equal(aaa.querySelectorAll('g[aria-label="area"] path').length, 0);
  const fan = [...bbb.querySelectorAll('g[aria-label="area"] path')];
  assert.equal(fan.length, 1);
  const corners = (fan[0].getAttribute("d")!.match(/-?[\d.]+,-?[\d.]+/g) ?? [])
    .map((p) => p.split(",").map(Number));
  const projected = [...bbb.querySelectorAll('g[aria-label="dot"][fill="#4269d0"] circle')];
  assert.equal(projected.length, 2);
  const xs = projected.map((c) => Number(c.getAttribute("cx")));
  assert.deepEqual([...new Set(corners.map(([x]) => x))].sort((a, b) => a - b), xs);
  const ys = corners.map(([, y]) => y);
  const middle = (Math.min(...ys) + Math.max(...ys)) / 2;
  for (const c of projected) assert.ok(Math.abs(Number(c.getAttribute("cy")) - middle) < 1e-9);
  assert.equal(
    forecastFan({ cutoff: 2020, level: 0.9, actual: [], forecasts: [], projection: [] })
      .includes("no data"),
    true,
  );
});
