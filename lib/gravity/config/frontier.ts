/**
 * The `frontier` section of a study config: the stochastic frontier gravity model of the
 * reporter's trade with every partner (the China world panel), whose efficiencies and frontier
 * potential the study reports for its partners beside K.
 * @module
 */
import {
  BENCHMARK_TERMS,
  type BenchmarkTerm,
  CEPII_DISTANCES,
  type CepiiDistance,
} from "./benchmark.ts";
import { type ConfigKeys, configSection } from "./fields.ts";

/** Distributions of the one-sided error u the section can use. */
export const FRONTIER_INEFFICIENCIES = ["halfnormal", "truncnormal"] as const;
/** Efficiency measures: Battese-Coelli E[exp(-u) | e] or JLMS exp(-E[u | e]). */
export const FRONTIER_EFFICIENCIES = ["bc", "jlms"] as const;

/** The `frontier` section of a study config. */
export interface FrontierConfig {
  enabled: boolean;
  /** Years of the China world panel the frontier is fitted on (default 2010-2020). */
  years: { from: number; to: number };
  /** Regressors (default: the world benchmark's, every {@link BENCHMARK_TERMS}). */
  terms: BenchmarkTerm[];
  /** CEPII distance of ln_dist (default "dist"). */
  distance: CepiiDistance;
  /** Year effects in the frontier (default ["year"], as the benchmark; [] for none). */
  fixedEffects: "year"[];
  /** u half-normal (default) or truncated normal. */
  inefficiency: typeof FRONTIER_INEFFICIENCIES[number];
  /** Battese-Coelli (1992) u_it = exp(-eta (t - T_i)) u_i (default true; false: u_i constant). */
  timeVarying: boolean;
  /** Efficiency measure (default "bc", FRONTIER's). */
  efficiency: typeof FRONTIER_EFFICIENCIES[number];
  /** Level of the Horrace-Schmidt efficiency intervals (default 0.9). */
  level: number;
}

/** Defaults of the frontier section. */
export const FRONTIER_DEFAULTS: FrontierConfig = {
  enabled: true,
  years: { from: 2010, to: 2020 },
  terms: [...BENCHMARK_TERMS],
  distance: "dist",
  fixedEffects: ["year"],
  inefficiency: "halfnormal",
  timeVarying: true,
  efficiency: "bc",
  level: 0.9,
};

/** The keys of the `frontier` section (an unknown key is refused, the nearest suggested). */
export const FRONTIER_KEYS: ConfigKeys = Object.fromEntries(
  Object.keys(FRONTIER_DEFAULTS).map((k) => [k, "any"]),
);

/**
 * Check the `frontier` section of a config (null when absent or null), with one-line errors.
 *
 * @example
 * ```ts
 * parseFrontierConfig({ timeVarying: false })?.inefficiency; // "halfnormal"
 * ```
 */
export function parseFrontierConfig(raw: unknown, file = "study config"): FrontierConfig | null {
  if (raw === undefined || raw === null) return null;
  const s = configSection(file, raw, ["frontier"], FRONTIER_KEYS);
  const d = FRONTIER_DEFAULTS;
  // a list, possibly empty (no year effects)
  const fixedEffects = s.get("fixedEffects");
  return {
    enabled: s.get("enabled").bool(d.enabled),
    years: s.get("years").years(d.years),
    terms: s.get("terms").oneOfList(BENCHMARK_TERMS, d.terms),
    distance: s.get("distance").oneOf(CEPII_DISTANCES, d.distance),
    fixedEffects: fixedEffects.absent
      ? [...d.fixedEffects]
      : fixedEffects.items().map((x) => x.oneOf(["year"] as const)),
    inefficiency: s.get("inefficiency").oneOf(FRONTIER_INEFFICIENCIES, d.inefficiency),
    timeVarying: s.get("timeVarying").bool(d.timeVarying),
    efficiency: s.get("efficiency").oneOf(FRONTIER_EFFICIENCIES, d.efficiency),
    level: s.get("level").num(d.level, { gt: 0, lt: 1 }),
  };
}
