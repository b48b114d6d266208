/**
 * Shapes the gravity study works on. `GravityPanel` is the structural contract of the tidy panel
 * (`lib/data/panel.ts` `Panel`), restated here so the study does not depend on how it is loaded.
 * @module
 */

/** One variable of the panel's data dictionary. */
export interface PanelVariable {
  name: string;
  meaning?: string;
  unit?: string;
  source?: string;
  file?: string;
  indicator?: string;
  vintage?: string;
  /** True (or a description) when the variable is a proxy for what the model asks for. */
  proxy?: boolean | string;
  note?: string;
}

/** One country-year row of the panel; NaN marks a missing value. */
export interface PanelRow {
  iso3: string;
  year: number;
  values: Record<string, number>;
}

/** A country-year panel (the contract of `loadPanel`). */
export interface GravityPanel {
  countries: string[];
  years: number[];
  variables: PanelVariable[];
  rows: PanelRow[];
  /** Provenance per cell, keyed `${iso3}|${year}|${variable}` (optional). */
  flags?: Record<string, string>;
}

/** Trade-potential classes (paper's words: huge potential, expanding potential, re-modelling). */
export type PotentialClass = "huge" | "expanding" | "remodelling";

/**
 * How a bilateral term is formed from reporter i and partner j:
 * `product` ln(x_i x_j) = ln x_i + ln x_j; `partner` ln x_j; `reporter` ln x_i; `ratio` ln(x_j / x_i);
 * `bilateral` the variable is already bilateral (stored on the partner's row), ln x_ij;
 * `sum` x_i + x_j and `difference` x_j - x_i (for unlogged terms such as the CBEC composite).
 */
export type Formation =
  | "product"
  | "partner"
  | "reporter"
  | "ratio"
  | "bilateral"
  | "sum"
  | "difference";

/** The variable name that stands for the PCA composite of the CBEC indicators. */
export const CBEC_INDEX = "cbec_index";

/** One regressor of the gravity equation. */
export interface TermSpec {
  /** Term name as printed (e.g. "ln_pgdp"); matches the paper's term keys in data/paper/. */
  name: string;
  /** Panel variable (or `cbec_index` for the PCA composite). */
  variable: string;
  formation: Formation;
  /** Take the natural log (default true; must be false for the CBEC composite, which can be < 0). */
  log?: boolean;
  /** A note printed with the term (e.g. why a proxy is used). */
  note?: string;
}

/** PCA retention rule of the CBEC composite. */
export type Retention =
  | { rule: "kaiser" }
  | { rule: "first" }
  | { rule: "cumulative"; share: number };

/** K definitions: level ratio, level ratio with Duan smearing, or the paper-compatible log ratio. */
export type KDefinition = "level" | "smearing" | "log-ratio";

/** One partner-year of the design: dependent value, term values and what is missing. */
export interface DesignRow {
  country: string;
  year: number;
  /** Dependent variable in levels (null when missing or not positive). */
  actual: number | null;
  /** ln(actual) (null when actual is null). */
  y: number | null;
  /** Term values by term name (null when missing). */
  x: Record<string, number | null>;
  /** Human-readable reasons for every missing piece (dependent and terms). */
  missing: string[];
  /** True when y and every term exist (the row enters the regression). */
  complete: boolean;
  /** True when every term exists (a prediction is possible). */
  predictable: boolean;
}

/** Thresholds of the classes. */
export interface Thresholds {
  huge: number;
  remodelling: number;
}
