/**
 * The study end to end: the CBEC index by PCA, coverage (Table 1, coverage.ts), the gravity
 * regression (Table 2, regression.ts), trade potential K (Table 3, potential.ts), the world
 * benchmark, the stochastic frontier (frontier.ts), the comparison with the paper (paper.ts), the
 * sensitivity table, the forecast, why the results differ (differences.ts) and the
 * general-equilibrium counterfactuals. Returns one plain JSON-serialisable object; never throws on
 * thin data (it says what cannot be estimated).
 * @module
 */
import { cbecIndex } from "../equation/cbec_index.ts";
import { comparePaper, type PaperTables } from "./paper.ts";
import type { StudyConfig } from "../config/study.ts";
import { LOG_RATIO_WARNING } from "../potential/k.ts";
import { buildDesign } from "../equation/terms.ts";
import type { GravityPanel } from "../types.ts";
import { runForecast } from "../forecast/run.ts";
import { type BenchmarkResult, type PpmlEstimator, runBenchmark } from "../world/benchmark.ts";
import type { ChinaWorldPanel } from "../world/china_world.ts";
import { restateStructural, type StructuralResult } from "../world/structural.ts";
import { runWorldFrontier, type WorldFrontier } from "../world/frontier.ts";
import { studyFrontier } from "./frontier.ts";
import { type CounterfactualResult, runCounterfactual } from "../world/counterfactual.ts";
import type { GeBaseline } from "../world/ge_world.ts";
import { sensitivityAnalysis } from "./sensitivity.ts";
import { coverageTable } from "./coverage.ts";
import { estimateRegression } from "./regression.ts";
import { potentialNote, studyIntervals, studyPotential } from "./potential.ts";
import { explainDifferences } from "./differences.ts";
import { studyFindings } from "./findings.ts";
import type { StudyRegression, StudyResult } from "./types.ts";
import { CBEC_INDEX } from "../types.ts";

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
  /**
   * The world frontier fit (config.frontier), when the caller has it (cached); else it is
   * fitted here from `world`.
   */
  frontier?: WorldFrontier;
  /** The counterfactuals' baseline world (config.counterfactual; built and cached by the caller). */
  geBaseline?: GeBaseline;
  /** The counterfactuals solved (cached by the caller); else solved here on `geBaseline`. */
  counterfactual?: CounterfactualResult;
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
  const { coefficients, potential: pointPotential, kDefinition } = studyPotential(
    config,
    design,
    regression,
  );
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
  const paper = studyPaper(config, options.paper, regression, coefficients, potential);
  const excluded = design.filter((r) => !r.complete).map((r) => ({
    country: r.country,
    year: r.year,
    missing: r.missing,
  }));
  const result: Omit<StudyResult, "findings"> = {
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
    potentialNote: potentialNote(config.potential.definition),
    kDefinition,
    uncertainty,
    benchmark,
    structural: studyStructural(config, options.structural),
    warnings,
    paper,
    differences: [],
    forecast: options.forecast ? runForecast(config, panel) : null,
    sensitivity: studySensitivity(config, panel, options),
  };
  result.differences = explainDifferences(result, panel);
  if (config.frontier) result.frontier = frontierSection(config, options, result);
  if (config.counterfactual) result.counterfactual = counterfactualSection(config, options, result);
  return { ...result, findings: studyFindings(result) };
}

/**
 * The frontier section (config.frontier enabled, with the world fit given or the world panel to
 * fit it on), or null. Appends the world fit's warnings to the study's.
 */
function frontierSection(
  config: StudyConfig,
  options: StudyOptions,
  result: Omit<StudyResult, "findings">,
): StudyResult["frontier"] {
  const fc = config.frontier;
  if (!fc?.enabled) return null;
  const world = options.frontier ??
    (options.world ? runWorldFrontier(options.world, fc, { partners: config.partners }) : null);
  if (!world) return null;
  if (!world.ok) result.warnings.push(`frontier: ${world.reason}`);
  result.warnings.push(...world.warnings.map((w) => `frontier: ${w}`));
  return studyFrontier(world, result);
}

/**
 * The counterfactual section (config.counterfactual enabled, with the solution given or the
 * baseline world to solve it on, the trade costs from the structural fit), or null. Appends a
 * warning when it could not be computed or a solution did not converge.
 */
function counterfactualSection(
  config: StudyConfig,
  options: StudyOptions,
  result: Omit<StudyResult, "findings">,
): StudyResult["counterfactual"] {
  const cf = config.counterfactual;
  if (!cf?.enabled) return null;
  const s = result.structural;
  const section = options.counterfactual ?? (options.geBaseline
    ? runCounterfactual(
      options.geBaseline,
      cf,
      s?.ok ? s.coefficients : null,
      s ? s.reason : "the structural section was not fitted",
    )
    : null);
  if (!section) return null;
  if (!section.ok) result.warnings.push(`counterfactual: ${section.reason}`);
  for (const sc of section.scenarios) {
    for (const note of sc.result?.notes ?? []) {
      result.warnings.push(`counterfactual ${sc.scenario.name}: ${note}`);
    }
  }
  return section;
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
    definition: config.potential.definition,
    ...(options.ppml ? { ppml: options.ppml } : {}),
  });
  for (const f of benchmark.fits) {
    if (!f.ok) warnings.push(`benchmark ${f.estimator}: ${f.reason}`);
    warnings.push(...f.warnings.map((w) => `benchmark ${f.estimator}: ${w}`));
  }
  return benchmark;
}

/**
 * The structural K (config.structural, given the fit), read under the study's one K definition,
 * thresholds and uncertainty settings whatever the fit was computed with; null otherwise.
 */
function studyStructural(
  config: StudyConfig,
  structural: StructuralResult | undefined,
): StructuralResult | null {
  if (!(config.structural?.enabled && structural)) return null;
  return restateStructural(structural, {
    thresholds: config.potential.thresholds,
    definition: config.potential.definition,
    uncertainty: config.uncertainty,
  });
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
            ...(c.frontier === undefined ? {} : { frontier: null }),
            ...(c.counterfactual === undefined ? {} : { counterfactual: null }),
            uncertainty: { ...c.uncertainty, enabled: false },
          },
          panel,
          { ...options, forecast: false },
        ),
    )
    : null;
}
