/**
 * How each bilateral term of the gravity equation is formed from reporter i and partner j, and
 * the design (one row per partner-year) built from the panel.
 * @module
 */
import type { StudyConfig } from "../config/study.ts";
import type { GravityPanel } from "../types.ts";
import { CBEC_INDEX, type DesignRow, type TermSpec } from "../types.ts";

/** Values of one panel variable by `${iso3}|${year}` (NaN when missing). */
export type Lookup = (iso3: string, year: number, variable: string) => number;

/**
 * A lookup over a panel; `extra` supplies values of derived variables (the CBEC composite).
 *
 * @example
 * ```ts
 * const get = panelLookup(panel);
 * get("KAZ", 2018, "pop"); // 18276452 (or NaN when missing)
 * ```
 */
export function panelLookup(
  panel: GravityPanel,
  extra: Record<string, Map<string, number>> = {},
): Lookup {
  const byKey = new Map<string, Record<string, number>>();
  for (const r of panel.rows) byKey.set(`${r.iso3}|${r.year}`, r.values);
  return (iso3, year, variable) => {
    const key = `${iso3}|${year}`;
    if (variable in extra) return extra[variable].get(key) ?? NaN;
    const v = byKey.get(key)?.[variable];
    return typeof v === "number" ? v : NaN;
  };
}

/** The value of one term for the pair (reporter i, partner j) in a year, or why it is missing. */
export interface TermValue {
  value: number;
  /** Set when value is NaN: e.g. "pop missing for TKM 2020" or "ln of -3 (gdp_pc_ppp, KAZ 2016)". */
  missing?: string;
}

/**
 * Form one term: product ln x_i + ln x_j, partner ln x_j, reporter ln x_i, ratio ln(x_j/x_i),
 * bilateral ln x_ij (read from the partner's row), sum x_i + x_j, difference x_j - x_i.
 *
 * @example
 * ```ts
 * formTerm({ name: "ln_pop", variable: "pop", formation: "product" }, get, "CHN", "KAZ", 2018);
 * // { value: Math.log(popCHN) + Math.log(popKAZ) }
 * ```
 */
export function formTerm(
  term: TermSpec,
  get: Lookup,
  reporter: string,
  partner: string,
  year: number,
): TermValue {
  const log = term.log ?? true;
  const v = term.variable;
  const need = (iso3: string): number | string => {
    const x = get(iso3, year, v);
    if (Number.isNaN(x)) return `${v} missing for ${iso3} ${year}`;
    if (log && !(x > 0)) return `ln of ${x} (${v}, ${iso3} ${year})`;
    return log ? Math.log(x) : x;
  };
  const parts: (number | string)[] = [];
  switch (term.formation) {
    case "product":
    case "ratio":
    case "sum":
    case "difference":
      parts.push(need(reporter), need(partner));
      break;
    case "partner":
    case "bilateral":
      parts.push(need(partner));
      break;
    case "reporter":
      parts.push(need(reporter));
      break;
  }
  const bad = parts.find((p) => typeof p === "string");
  if (bad !== undefined) return { value: NaN, missing: bad as string };
  const [a, b] = parts as number[];
  switch (term.formation) {
    case "product":
    case "sum":
      return { value: a + b };
    case "ratio":
    case "difference":
      return { value: b - a };
    default:
      return { value: a };
  }
}

/**
 * Build the design: one row per partner and year of the config, with every term formed and
 * every missing piece named. The CBEC composite comes in through `cbec` keyed `${iso3}|${year}`.
 *
 * @example
 * ```ts
 * const rows = buildDesign(config, panel, cbecMap);
 * rows.filter((r) => r.complete).length; // country-years usable in the regression
 * ```
 */
export function buildDesign(
  config: StudyConfig,
  panel: GravityPanel,
  cbec: Map<string, number> = new Map(),
): DesignRow[] {
  const get = panelLookup(panel, { [CBEC_INDEX]: cbec });
  const rows: DesignRow[] = [];
  for (const country of config.partners) {
    for (let year = config.years.from; year <= config.years.to; year++) {
      const missing: string[] = [];
      const dv = get(country, year, config.dependent.variable);
      let actual: number | null = null;
      if (Number.isNaN(dv)) missing.push(`${config.dependent.variable} (dependent) missing`);
      else if (!(dv > 0)) missing.push(`${config.dependent.variable} (dependent) = ${dv}, not > 0`);
      else actual = dv;
      const x: Record<string, number | null> = {};
      let predictable = true;
      for (const t of config.terms) {
        const tv = formTerm(t, get, config.reporter, country, year);
        x[t.name] = Number.isNaN(tv.value) ? null : tv.value;
        if (tv.missing) {
          missing.push(`${t.name}: ${tv.missing}`);
          predictable = false;
        }
      }
      rows.push({
        country,
        year,
        actual,
        y: actual === null ? null : Math.log(actual),
        x,
        missing,
        complete: predictable && actual !== null,
        predictable,
      });
    }
  }
  return rows;
}
