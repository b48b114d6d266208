/**
 * The forecast figure: one panel per partner with the actual series, the out-of-time forecasts
 * with their prediction intervals, the cut-off marked, and the scenario's projection fan to the
 * horizon (log scale). Plain data in, one self-contained SVG out.
 * @module
 */
import * as Plot from "@observablehq/plot";
import { type FramePanel, frameSvg, noDataSvg, renderPlot } from "../dom.ts";
import { positive, uniqueSorted } from "./shared.ts";

/** A value with an interval in one partner-year. */
export interface IntervalPoint {
  country: string;
  year: number;
  predicted: number;
  lo: number;
  hi: number;
}

/** Input of {@link forecastFan}. */
export interface ForecastFigureInput {
  cutoff: number;
  /** The actual series (every year with a value). */
  actual: { country: string; year: number; value: number }[];
  /** Out-of-time forecasts after the cut-off. */
  forecasts: IntervalPoint[];
  /** Scenario projection after the last data year (drawn as a fan). */
  projection: IntervalPoint[];
  /** Interval level (for the legend). */
  level: number;
  /** Scenario name (for the legend). */
  scenario?: string;
}

/** A point with a value and an interval a log scale can draw. */
const drawable = (r: IntervalPoint) => positive(r.predicted) && positive(r.lo) && positive(r.hi);

/** Labelled ticks of a log axis over [lo, hi]: 1-2-5 per decade, or 1-9 when that gives fewer
 * than three, so every gridline has a number and no tick is unlabelled. */
function logTicks(lo: number, hi: number): number[] {
  if (!(lo > 0) || !(hi >= lo)) return [];
  const decades: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) decades.push(e);
  const pick = (mult: number[]) =>
    decades.flatMap((e) => mult.map((m) => Number((m * 10 ** e).toPrecision(2))))
      .filter((v) => v >= lo && v <= hi);
  const coarse = pick([1, 2, 5]);
  return coarse.length >= 3 ? coarse : pick([1, 2, 3, 4, 5, 6, 7, 8, 9]);
}

/**
 * Actual vs forecast by partner with intervals, the cut-off and the projection fan.
 *
 * @example
 * ```ts
 * forecastFan({ cutoff: 2020, level: 0.9, actual: [{ country: "KAZ", year: 2019, value: 2e10 }],
 *   forecasts: [{ country: "KAZ", year: 2021, predicted: 2.2e10, lo: 1e10, hi: 4e10 }], projection: [] });
 * ```
 */
export function forecastFan(
  input: ForecastFigureInput,
  options: { title?: string; width?: number; columns?: number } = {},
): string {
  const title = options.title ??
    `Actual vs forecast (cut-off ${input.cutoff}) and projection, US$ bn, log scale`;
  const actual = input.actual.filter((r) => positive(r.value));
  const fc = input.forecasts.filter(drawable);
  const proj = input.projection.filter(drawable);
  const countries = uniqueSorted([...actual, ...fc, ...proj].map((r) => r.country));
  if (!countries.length) return noDataSvg(title);
  const years = [...actual, ...fc, ...proj].map((r) => r.year);
  const x = [Math.min(...years, input.cutoff), Math.max(...years)];
  const columns = Math.max(1, Math.min(options.columns ?? 3, countries.length));
  const width = Math.floor((options.width ?? 900) / columns);
  const bn = (v: number) => v / 1e9;
  const f2 = (v: number) => (v / 1e9).toFixed(2);
  const l = Math.round(100 * input.level);
  const ivTitle = (what: string) => (d: IntervalPoint) =>
    `${d.country} ${d.year}\n${what} ${f2(d.predicted)} bn (${l}%: ${f2(d.lo)}-${f2(d.hi)})`;
  const panels: FramePanel[] = countries.map((c) => {
    const a = actual.filter((r) => r.country === c).sort((p, q) => p.year - q.year);
    // a missing year breaks the line (no slope is drawn across years without data)
    let run = 0;
    const runs = a.map((r, i) => (i > 0 && a[i - 1].year + 1 !== r.year ? ++run : run));
    const f = fc.filter((r) => r.country === c);
    const p = proj.filter((r) => r.country === c).sort((s, t) => s.year - t.year);
    const values = [...a.map((r) => r.value), ...[...f, ...p].flatMap((r) => [r.lo, r.hi])]
      .map(bn);
    const plot = renderPlot({
      width,
      height: 200,
      marginLeft: 45,
      x: { domain: x, tickFormat: "d", label: null, ticks: 5 },
      y: {
        type: "log",
        grid: true,
        label: null,
        ticks: logTicks(Math.min(...values), Math.max(...values)),
        tickFormat: (v: number) => String(v),
      },
      marks: [
        Plot.ruleX([input.cutoff + 0.5], { stroke: "#888", strokeDasharray: "4,3" }),
        Plot.areaY(p, {
          x: "year",
          y1: (d) => bn(d.lo),
          y2: (d) => bn(d.hi),
          fill: "#4269d0",
          fillOpacity: 0.18,
        }),
        Plot.lineY(p, { x: "year", y: (d) => bn(d.predicted), stroke: "#4269d0" }),
        Plot.dot(p, {
          x: "year",
          y: (d) => bn(d.predicted),
          fill: "#4269d0",
          r: 1.5,
          title: ivTitle("projection"),
        }),
        Plot.ruleX(f, {
          x: "year",
          y1: (d) => bn(d.lo),
          y2: (d) => bn(d.hi),
          stroke: "#ff725c",
          title: ivTitle("forecast"),
        }),
        Plot.dot(f, {
          x: "year",
          y: (d) => bn(d.predicted),
          fill: "#ff725c",
          r: 3,
          title: ivTitle("forecast"),
        }),
        Plot.lineY(a, {
          x: "year",
          y: (d) => bn(d.value),
          z: (_, i) => runs[i],
          stroke: "#222",
          strokeWidth: 1,
        }),
        Plot.dot(a, {
          x: "year",
          y: (d) => bn(d.value),
          fill: "#222",
          r: 2.5,
          title: (d) => `${d.country} ${d.year}\nactual ${f2(d.value)} bn`,
        }),
      ],
    });
    return { ...plot, heading: c };
  });
  return frameSvg(panels, {
    kind: "forecastFan",
    title,
    columns,
    legend: [
      { label: "actual", color: "#222", symbol: "circle" },
      // no out-of-time forecast drawn: no legend entry for one
      ...(fc.length
        ? [{
          label: `forecast from the cut-off, ${l}% interval`,
          color: "#ff725c",
          symbol: "circle" as const,
        }]
        : []),
      { label: `cut-off ${input.cutoff}`, color: "#888", symbol: "dashed" },
      {
        label: `projection${input.scenario ? ` ("${input.scenario}")` : ""}, ${l}% fan`,
        color: "#4269d0",
        symbol: "square",
      },
    ],
    notes: [
      `${fc.length} out-of-time forecasts, ${proj.length} projected partner-years; points ` +
      `without a value are not drawn.`,
    ],
  });
}
