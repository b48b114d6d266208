/**
 * The CBEC development index: PCA of the standardized CBEC indicators over the study's
 * country-years; components retained by a rule (eigenvalue > 1 by default); composite =
 * sum over retained components of (eigenvalue share among the retained) x component score.
 * @module
 */
import { pca } from "../../stats/pca.ts";
import type { PcaResult } from "../../stats/types.ts";
import type { StudyConfig } from "../config/study.ts";
import { panelLookup } from "./terms.ts";
import type { GravityPanel } from "../types.ts";
import type { Retention } from "../types.ts";

/** The CBEC index and the PCA behind it (plain JSON). */
export interface CbecIndexResult {
  ok: boolean;
  /** Why the index could not be built (when ok is false). */
  reason?: string;
  indicators: string[];
  retention: Retention;
  /** Country-years in the PCA sample, complete ones used. */
  sampleSize: number;
  n: number;
  /** Country-years left out because an indicator is missing there, with the missing names. */
  excluded: { country: string; year: number; missing: string[] }[];
  /** Per indicator (all configured): country-years in the sample that have it. */
  coverage: { indicator: string; present: number }[];
  /** Indicators dropped for coverage below `cbec.minCoverage` (not in `indicators`). */
  dropped: { indicator: string; present: number }[];
  eigenvalues: number[];
  proportion: number[];
  cumulative: number[];
  /** Number of retained components and their weights (eigenvalue share among the retained). */
  retained: number;
  weights: number[];
  /** loadings[v][c], each component oriented so that its loadings sum to >= 0. */
  loadings: number[][];
  kmo: { overall: number; perVariable: number[] } | null;
  bartlett: { chi2: number; df: number; p: number } | null;
  /** The composite per country-year of the PCA sample that is complete. */
  composite: { country: string; year: number; value: number }[];
}

/**
 * How many components a rule keeps: kaiser = eigenvalue > 1 (at least one), first = 1,
 * cumulative = the fewest whose cumulative proportion reaches `share`.
 *
 * @example
 * ```ts
 * retainedCount([2.5, 1.2, 0.3], [0.625, 0.925, 1], { rule: "kaiser" }); // 2
 * ```
 */
export function retainedCount(
  eigenvalues: number[],
  cumulative: number[],
  retention: Retention,
): number {
  if (retention.rule === "first") return 1;
  if (retention.rule === "kaiser") return Math.max(1, eigenvalues.filter((e) => e > 1).length);
  const i = cumulative.findIndex((c) => c >= retention.share - 1e-12);
  return i < 0 ? eigenvalues.length : i + 1;
}

/**
 * The composite from a PCA result: orient each component so its loadings sum to >= 0 (so a
 * higher index means more development on balance; when they sum to ~0, the first largest
 * loading is made positive), keep `retained` components, and weight
 * each score by its eigenvalue's share among the retained.
 *
 * @example
 * ```ts
 * const { weights, values } = compositeFromPca(pca(columns), 1);
 * // one component: weights [1], values = first component scores
 * ```
 */
export function compositeFromPca(
  result: PcaResult,
  retained: number,
): { weights: number[]; values: number[]; loadings: number[][]; signs: number[] } {
  const nc = result.eigenvalues.length;
  const signs = Array.from({ length: nc }, (_, c) => {
    const col = result.loadings.map((row) => row[c]);
    const s = col.reduce((a, v) => a + v, 0);
    if (Math.abs(s) > 1e-9) return s < 0 ? -1 : 1;
    // loadings sum to ~0: make the first largest (in absolute value) loading positive
    const max = Math.max(...col.map(Math.abs));
    const first = col.find((v) => Math.abs(v) >= max - 1e-9) ?? 1;
    return first < 0 ? -1 : 1;
  });
  const loadings = result.loadings.map((row) => row.map((v, c) => v * signs[c]));
  const kept = result.eigenvalues.slice(0, retained);
  const total = kept.reduce((a, b) => a + b, 0);
  const weights = kept.map((e) => e / total);
  const values = result.scores.map((s) => weights.reduce((a, w, c) => a + w * signs[c] * s[c], 0));
  return { weights, values, loadings, signs };
}

/**
 * Build the CBEC index for a study: PCA sample = partners (and the reporter when
 * `config.cbec.includeReporter`) x years; rows missing any indicator are excluded and listed.
 * Never throws on thin data: `ok: false` with a reason instead.
 *
 * @example
 * ```ts
 * const idx = cbecIndex(config, panel);
 * idx.ok ? idx.composite : idx.reason;
 * ```
 */
export function cbecIndex(config: StudyConfig, panel: GravityPanel): CbecIndexResult {
  const get = panelLookup(panel);
  const countries = config.cbec.includeReporter
    ? [config.reporter, ...config.partners]
    : config.partners;
  const sample: { country: string; year: number }[] = [];
  for (const country of countries) {
    for (let year = config.years.from; year <= config.years.to; year++) {
      sample.push({ country, year });
    }
  }
  const allColumns = config.cbec.indicators.map((name) => ({
    name,
    values: sample.map((s) => get(s.country, s.year, name)),
  }));
  const coverage = allColumns.map((c) => ({
    indicator: c.name,
    present: c.values.filter((v) => !Number.isNaN(v)).length,
  }));
  const minPresent = config.cbec.minCoverage * sample.length;
  const dropped = coverage.filter((c) => c.present < minPresent);
  const columns = allColumns.filter((_, v) => coverage[v].present >= minPresent);
  const indicators = columns.map((c) => c.name);
  const excluded = sample.flatMap((s, i) => {
    const missing = indicators.filter((_, v) => Number.isNaN(columns[v].values[i]));
    return missing.length ? [{ ...s, missing }] : [];
  });
  const base: CbecIndexResult = {
    ok: false,
    indicators,
    retention: config.cbec.retention,
    sampleSize: sample.length,
    n: sample.length - excluded.length,
    excluded,
    coverage,
    dropped,
    eigenvalues: [],
    proportion: [],
    cumulative: [],
    retained: 0,
    weights: [],
    loadings: [],
    kmo: null,
    bartlett: null,
    composite: [],
  };
  if (indicators.length < 2) {
    return { ...base, reason: `the PCA needs at least 2 indicators (${indicators.length} left)` };
  }
  if (base.n <= indicators.length) {
    return {
      ...base,
      reason: `the PCA cannot be computed: ${base.n} of ${sample.length} country-years have ` +
        `all ${indicators.length} indicators (need more than ${indicators.length})`,
    };
  }
  let result: PcaResult;
  try {
    result = pca(columns, { scale: true });
  } catch (e) {
    return {
      ...base,
      reason: `the PCA cannot be computed: ${(e as Error).message.split("\n")[0]}`,
    };
  }
  const retained = retainedCount(result.eigenvalues, result.cumulative, config.cbec.retention);
  const { weights, values, loadings } = compositeFromPca(result, retained);
  const finite = (x: number) => (Number.isFinite(x) ? x : NaN);
  return {
    ...base,
    ok: true,
    n: result.n,
    eigenvalues: result.eigenvalues,
    proportion: result.proportion,
    cumulative: result.cumulative,
    retained,
    weights,
    loadings,
    kmo: {
      overall: finite(result.kmo.overall),
      perVariable: result.kmo.perVariable.map(finite),
    },
    bartlett: result.bartlett,
    composite: result.rows.map((r, i) => ({ ...sample[r], value: values[i] })),
  };
}
