/**
 * The study end to end: coverage (Table 1), CBEC index by PCA, the gravity regression
 * (Table 2), trade potential K (Table 3) and the comparison with the paper. Returns one plain
 * JSON-serialisable object; never throws on thin data (it says what cannot be estimated).
 * @module
 */
import { ols } from "../../stats/linear/ols.ts";
import { regressionJson } from "../../stats/linear/ols_json.ts";
import { cbecIndex } from "../equation/cbec_index.ts";
import { comparePaper, type PaperTables } from "./paper.ts";
import type { StudyConfig } from "../config/study.ts";
import { LOG_RATIO_WARNING, potentialTable } from "../potential/k.ts";
import { buildDesign, panelLookup } from "../equation/terms.ts";
import type { GravityPanel } from "../types.ts";
import { runForecast } from "../forecast/run.ts";
import { type BenchmarkResult, type PpmlEstimator, runBenchmark } from "../world/benchmark.ts";
import type { ChinaWorldPanel } from "../world/china_world.ts";
import type { StructuralResult } from "../world/structural.ts";
import { type StudyUncertainty, studyUncertainty } from "../potential/study_intervals.ts";
import { sensitivityAnalysis } from "./sensitivity.ts";
import type { CoverageRow, StudyRegression, StudyResult } from "./types.ts";
import { CBEC_INDEX } from "../types.ts";

