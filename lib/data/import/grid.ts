/**
 * The country-year grid of the import: its cells, how a source's observations are placed in the
 * cells earlier sources left missing (or linked in, for an index in its own base), and the gap
 * filling and derived variables that complete it.
 * @module
 */
import type { Flag } from "../panel.ts";
import { haversineKm } from "../sources/geo.ts";
import { linkSeries } from "../sources/macro.ts";
import type { ReadResult } from "../sources/wdi.ts";
import type { ImportConfig, SourceConfig, VariableConfig } from "./config.ts";
import { fillSeries } from "./interpolate.ts";

/** One cell of the panel: its value (NaN = none), flag and the source it came from. */
export interface Cell {
  value: number;
  flag: Flag;
  source: string;
}

/** The panel's series of cells: variable -> country (or "*" for year-scope) -> one cell a year. */
export type Grid = Map<string, Map<string, Cell[]>>;

/** The keys of a variable's series: "*" for a year-scope variable, else the panel countries. */
function gridKeys(cfg: ImportConfig, scope: VariableConfig["scope"]): string[] {
  return scope === "year" ? ["*"] : cfg.countries;
}

/**
 * A grid with every cell missing.
 *
 * @example
 * ```ts
 * emptyGrid(cfg, [2015, 2016]).get("pop")!.get("KAZ"); // two cells, flag "missing"
 * ```
 */
export function emptyGrid(cfg: ImportConfig, years: number[]): Grid {
  const grid: Grid = new Map();
  for (const v of cfg.variables) {
    const m = new Map<string, Cell[]>();
    for (const k of gridKeys(cfg, v.scope)) {
      m.set(k, years.map(() => ({ value: NaN, flag: "missing" as Flag, source: "" })));
    }
    grid.set(v.name, m);
  }
  return grid;
}

/**
 * Put a source's observations into the cells earlier sources left missing (flagged observed;
 * a time-invariant observation, year null, fills every year).
 *
 * @example
 * ```ts
 * placeObservations(readResult, grid.get("pop")!, variable, years, yearIndex, "raw/wdi.csv:SP.POP.TOTL");
 * ```
 */
export function placeObservations(
  r: ReadResult,
  m: Map<string, Cell[]>,
  v: VariableConfig,
  years: number[],
  yi: Map<number, number>,
  label: string,
): void {
  for (const o of r.observations) {
    const series = m.get(v.scope === "year" ? "*" : o.iso3);
    if (!series) continue;
    const idx = o.year === null ? years.map((_, i) => i) : yi.has(o.year) ? [yi.get(o.year)!] : [];
    for (const i of idx) {
      if (series[i].flag === "missing") {
        series[i] = { value: o.value, flag: "observed", source: label };
      }
    }
  }
}

/**
 * Gap filling (sources only, flagged interpolated / extrapolated), then derived variables in
 * config order; the reporter's bilateral cells become not-applicable.
 *
 * @example
 * ```ts
 * fillGrid(cfg, grid, years); // after every source is read into the grid
 * ```
 */
export function fillGrid(cfg: ImportConfig, grid: Grid, years: number[]): void {
  for (const v of cfg.variables) {
    const m = grid.get(v.name)!;
    if (v.derive) {
      for (const k of gridKeys(cfg, v.scope)) m.set(k, derive(v, k, cfg, grid, years));
      continue;
    }
    const first = cfg.sources.find((s) => s.variable === v.name);
    const interpolate = v.interpolate ?? first?.interpolate ?? true;
    for (const [k, series] of m) {
      const filled = fillSeries(years, series.map((c) => c.value), {
        interpolate,
        extrapolate: v.extrapolate,
      });
      filled.flags.forEach((f, i) => {
        if (f === "interpolated" || f === "extrapolated") {
          const near = series.filter((c) => c.flag === "observed" || c.flag === "rebased").map((
            c,
          ) => c.source);
          series[i] = { value: filled.values[i], flag: f, source: [...new Set(near)].join(" + ") };
        }
      });
      if (v.scope === "bilateral" && k === cfg.reporter) {
        m.set(k, years.map(() => ({ value: NaN, flag: "not-applicable", source: "" })));
      }
    }
  }
}

