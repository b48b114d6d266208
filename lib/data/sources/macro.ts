/**
 * Macro sources beyond WDI: the Global Macro Database (GMD) multi-source files (one column per
 * source, e.g. `WB_CC` = the World Bank's cross-country inflation database) and the rule that
 * turns a CPI index in its own base into the panel's level: rebase to the base year, or link
 * (ratio splice) onto a higher-priority series where the two overlap.
 * @module
 */
import { type ReadResult, readWdiLong } from "./wdi.ts";

/**
 * The shortest decimal that is the same single-precision (float32) number as `x`, when `x` is
 * a float32 value written out with double precision (GMD stores float32 and prints
 * `7.40500020980835` for 7.405): more than 9 significant digits and within 2^-50 (relative)
 * of a float32. Any other value (7.31, 48699432, a genuine double such as 8.922046941795129) is
 * returned unchanged.
 *
 * @example
 * ```ts
 * float32Shortest(7.40500020980835); // 7.405
 * float32Shortest(8.922046941795129); // 8.922046941795129 (not a float32: unchanged)
 * ```
 */
export function float32Shortest(x: number): number {
  const f = Math.fround(x);
  // A float32 printed with 15-17 digits parses to it or to a neighbouring double; a value
  // written with 9 significant digits or fewer is taken as written.
  const digits = x.toExponential().replace(/^-?(\d)\.?(\d*)e.*$/, "$1$2").length;
  if (!Number.isFinite(x) || digits <= 9 || Math.abs(f - x) > Math.abs(x) * 2 ** -50) return x;
  for (let p = 1; p <= 9; p++) {
    const s = Number(x.toPrecision(p));
    if (Math.fround(s) === f) return s;
  }
  return x;
}

/** Options of {@link readGmd}. */
export interface GmdOptions {
  /** Source column to read, e.g. `WB_CC` (the World Bank cross-country database). */
  column: string;
  /** Upper-case ISO3 codes to keep. */
  countries: string[];
  /** Undo float32 renderings (see {@link float32Shortest}); default true. */
  float32?: boolean;
}

/**
 * Read one source column of a Global Macro Database file (`ISO3,countryname,year,<sources>...`,
 * long layout). Values that are float32 renderings are read as the decimal they stand for; the
 * count of such values is stated in `notes`.
 *
 * @example
 * ```ts
 * const r = readGmd("ISO3,countryname,year,WB_CC\nTKM,Turkmenistan,2015,7.40500020980835\n",
 *   "infl.csv", { column: "WB_CC", countries: ["TKM"] });
 * r.observations[0].value; // 7.405
 * ```
 */
export function readGmd(text: string, file: string, options: GmdOptions): ReadResult {
  const r = readWdiLong(text, file, { countries: options.countries }, {
    country: "ISO3",
    year: "year",
    value: options.column,
  });
  if (options.float32 === false) return r;
  let changed = 0;
  const observations = r.observations.map((o) => {
    const value = float32Shortest(o.value);
    if (value !== o.value) changed++;
    return { ...o, value };
  });
  return {
    observations,
    notes: [
      ...r.notes,
      `${file}:${options.column}: ${changed} of ${observations.length} value(s) were float32 ` +
      `renderings, read as the shortest decimal with the same float32 value (e.g. 7.40500020980835 = 7.405)`,
    ],
  };
}

/** Rebase rule of a source: its index is expressed so that `year` = `value` (e.g. 2010 = 100). */
export interface RebaseRule {
  year: number;
  value: number;
}

/** How one country's incoming series was brought onto the panel's base. */
export interface LinkResult {
  /** The incoming values scaled (NaN where the incoming series has none). */
  values: number[];
  /** The factor applied to the incoming values (NaN when it cannot be formed). */
  factor: number;
  /** "splice": linked to the existing series at `at`; "rebase": base year = value; "none". */
  method: "splice" | "rebase" | "none";
  /** The year of the link (splice) or the base year (rebase). */
  at: number | null;
}

/**
 * Bring an index in its own base onto the panel's: when the higher-priority series `existing`
 * and the `incoming` index overlap, link at the LATEST year both have (factor = existing /
 * incoming there), so the year-on-year change across the join is the incoming source's own; when
 * they do not overlap, rebase so that `rule.year` = `rule.value`. Either way the incoming
 * series' year-on-year changes are kept exactly.
 *
 * @example
 * ```ts
 * linkSeries([2010, 2011, 2012], [100, 110, NaN], [50, 55, 60], { year: 2010, value: 100 });
 * // { values: [100, 110, 120], factor: 2, method: "splice", at: 2011 }
 * ```
 */
export function linkSeries(
  years: number[],
  existing: number[],
  incoming: number[],
  rule: RebaseRule,
): LinkResult {
  const ok = (x: number) => Number.isFinite(x) && x !== 0;
  // value_t = anchor x (incoming_t / incoming at the anchor year): exact at the anchor year.
  const scale = (anchor: number, at: number) => incoming.map((v) => anchor * (v / incoming[at]));
  for (let i = years.length - 1; i >= 0; i--) {
    if (ok(existing[i]) && ok(incoming[i])) {
      const factor = existing[i] / incoming[i];
      return { values: scale(existing[i], i), factor, method: "splice", at: years[i] };
    }
  }
  const b = years.indexOf(rule.year);
  if (b < 0 || !ok(incoming[b])) {
    return { values: incoming.map(() => NaN), factor: NaN, method: "none", at: null };
  }
  const factor = rule.value / incoming[b];
  return { values: scale(rule.value, b), factor, method: "rebase", at: rule.year };
}