function ranges(years: number[]): string {
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

function coverageTable(config: StudyConfig, panel: GravityPanel): CoverageRow[] {
  const get = panelLookup(panel);
  const info = new Map(panel.variables.map((v) => [v.name, v]));
  const years: number[] = [];
  for (let y = config.years.from; y <= config.years.to; y++) years.push(y);
  const row = (
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
      if (miss.length) missingParts.push(`${c} ${ranges(miss)}`);
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

/** Options of {@link runGravityStudy}. */
export interface StudyOptions {
  /** The paper's tables (from `loadPaperTables`) to compare with. */
  paper?: PaperTables;
  /**
   * Run the forecast section: out-of-time validation and scenarios (default false; the study
   * command turns it on).
   */
  forecast?: boolean;
  /** The China world panel, for the benchmark (config.benchmark). */
  world?: ChinaWorldPanel;
  /** The PPML estimator of the benchmark (lib/stats), when available. */
  ppml?: PpmlEstimator;
  /** The structural world fit (computed, and cached, by the caller: it is heavy). */
  structural?: StructuralResult;
}

/**
 * Run the whole study on a panel. Never throws on thin data: when the regression cannot be
 * estimated the result says so (regression.estimable = false, with the reason) and the
 * coverage, PCA and paper tables are still there.
 *
 * @example
 * ```ts
 * const { config, panel } = syntheticStudy({ spread: 0 });
 * const result = runGravityStudy(config, panel);
 * result.regression.fit?.coefficients; // the true coefficients
 * ```
 */
export function runGravityStudy(
  config: StudyConfig,
  panel: GravityPanel,
  options: StudyOptions = {},
): StudyResult {
  const pcaResult = cbecIndex(config, panel);
  const warnings = cbecWarnings(config, pcaResult);
  const cbecMap = new Map(pcaResult.composite.map((c) => [`${c.country}|${c.year}`, c.value]));
  const design = buildDesign(config, panel, cbecMap);
  const complete = design.filter((r) => r.complete);
  const regression = estimateRegression(config, design, complete, warnings);
  const { coefficients, potential: pointPotential } = studyPotential(config, design, regression);
  const { uncertainty, potential } = studyIntervals(
    config,
    design,
    complete,
    regression,
    pointPotential,
    warnings,
  );
  const benchmark = studyBenchmark(config, options, warnings);
  if (config.potential.definition === "log-ratio") warnings.push(LOG_RATIO_WARNING);
  const potentialNote = {
    level: "K = actual / exp(fitted)",
    smearing: "K = actual / (exp(fitted) x mean(exp(residuals))) (Duan's smearing)",
    "log-ratio": "K = ln(actual) / fitted (paper-compatible log ratio; unit-dependent)",
  }[config.potential.definition];
  const paper = studyPaper(config, options.paper, regression, coefficients, potential);
  const excluded = design.filter((r) => !r.complete).map((r) => ({
    country: r.country,
    year: r.year,
    missing: r.missing,
  }));
  const result: StudyResult = {
    config,
    data: {
      partnerYears: design.length,
      coverage: coverageTable(config, panel),
      withDependent: design.filter((r) => r.actual !== null).length,
      complete: complete.length,
      excluded,
      design,
    },
    pca: pcaResult,
    regression,
    potential,
    potentialNote,
    uncertainty,
    benchmark,
    structural: config.structural?.enabled ? options.structural ?? null : null,
    warnings,
    paper,
    differences: [],
    forecast: options.forecast ? runForecast(config, panel) : null,
    sensitivity: studySensitivity(config, panel, options),
  };
  result.differences = explainDifferences(result, panel);
  return result;
}

/** The warnings about the CBEC index: it failed, or a term uses the reporter's index that is not built. */
function cbecWarnings(config: StudyConfig, pcaResult: StudyResult["pca"]): string[] {
  const warnings: string[] = [];
  const usesCbec = config.terms.some((t) => t.variable === CBEC_INDEX);
  if (usesCbec && !pcaResult.ok) warnings.push(`CBEC index: ${pcaResult.reason}`);
  if (usesCbec) {
    const cbecTerm = config.terms.find((t) => t.variable === CBEC_INDEX)!;
    if (cbecTerm.formation !== "partner" && !config.cbec.includeReporter) {
      warnings.push(
        `term ${cbecTerm.name} uses the reporter's CBEC index but cbec.includeReporter is false, ` +
          `so it is missing everywhere`,
      );
    }
  }
  return warnings;
}

/**
 * Fit the OLS regression on the complete rows of the design, or say why it cannot be estimated
 * (too few rows, or the fit failed). Appends its warnings to `warnings`.
 */
function estimateRegression(
  config: StudyConfig,
  design: StudyResult["data"]["design"],
  complete: StudyResult["data"]["design"],
  warnings: string[],
): StudyRegression {
  const kCoefficients = config.terms.length + 1;
  const terms = config.terms.map((t) => t.name);
  const regression: StudyRegression = {
    estimable: false,
    dependent: config.dependent.variable,
    nComplete: complete.length,
    kCoefficients,
    fit: null,
    sample: complete.map((r) => ({ country: r.country, year: r.year })),
  };
  if (complete.length <= kCoefficients) {
    const termMissing = terms.filter((t) => design.every((r) => r.x[t] === null));
    regression.reason = `the regression cannot be estimated: ${complete.length} country-years ` +
      `have the dependent variable and every term, k = ${kCoefficients} coefficients ` +
      `(need N > k)` +
      (complete.length && complete.length <= 12
        ? ` [${complete.map((r) => `${r.country} ${r.year}`).join(", ")}]`
        : "") +
      (termMissing.length ? `; missing in every country-year: ${termMissing.join(", ")}` : "");
    return regression;
  }
  try {
    const fit = ols(
      complete.map((r) => r.y as number),
      terms.map((t) => ({ name: t, values: complete.map((r) => r.x[t] as number) })),
      {
        intercept: true,
        se: config.se,
        ...(config.se === "cluster" ? { cluster: complete.map((r) => r.country) } : {}),
      },
    );
    regression.fit = {
      ...regressionJson(fit),
      fitted: fit.fitted,
      residuals: fit.residuals,
      rows: fit.rows,
    };
    regression.estimable = true;
    regression.sample = fit.rows.map((i) => ({
      country: complete[i].country,
      year: complete[i].year,
    }));
    if (fit.dfResidual <= 0) {
      warnings.push("the regression has no residual degrees of freedom: no inference");
    }
  } catch (e) {
    regression.reason = `the regression cannot be estimated: ${
      (e as Error).message.split("\n")[0]
    }`;
  }
  return regression;
}

/** The fitted coefficients by term and the point K table (empty when there is no fit). */
function studyPotential(
  config: StudyConfig,
  design: StudyResult["data"]["design"],
  regression: StudyRegression,
): { coefficients: Record<string, number>; potential: StudyResult["potential"] } {
  const coefficients: Record<string, number> = {};
  let potential: StudyResult["potential"] = [];
  if (regression.fit) {
    for (const c of regression.fit.coefficients) coefficients[c.term] = c.estimate;
    potential = potentialTable(design, coefficients, {
      definition: config.potential.definition,
      thresholds: config.potential.thresholds,
      residuals: regression.fit.residuals,
    }).map((r) => ({ ...r, outOfSample: !r.inSample }));
  }
  return { coefficients, potential };
}

/**
 * The K intervals and class probabilities (config.uncertainty), merged into the K table; the
 * table is returned unchanged when they are off or there is no inference. Appends its warnings.
 */
function studyIntervals(
  config: StudyConfig,
  design: StudyResult["data"]["design"],
  complete: StudyResult["data"]["design"],
  regression: StudyRegression,
  potential: StudyResult["potential"],
  warnings: string[],
): { uncertainty: StudyUncertainty | null; potential: StudyResult["potential"] } {
  if (!(regression.fit && config.uncertainty.enabled && regression.fit.dfResidual > 0)) {
    return { uncertainty: null, potential };
  }
  const uncertainty = studyUncertainty(
    design,
    regression.fit.rows.map((i) => complete[i]),
    regression.fit.coefficients,
    regression.fit.residuals,
    { ...config.potential, uncertainty: config.uncertainty },
  );
  warnings.push(...uncertainty.warnings);
  const byKey = uncertainty.byKey;
  return {
    uncertainty,
    potential: potential.map((p) => ({
      ...p,
      ...(byKey[`${p.country}|${p.year}`] ??
        { kLower: null, kUpper: null, classProbabilities: null }),
    })),
  };
}

/** The China world benchmark (config.benchmark, given the world panel), or null. Appends its warnings. */
function studyBenchmark(
  config: StudyConfig,
  options: StudyOptions,
  warnings: string[],
): BenchmarkResult | null {
  if (!(config.benchmark?.enabled && options.world)) return null;
  const benchmark = runBenchmark(options.world, config.benchmark, {
    partners: config.partners,
    thresholds: config.potential.thresholds,
    uncertainty: config.uncertainty,
    ...(options.ppml ? { ppml: options.ppml } : {}),
  });
  for (const f of benchmark.fits) {
    if (!f.ok) warnings.push(`benchmark ${f.estimator}: ${f.reason}`);
    warnings.push(...f.warnings.map((w) => `benchmark ${f.estimator}: ${w}`));
  }
  return benchmark;
}

/** The paper's tables with our comparison (coefficients renamed to Stata's `_cons`), or null. */
function studyPaper(
  config: StudyConfig,
  tables: PaperTables | undefined,
  regression: StudyRegression,
  coefficients: Record<string, number>,
  potential: StudyResult["potential"],
): StudyResult["paper"] {
  if (!tables) return null;
  const ours: Record<string, number> | null = regression.fit ? {} : null;
  if (ours) {
    for (const [t, b] of Object.entries(coefficients)) {
      ours[t === "(Intercept)" ? "_cons" : t] = b;
    }
  }
  return {
    ...tables,
    comparison: comparePaper(tables, ours, potential, config.potential.thresholds),
  };
}

/**
 * The sensitivity table (config.sensitivity), or null: each variant is a full study run without
 * the world benchmark, the structural fit, the K intervals and the forecast.
 */
function studySensitivity(
  config: StudyConfig,
  panel: GravityPanel,
  options: StudyOptions,
): StudyResult["sensitivity"] {
  return config.sensitivity
    ? sensitivityAnalysis(
      config,
      panel,
      config.sensitivity.variants,
      // the variants need neither the world benchmark nor the K intervals
      (c) =>
        runGravityStudy(
          {
            ...c,
            sensitivity: undefined,
            benchmark: null,
            structural: null,
            uncertainty: { ...c.uncertainty, enabled: false },
          },
          panel,
          { ...options, forecast: false },
        ),
    )
    : null;
}

function explainDifferences(r: StudyResult, panel: GravityPanel): string[] {
  const out: string[] = [];
  const dep = panel.variables.find((v) => v.name === r.config.dependent.variable);
  const depProxy = dep?.proxy ? " (a PROXY)" : "";
  out.push(
    `Data: the paper's dependent variable (China's CBEC trade with each country) has no named ` +
      `source; we use ${r.config.dependent.variable}${depProxy}, present for ` +
      `${r.data.withDependent} of ${r.data.partnerYears} partner-years, against the paper's ` +
      `unpublished, interpolated panel.`,
  );
  if (r.paper) {
    const ours = new Set([...r.config.terms.map((t) => t.name), "_cons"]);
    const absent = r.paper.table2.map((p) => p.term).filter((t) => !ours.has(t));
    const extra = r.config.terms.map((t) => t.name).filter((t) =>
      !r.paper!.table2.some((p) => p.term === t)
    );
    if (absent.length || extra.length) {
      out.push(
        `Model: this config's equation is not the paper's equation (2)` +
          (absent.length ? `; the paper's ${absent.join(", ")} are not in it` : "") +
          (extra.length ? `; ours adds ${extra.join(", ")}` : "") + ".",
      );
    }
  }
  const proxies = r.data.coverage.filter((c) => c.proxy).map((c) => `${c.variable} (${c.role})`);
  if (proxies.length) out.push(`Proxies: ${proxies.join(", ")} stand in for missing series.`);
  if (!r.regression.estimable) {
    out.push(
      `No regression: ${r.regression.nComplete} complete country-years for ` +
        `${r.regression.kCoefficients} coefficients, so no Table 2 or Table 3 of ours; the ` +
        `paper's N is not reported.`,
    );
  }
  const negative = r.paper?.table3.filter((p) => p.k !== null && p.k < 0).length ?? 0;
  if (negative) {
    out.push(
      `Definition: ${negative} of the paper's K values are negative, which actual/predicted ` +
        `(two positive volumes) cannot give; only ln(actual)/fitted can, and that ratio depends on ` +
        `the unit of trade. Our default is the level ratio.`,
    );
  }
  return out;
}
