/**
 * The stochastic frontier section: the frontier gravity model fitted on the world panel (Table
 * 4) and the study partners' trade efficiency and frontier potential with intervals beside the
 * paper's K, the in-sample K and the world benchmark's (Table 4b), then the section's reading in
 * plain words. Formatting only; computing is in lib/gravity/world/frontier.ts and
 * lib/gravity/study/frontier.ts.
 * @module
 */
import { escapeXml } from "../../../report/escape.ts";
import {
  formatCell,
  formatTable,
  type TableFormat,
  type TableSpec,
} from "../../../report/table.ts";
import { estimatorLabel, f3, htmlList, kInterval } from "./formatters.ts";
import type { StudyResult } from "../../study/types.ts";

/** US$ as billions with 2 decimals. */
const bn = (v: unknown) => (typeof v === "number" ? formatCell(v / 1e9, 2) : formatCell(v));
/** A p-value as the regression tables print it. */
const pValue = (v: unknown) =>
  typeof v === "number" && Number.isFinite(v) && v < 1e-4 ? "<0.0001" : formatCell(v, 4);
const isYearEffect = (term: string) => /^year_\d+$/.test(term);

/**
 * Table 4: the frontier's coefficients (year effects summarised in a note), its variance
 * parameters in FRONTIER's parameterisation, the likelihood and the diagnostics. Null without a
 * frontier section.
 *
 * @example
 * ```ts
 * const spec = frontierModelSpec(result); // null when the study has no frontier
 * ```
 */
export function frontierModelSpec(r: StudyResult): TableSpec | null {
  const w = r.frontier?.world;
  if (!w) return null;
  const title = `Table 4. Stochastic frontier gravity model of ${r.config.reporter}'s trade with ` +
    `every partner, ${w.config.years.from}-${w.config.years.to}`;
  if (!w.ok) {
    return { title, columns: [{ key: "term", label: "Term" }], rows: [], notes: [`${w.reason}.`] };
  }
  const params = [
    ["sigmaSq", w.sigmaSq],
    ["gamma", w.gamma],
    ["lambda", w.lambda],
    ...(w.mu ? [["mu", w.mu] as const] : []),
    ...(w.eta ? [["eta", w.eta] as const] : []),
  ] as const;
  const years = w.coefficients.filter((c) => isYearEffect(c.term)).length;
  const cs = w.crossSection;
  const byYear = w.meanEfficiencyByPeriod.map((p) => `${p.time} ${p.mean.toFixed(3)}`);
  return {
    title,
    columns: [
      { key: "term", label: "Term" },
      { key: "estimate", label: "Coef.", format: f3 },
      { key: "stdError", label: "SE", format: f3 },
      { key: "z", label: "z", format: f3 },
      { key: "p", label: "P>|z|", format: pValue },
    ],
    rows: [
      ...w.coefficients.filter((c) => !isYearEffect(c.term)).map((c) => ({ ...c })),
      ...params.map(([term, e]) => ({ term, estimate: e.estimate, stdError: e.stdError })),
    ],
    notes: [
      `${w.description}; FRONTIER's parameterisation sigmaSq = sigma_v^2 + sigma_u^2, gamma = ` +
      `sigma_u^2 / sigmaSq, lambda = sigma_u / sigma_v. Dependent: ln ${r.config.reporter}-` +
      `reported exports + imports (US$).`,
      `N = ${w.n} partner-years, ${w.partners} partners, ${w.years[0]}-${w.years.at(-1)}; left ` +
      `out: ${w.excluded.missing} with a missing variable, ${w.excluded.zeroTrade} with zero ` +
      `trade (no log)` +
      (w.omitted.length ? `; constant on the sample: ${w.omitted.join(", ")}` : "") +
      (years ? `; ${years} year effects (the first year the base) not shown.` : "."),
      `ln L = ${w.logLik.toFixed(3)} (OLS ${w.olsLogLik.toFixed(3)}); LR test of no ` +
      `inefficiency ${w.lrTest.statistic.toFixed(2)} against the ${w.lrTest.distribution}, ` +
      `p ${
        w.lrTest.pValue < 1e-4 ? "< 0.0001" : `= ${pValue(w.lrTest.pValue)}`
      } (5% critical value ${w.lrTest.criticalValue5.toFixed(3)}).`,
      `Mean efficiency ${w.meanEfficiency.toFixed(3)}; by year: ${byYear.join(", ")}.`,
      `OLS residual skewness ${w.skewness.toFixed(3)}` +
      (cs
        ? `; pooled as a cross-section (half-normal) the frontier gives gamma = ` +
          `${formatCell(cs.gamma, 3)} and mean efficiency ${cs.meanEfficiency.toFixed(3)}.`
        : "."),
      ...w.warnings.map((x) => `Warning: ${x}.`),
    ],
  };
}

