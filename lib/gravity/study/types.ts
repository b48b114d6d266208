/**
 * What the study returns: one plain JSON-serialisable object (`StudyResult`) and its parts.
 * Renderers read these types; nothing here computes.
 * @module
 */
import type { StudyConfig } from "../config/study.ts";
import type { CbecIndexResult } from "../equation/cbec_index.ts";
import type { ForecastResult } from "../forecast/run.ts";
import type { PotentialRow } from "../potential/k.ts";
import type { KUncertaintyFields } from "../potential/intervals.ts";
import type { KDefinitionUse } from "../potential/definition.ts";
import type { StudyUncertainty } from "../potential/study_intervals.ts";
import type { PaperComparison, PaperTables } from "./paper.ts";
import type { SensitivityResult } from "./sensitivity.ts";
import type { DesignRow, PotentialClass } from "../types.ts";
import type { BenchmarkResult } from "../world/benchmark.ts";
import type { StructuralResult } from "../world/structural.ts";
import type { CounterfactualResult } from "../world/counterfactual.ts";
import type { RegressionJson } from "../../stats/linear/ols_json.ts";
import type { StudyFrontier } from "./frontier.ts";

/** One line of Table 1: a variable, its source and its coverage in the study window. */
export interface CoverageRow {
  /** "dependent", a term name, or "cbec indicator". */
  role: string;
  variable: string;
  formation: string;
  meaning: string;
  unit: string;
  source: string;
  proxy: string;
  /** Partner-years with a value / partner-years in the study. */
  partnerYears: { present: number; total: number };
  /** Reporter years with a value (null when the term does not use the reporter). */
  reporterYears: { present: number; total: number } | null;
  /** Missing cells, compact: "TKM 2015-2022; TJK 2017-2022". */
  missing: string;
  /** Cells in the window flagged interpolated, extrapolated or rebased by the importer. */
  filled: number;
}

/** The `fit` command's JSON plus fitted values and residuals. */
export type StudyFit = RegressionJson & { fitted: number[]; residuals: number[]; rows: number[] };

/** The regression part of the result. */
export interface StudyRegression {
  estimable: boolean;
  /** Why not (when estimable is false). */
  reason?: string;
  dependent: string;
  /** Country-years with the dependent variable and every term. */
  nComplete: number;
  /** Coefficients to estimate (terms + intercept). */
  kCoefficients: number;
  /**
   * The fit when estimable: the JSON of the `fit` command, plus the fitted values, residuals
   * and input row of each observation used (so K can be recomputed).
   */
  fit: StudyFit | null;
  /** Country-year of each row of the fit, in fit order. */
  sample: { country: string; year: number }[];
}

/** One coefficient of ours, its significance, and the paper's estimate when there is one. */
export interface CoefficientFinding {
  /** Term name; the intercept is `_cons` (the paper's Table 2 name). */
  term: string;
  estimate: number;
  stdError: number;
  p: number;
  /** p below the significance level (`SIGNIFICANCE` of findings.ts). */
  significant: boolean;
  /** The paper's estimate and p, its significance, and whether the signs agree (null without it). */
  paper: { estimate: number; p: number; significant: boolean; sameSign: boolean } | null;
}

/** One later section's headline (benchmark, structural K, sensitivity, forecast, ...). */
export interface SectionHeadline {
  /** The section's key in the result ("benchmark", "forecast", ...). */
  section: string;
  headline: string;
}

/** Counts out of a number compared. */
export interface Agreement {
  agree: number;
  compared: number;
}

/** What the study found (plain JSON). */
export interface StudyFindings {
  /** Significance level used (`SIGNIFICANCE` of findings.ts, 0.05). */
  level: number;
  sample: {
    /** Partner-years in the study window. */
    partnerYears: number;
    /** Partner-years in the regression (0 without one). */
    n: number;
    /** First and last year of the regression sample (null without one). */
    years: { from: number; to: number } | null;
    partners: number;
  };
  /** R2, adjusted R2 and the SE type of our fit (null when not estimable). */
  fit: { r2: number; adjR2: number; se: string } | null;
  /** Why there is no fit (null when there is one). */
  reason: string | null;
  coefficients: CoefficientFinding[];
  /**
   * Agreement with the paper: signs, classes, and the paper's significant coefficients that are
   * significant here with the same sign (null without the paper).
   */
  paper: { signs: Agreement; classes: Agreement; significant: Agreement } | null;
  /** Our K classes: counts, how many K there are, how many have a probable class. */
  classes: {
    counts: Record<PotentialClass, number>;
    n: number;
    /** K whose class has probability >= `PROBABLE_CLASS` (0.9; null without intervals). */
    probable: number | null;
  };
  /** One headline per later section present, in report order. */
  sections: SectionHeadline[];
  /** The findings in plain sentences, in reading order (what the summary and report print). */
  sentences: string[];
}

/** Everything the study produces (plain JSON). */
export interface StudyResult {
  config: StudyConfig;
  data: {
    partnerYears: number;
    coverage: CoverageRow[];
    /** Dependent variable present (and > 0). */
    withDependent: number;
    /** Rows of the design with every piece present. */
    complete: number;
    /** Every partner-year left out of the regression, with what is missing. */
    excluded: { country: string; year: number; missing: string[] }[];
    design: DesignRow[];
  };
  pca: CbecIndexResult;
  regression: StudyRegression;
  potential: (PotentialRow & { outOfSample: boolean } & Partial<KUncertaintyFields>)[];
  potentialNote: string;
  /** How the in-sample K applies config.potential.definition, with its factor (null: no fit). */
  kDefinition: KDefinitionUse | null;
  /** How the K intervals and class probabilities were computed (null when not computed). */
  uncertainty?: StudyUncertainty | null;
  /** K against the world benchmark (null when not configured or the world panel is absent). */
  benchmark?: BenchmarkResult | null;
  /** The structural world K (null when not configured or not computed). */
  structural?: StructuralResult | null;
  /** The stochastic frontier on the world panel (null when not configured or no world panel). */
  frontier?: StudyFrontier | null;
  /** The general-equilibrium counterfactuals (null when not configured or no world). */
  counterfactual?: CounterfactualResult | null;
  warnings: string[];
  paper: (PaperTables & { comparison: PaperComparison }) | null;
  /** Short honest sentences on why our results differ from the paper's. */
  differences: string[];
  /** Out-of-time validation and scenario projections (null unless `forecast: true`). */
  forecast: ForecastResult | null;
  /** The same equation on each dependent variable of `config.sensitivity` (null without one). */
  sensitivity: SensitivityResult | null;
  /**
   * What the study found, read off the parts above (`studyFindings`): the sample and fit, the
   * significant coefficients and the paper's agreement, the K classes, a headline per section.
   */
  findings: StudyFindings;
}
