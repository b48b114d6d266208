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