/**
 * Table 4b: each study partner-year's trade efficiency TE with its interval and rank among all
 * partners, the frontier potential with its interval, beside the paper's K, the in-sample K and
 * the world benchmark's K. Null without a fitted frontier.
 *
 * @example
 * ```ts
 * const spec = frontierEfficiencySpec(result);
 * ```
 */
export function frontierEfficiencySpec(r: StudyResult): TableSpec | null {
  const f = r.frontier;
  if (!f?.world.ok) return null;
  const level = Math.round(f.world.config.level * 100);
  const fits = f.rows[0]?.kBenchmark.map((b) => b.estimator) ?? [];
  return {
    title: "Table 4b. Trade efficiency and frontier potential of the study's partners, " +
      "beside K",
    columns: [
      { key: "country", label: "Country" },
      { key: "year", label: "Year", format: String },
      { key: "actual", label: "Actual US$ bn", format: bn },
      { key: "efficiency", label: "TE", format: f3 },
      { key: "teInt", label: `${level}% int.`, align: "left" },
      { key: "rank", label: "Rank", align: "right" },
      { key: "potential", label: "Potential US$ bn", format: bn },
      { key: "potInt", label: `${level}% int.`, align: "left" },
      { key: "kPaper", label: "Paper K", format: f3 },
      { key: "kStudy", label: "Study K", format: f3 },
      ...fits.map((e, j) => ({ key: `k${j}`, label: `K-${estimatorLabel(e)}`, format: f3 })),
    ],
    rows: f.rows.map((x) => ({
      ...x,
      teInt: kInterval(x.lower, x.upper),
      rank: `${x.rank}/${x.of}`,
      potInt: `${bn(x.potentialLower)}-${bn(x.potentialUpper)}`,
      ...Object.fromEntries(x.kBenchmark.map((b, j) => [`k${j}`, b.k])),
    })),
    notes: [
      `TE = E[exp(-u) | e] (Battese and Coelli), the partner's trade as a share of the frontier; ` +
      `${level}% int. = Horrace-Schmidt bounds (quantiles of u given the partner's residuals, at ` +
      `the estimates: the estimates' own sampling error is not in them). Rank = the partner's TE ` +
      `among all partners of the fit that year (1 = highest).`,
      `Potential = actual / TE: what ${r.config.reporter} would trade with the partner at the ` +
      `frontier (its noise v included), with the interval mapped from TE's.`,
      `Paper K: the paper's Table 3; Study K: the in-sample K of Table 3; ` +
      fits.map((e) => `K-${estimatorLabel(e)}`).join(", ") +
      ` against the world benchmark (Table 3b).`,
    ],
  };
}

/**
 * The frontier's tables (none without a frontier section).
 *
 * @example
 * ```ts
 * frontierSpecs(result).map((s) => s.title);
 * ```
 */
export function frontierSpecs(r: StudyResult): TableSpec[] {
  return [frontierModelSpec(r), frontierEfficiencySpec(r)].filter((s) => s !== null);
}

/**
 * The frontier section as text, markdown or HTML: Tables 4 and 4b, then its reading in plain
 * words. Empty without a frontier section.
 *
 * @example
 * ```ts
 * console.log(formatFrontierSection(result, "text"));
 * ```
 */
export function formatFrontierSection(
  r: StudyResult,
  format: Exclude<TableFormat, "csv"> = "text",
): string {
  const f = r.frontier;
  if (!f) return "";
  const specs = frontierSpecs(r);
  if (format === "html") {
    return [
      ...specs.map((s) => formatTable(s, "html")),
      `<h3>${escapeXml("Reading the frontier")}</h3>`,
      htmlList(f.notes),
    ].join("\n");
  }
  return [
    ...specs.flatMap((s, i) => [...(i ? [""] : []), formatTable(s, format)]),
    "",
    format === "markdown" ? "**Reading the frontier**\n" : "Reading the frontier:",
    ...f.notes.map((n) => `  - ${n}`),
  ].join("\n");
}
