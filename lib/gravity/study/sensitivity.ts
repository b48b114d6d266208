/**
 * Sensitivity of the study to its dependent variable: the same equation estimated once per
 * variant named in the config (e.g. China-reported trade only, and with the partner-reported
 * mirror fill), side by side: N, every coefficient with its SE, the agreement with the paper,
 * and the share of K classes that change between the first two variants.
 * @module
 */
import type { StudyConfig } from "../config/study.ts";
import type { PotentialRow } from "../potential/k.ts";
import type { GravityPanel, PotentialClass } from "../types.ts";

/** One variant: a label and the panel variable used as the dependent variable. */
export interface SensitivityVariant {
  label: string;
  dependent: string;
  note?: string;
}

/** The part of a study result a variant needs (what `runGravityStudy` returns). */
export interface VariantRun {
  regression: {
    estimable: boolean;
    reason?: string;
    nComplete: number;
    fit: {
      n: number;
      r2: number;
      /** `p` (two-sided) is kept when the run has it. */
      coefficients: { term: string; estimate: number; stdError: number; p?: number }[];
    } | null;
  };
  potential: (PotentialRow & { outOfSample?: boolean })[];
  paper: {
    comparison: {
      signAgreement: { agree: number; compared: number };
      classAgreement: { agree: number; compared: number };
    };
  } | null;
}

/** One estimated variant (a column of the sensitivity table). */
export interface SensitivityColumn {
  label: string;
  dependent: string;
  note: string;
  /** False when the dependent variable is not a panel variable (nothing estimated). */
  inPanel: boolean;
  estimable: boolean;
  reason: string;
  /** Observations used (0 when not estimable). */
  n: number;
  r2: number | null;
  /**
   * Term -> estimate and SE, intercept as "_cons" (null where not estimated), and the p-value
   * where the run reported one (for the stars of the side-by-side table).
   */
  coefficients: { term: string; estimate: number | null; stdError: number | null; p?: number }[];
  /** K and class per country-year that has a K. */
  classes: { country: string; year: number; k: number; class: PotentialClass | null }[];
  /** Dependent cells in the estimation sample whose panel flag is not "observed", by flag. */
  flaggedCells: Record<string, number>;
  signAgreement: { agree: number; compared: number } | null;
  classAgreement: { agree: number; compared: number } | null;
}

/** The sensitivity table (plain JSON). */
export interface SensitivityResult {
  terms: string[];
  variants: SensitivityColumn[];
  /** K classes of the first two variants, over the country-years both classify. */
  classChange: {
    changed: number;
    compared: number;
    /** changed / compared (null when nothing is compared). */
    share: number | null;
    cells: { country: string; year: number; from: PotentialClass; to: PotentialClass }[];
  };
}

/**
 * Run the study once per variant (`run` gets the config with the variant's dependent variable
 * and must not itself run a sensitivity analysis) and lay the results side by side.
 *
 * @example
 * ```ts
 * const s = sensitivityAnalysis(config, panel, [
 *   { label: "China-reported", dependent: "trade_goods_usd" },
 *   { label: "mirror fill", dependent: "trade_goods_usd_mirror_fill" },
 * ], (c) => runGravityStudy(c, panel));
 * s.classChange.share; // e.g. 0.25
 * ```
 */
export function sensitivityAnalysis(
  config: StudyConfig,
  panel: GravityPanel,
  variants: SensitivityVariant[],
  run: (config: StudyConfig) => VariantRun,
): SensitivityResult {
  const terms = [...config.terms.map((t) => t.name), "_cons"];
  const vars = new Set(panel.variables.map((v) => v.name));
  const columns = variants.map((v): SensitivityColumn => {
    const base: SensitivityColumn = {
      label: v.label,
      dependent: v.dependent,
      note: v.note ?? "",
      inPanel: vars.has(v.dependent),
      estimable: false,
      reason: "",
      n: 0,
      r2: null,
      coefficients: terms.map((term) => ({ term, estimate: null, stdError: null })),
      classes: [],
      flaggedCells: {},
      signAgreement: null,
      classAgreement: null,
    };
    if (!base.inPanel) {
      base.reason = `"${v.dependent}" is not a panel variable (not in data/; run deno task import)`;
      return base;
    }
    const r = run({ ...config, dependent: { variable: v.dependent, note: v.note } });
    return { ...base, ...describeRun(r, v.dependent, panel, terms) };
  });
  return { terms, variants: columns, classChange: classChange(columns[0], columns[1]) };
}

function describeRun(
  r: VariantRun,
  dependent: string,
  panel: GravityPanel,
  terms: string[],
): Partial<SensitivityColumn> {
  const fit = r.regression.fit;
  const byTerm = new Map(
    (fit?.coefficients ?? []).map((c) => [c.term === "(Intercept)" ? "_cons" : c.term, c]),
  );
  const flagged: Record<string, number> = {};
  for (const p of r.potential) {
    if (!p.inSample) continue;
    const f = panel.flags?.[`${p.country}|${p.year}|${dependent}`];
    if (f && f !== "observed") flagged[f] = (flagged[f] ?? 0) + 1;
  }
  return {
    estimable: r.regression.estimable,
    reason: r.regression.estimable ? "" : r.regression.reason ?? "",
    n: fit?.n ?? 0,
    r2: fit?.r2 ?? null,
    coefficients: terms.map((term) => {
      const c = byTerm.get(term);
      return {
        term,
        estimate: c?.estimate ?? null,
        stdError: c?.stdError ?? null,
        ...(c?.p !== undefined ? { p: c.p } : {}),
      };
    }),
    classes: r.potential.filter((p) => p.k !== null).map((p) => ({
      country: p.country,
      year: p.year,
      k: p.k as number,
      class: p.class,
    })),
    flaggedCells: flagged,
    signAgreement: fit ? r.paper?.comparison.signAgreement ?? null : null,
    classAgreement: fit ? r.paper?.comparison.classAgreement ?? null : null,
  };
}

function classChange(
  a: SensitivityColumn | undefined,
  b: SensitivityColumn | undefined,
): SensitivityResult["classChange"] {
  const cells: SensitivityResult["classChange"]["cells"] = [];
  let compared = 0;
  if (a && b) {
    const other = new Map(b.classes.map((c) => [`${c.country}|${c.year}`, c.class]));
    for (const c of a.classes) {
      const to = other.get(`${c.country}|${c.year}`);
      if (!c.class || !to) continue;
      compared++;
      if (to !== c.class) cells.push({ country: c.country, year: c.year, from: c.class, to });
    }
  }
  return {
    changed: cells.length,
    compared,
    share: compared ? cells.length / compared : null,
    cells,
  };
}
