/**
 * Table 1 of the study: each variable of the equation and each CBEC indicator with its
 * formation, source, proxy flag and coverage in the study window (present, missing, filled).
 * @module
 */
import type { StudyConfig } from "../config/study.ts";
import { panelLookup } from "../equation/terms.ts";
import { CBEC_INDEX, type GravityPanel } from "../types.ts";
import type { CoverageRow } from "./types.ts";

/**
 * Sorted years as compact ranges: runs of consecutive years joined by "-", the runs by ",".
 * Used by Table 1's missing cells and by the exclusion summary of the text report.
 *
 * @example
 * ```ts
 * yearRanges([2015, 2016, 2017, 2019]); // "2015-2017,2019"
 * ```
 */
export function yearRanges(years: number[]): string {
  const out: string[] = [];
  let start = years[0];
  for (let i = 1; i <= years.length; i++) {
    if (i === years.length || years[i] !== years[i - 1] + 1) {
      const end = years[i - 1];
      out.push(start === end ? String(start) : `${start}-${end}`);
      start = years[i];
    }
  }
  return out.join(",");
}

/**
 * Table 1: one row for the dependent variable, one per term (the CBEC index excepted) and one
 * per CBEC indicator, with the partner-years (and reporter years, when the term uses the
 * reporter) that have a value, the missing cells as year ranges and the filled cells.
 *
 * @example
 * ```ts
 * const { config, panel } = syntheticStudy({ spread: 0 });
 * coverageTable(config, panel)[0].role; // "dependent"
 * ```
 */
export function coverageTable(config: StudyConfig, panel: GravityPanel): CoverageRow[] {
  const row = coverageRow(config, panel);
  const out: CoverageRow[] = [row("dependent", config.dependent.variable, "bilateral", false)];
  for (const t of config.terms) {
    if (t.variable === CBEC_INDEX) continue;
    const usesReporter = !["partner", "bilateral"].includes(t.formation);
    out.push(row(t.name, t.variable, t.formation, usesReporter));
  }
  for (const ind of config.cbec.indicators) {
    out.push(row("cbec indicator", ind, "PCA", config.cbec.includeReporter));
  }
  return out;
}

/** The builder of one Table 1 row over the study window of `config`. */
function coverageRow(config: StudyConfig, panel: GravityPanel) {
  const get = panelLookup(panel);
  const info = new Map(panel.variables.map((v) => [v.name, v]));
  const years: number[] = [];
  for (let y = config.years.from; y <= config.years.to; y++) years.push(y);
  return (
    role: string,
    variable: string,
    formation: string,
    usesReporter: boolean,
  ): CoverageRow => {
    const v = info.get(variable);
    const missingParts: string[] = [];
    let filled = 0;
    let present = 0;
    const countries = usesReporter ? [config.reporter, ...config.partners] : config.partners;
    let repPresent = 0;
    for (const c of countries) {
      const miss: number[] = [];
      for (const y of years) {
        const ok = !Number.isNaN(get(c, y, variable));
        if (!ok) miss.push(y);
        else if (c === config.reporter) repPresent++;
        else present++;
        const flag = panel.flags?.[`${c}|${y}|${variable}`];
        if (flag === "interpolated" || flag === "extrapolated" || flag === "rebased") filled++;
      }
      if (miss.length) missingParts.push(`${c} ${yearRanges(miss)}`);
    }
    const proxy = v?.proxy === true ? "PROXY" : typeof v?.proxy === "string" ? v.proxy : "";
    return {
      role,
      variable,
      formation,
      meaning: v?.meaning ?? "",
      unit: v?.unit ?? "",
      source: v?.source ?? "",
      proxy,
      partnerYears: { present, total: config.partners.length * years.length },
      reporterYears: usesReporter ? { present: repPresent, total: years.length } : null,
      missing: missingParts.join("; "),
      filled,
    };
  };
}
