/**
 * The `benchmark` section of a study config: the world benchmark of K (terms, estimators, years,
 * distance, where the raw files are).
 * @module
 */
import { type ConfigKeys, configSection } from "./fields.ts";

/** Regressors the benchmark can use (all from the China world panel). */
export const BENCHMARK_TERMS = [
  "ln_gdp",
  "ln_pop",
  "ln_dist",
  "contig",
  "comlang_off",
  "colony",
  "landlocked",
] as const;
/** One benchmark regressor. */
export type BenchmarkTerm = typeof BENCHMARK_TERMS[number];
/** Estimators of the benchmark. */
export const BENCHMARK_ESTIMATORS = ["ols", "ppml"] as const;
/** One estimator of the benchmark. */
export type BenchmarkEstimator = typeof BENCHMARK_ESTIMATORS[number];
/** The CEPII distances ln_dist can use: most populated cities, capitals, population-weighted. */
export const CEPII_DISTANCES = ["dist", "distcap", "distw"] as const;
/** One CEPII distance. */
export type CepiiDistance = typeof CEPII_DISTANCES[number];

/** The `benchmark` section of a study config. */
export interface BenchmarkConfig {
  enabled: boolean;
  /** Directory of the raw files (DOTS, WDI, CEPII), default "../shared/data/raw". */
  raw: string;
  years: { from: number; to: number };
  /** Leave the study's partners out of the fit (default true). */
  outOfSample: boolean;
  estimators: BenchmarkEstimator[];
  terms: BenchmarkTerm[];
  /** CEPII distance used by ln_dist: "dist" (most populated cities, default), "distcap", "distw". */
  distance: CepiiDistance;
  /** Fixed effects: year (the reporter's own GDP and population are absorbed by them). */
  fixedEffects: "year"[];
}

/** Defaults of the benchmark section. */
export const BENCHMARK_DEFAULTS: BenchmarkConfig = {
  enabled: true,
  raw: "../shared/data/raw",
  years: { from: 2010, to: 2020 },
  outOfSample: true,
  estimators: ["ols", "ppml"],
  terms: [...BENCHMARK_TERMS],
  distance: "dist",
  fixedEffects: ["year"],
};

/** The keys of the `benchmark` section (an unknown key is refused, the nearest suggested). */
export const BENCHMARK_KEYS: ConfigKeys = Object.fromEntries(
  Object.keys(BENCHMARK_DEFAULTS).map((k) => [k, "any"]),
);

/**
 * Check the `benchmark` section of a config (null when absent or null), with one-line errors.
 *
 * @example
 * ```ts
 * parseBenchmarkConfig({ outOfSample: false })?.estimators; // ["ols", "ppml"]
 * ```
 */
export function parseBenchmarkConfig(raw: unknown, file = "study config"): BenchmarkConfig | null {
  if (raw === undefined || raw === null) return null;
  const s = configSection(file, raw, ["benchmark"], BENCHMARK_KEYS);
  const d = BENCHMARK_DEFAULTS;
  return {
    enabled: s.get("enabled").bool(d.enabled),
    raw: s.get("raw").str(d.raw),
    years: s.get("years").years(d.years),
    outOfSample: s.get("outOfSample").bool(d.outOfSample),
    estimators: s.get("estimators").oneOfList(BENCHMARK_ESTIMATORS, d.estimators),
    terms: s.get("terms").oneOfList(BENCHMARK_TERMS, d.terms),
    distance: s.get("distance").oneOf(CEPII_DISTANCES, d.distance),
    fixedEffects: s.get("fixedEffects").oneOfList(["year"] as const, d.fixedEffects),
  };
}
