/**
 * The `benchmark` section of a study config: the world benchmark of K (terms, estimators, years,
 * distance, where the raw files are).
 * @module
 */
import { InputError } from "../../errors.ts";

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
export type BenchmarkEstimator = "ols" | "ppml";

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
  distance: "dist" | "distcap" | "distw";
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

/**
 * Check the `benchmark` section of a config (null when absent), with one-line errors.
 *
 * @example
 * ```ts
 * parseBenchmarkConfig({ outOfSample: false })?.estimators; // ["ols", "ppml"]
 * ```
 */
export function parseBenchmarkConfig(raw: unknown, file = "study config"): BenchmarkConfig | null {
  if (raw === undefined || raw === null) return null;
  const fail = (m: string): never => {
    throw new InputError(`${file}: ${m}`);
  };
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    fail('"benchmark" must be an object');
  }
  const o = raw as Record<string, unknown>;
  const known = Object.keys(BENCHMARK_DEFAULTS);
  for (const k of Object.keys(o)) {
    if (!known.includes(k)) fail(`"benchmark.${k}" is not a known field (${known.join(", ")})`);
  }
  const d = BENCHMARK_DEFAULTS;
  const bool = (k: "enabled" | "outOfSample") => {
    if (o[k] === undefined) return d[k];
    if (typeof o[k] !== "boolean") fail(`"benchmark.${k}" must be true or false`);
    return o[k] as boolean;
  };
  const list = <T extends string>(k: string, allowed: readonly T[], def: T[]): T[] => {
    const v = o[k] ?? def;
    if (!Array.isArray(v) || v.length === 0) fail(`"benchmark.${k}" must be a non-empty list`);
    for (const x of v as unknown[]) {
      if (!allowed.includes(x as T)) {
        fail(`"benchmark.${k}": "${x}" is not one of ${allowed.join(", ")}`);
      }
    }
    return [...v as T[]];
  };
  const y = (o.years ?? d.years) as Record<string, unknown>;
  if (
    typeof y !== "object" || !Number.isInteger(y.from) || !Number.isInteger(y.to) ||
    (y.from as number) > (y.to as number)
  ) fail('"benchmark.years" must be {"from": year, "to": year} with from <= to');
  const distance = (o.distance ?? d.distance) as BenchmarkConfig["distance"];
  if (!["dist", "distcap", "distw"].includes(distance)) {
    fail(`"benchmark.distance" "${distance}" is not dist, distcap or distw`);
  }
  if (o.raw !== undefined && (typeof o.raw !== "string" || o.raw === "")) {
    fail('"benchmark.raw" must be a directory path');
  }
  return {
    enabled: bool("enabled"),
    raw: (o.raw as string | undefined) ?? d.raw,
    years: { from: y.from as number, to: y.to as number },
    outOfSample: bool("outOfSample"),
    estimators: list("estimators", ["ols", "ppml"] as const, d.estimators),
    terms: list("terms", BENCHMARK_TERMS, d.terms),
    distance,
    fixedEffects: list("fixedEffects", ["year"] as const, d.fixedEffects),
  };
}