/**
 * Fill the cells earlier sources left empty from an index in its own base, linked or rebased
 * country by country (see `linkSeries`); returns one note per country it filled.
 *
 * @example
 * ```ts
 * notes.push(...linkSource(source, readResult, grid.get("cpi")!, years, yearIndex, label));
 * ```
 */
export function linkSource(
  s: SourceConfig,
  r: ReadResult,
  m: Map<string, Cell[]>,
  years: number[],
  yi: Map<number, number>,
  label: string,
): string[] {
  const notes: string[] = [];
  const rule = s.rebase!;
  for (const [iso3, series] of m) {
    const incoming = years.map(() => NaN);
    for (const o of r.observations) {
      if (o.iso3 === iso3 && o.year !== null && yi.has(o.year)) incoming[yi.get(o.year)!] = o.value;
    }
    if (incoming.every((x) => Number.isNaN(x))) continue;
    const link = linkSeries(years, series.map((c) => c.value), incoming, rule);
    const how = link.method === "splice"
      ? `linked at ${link.at} (x ${link.factor}) to ${series[yi.get(link.at!)!].source}`
      : `rebased to ${rule.year} = ${rule.value} (x ${link.factor})`;
    const filled: number[] = [];
    series.forEach((c, i) => {
      if (c.flag !== "missing" || Number.isNaN(link.values[i])) return;
      series[i] = { value: link.values[i], flag: "rebased", source: `${label} ${how}` };
      filled.push(years[i]);
    });
    if (link.method === "none") {
      notes.push(
        `${label}: ${iso3} not used: no overlap with earlier sources and no value in the base year ${rule.year}`,
      );
    } else if (filled.length) {
      notes.push(
        `${label}: ${iso3} ${filled[0]}-${
          filled[filled.length - 1]
        } (${filled.length} cells) ${how}`,
      );
    }
  }
  return notes;
}

/** A derived variable's cells for one grid key, from its inputs' filled cells. */
function derive(
  v: VariableConfig,
  key: string,
  cfg: ImportConfig,
  grid: Map<string, Map<string, Cell[]>>,
  years: number[],
): Cell[] {
  const d = v.derive!;
  const scopeOf = (n: string) => cfg.variables.find((x) => x.name === n)!.scope;
  const get = (n: string, k: string, i: number) =>
    grid.get(n)!.get(scopeOf(n) === "year" ? "*" : k)![i];
  return years.map((_, i) => {
    if (v.scope === "bilateral" && key === cfg.reporter) {
      return { value: NaN, flag: "not-applicable", source: "" };
    }
    const inputs: Cell[] = d.op === "haversine"
      ? [
        get(d.inputs[0], cfg.reporter, i),
        get(d.inputs[1], cfg.reporter, i),
        get(d.inputs[0], key, i),
        get(d.inputs[1], key, i),
      ]
      : d.inputs.map((n) => get(n, key, i));
    if (d.op === "fill") {
      const [a, b] = inputs;
      if (!Number.isNaN(a.value)) return { ...a };
      if (!Number.isNaN(b.value)) return { value: b.value, flag: "mirror", source: b.source };
      return { value: NaN, flag: "missing", source: "" };
    }
    const xs = inputs.map((c) => c.value);
    let value: number;
    if (d.op === "sum") value = xs.reduce((a, b) => a + b, d.constant ?? 0);
    else if (d.op === "product") value = xs.reduce((a, b) => a * b, d.constant ?? 1);
    else if (d.op === "ratio") value = xs[0] / xs[1];
    else value = haversineKm(xs[0], xs[1], xs[2], xs[3]);
    const source = `derived: ${d.formula}`;
    if (xs.some((x) => Number.isNaN(x))) return { value: NaN, flag: "missing", source: "" };
    const flags = inputs.map((c) => c.flag);
    const flag: Flag = flags.includes("extrapolated")
      ? "extrapolated"
      : flags.includes("interpolated")
      ? "interpolated"
      : flags.includes("rebased")
      ? "rebased"
      : "observed";
    return { value, flag, source };
  });
}
