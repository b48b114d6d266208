/**
 * The `uncertainty` section of a study config: how K's intervals and class probabilities are
 * simulated (level, draws, seed, covariance).
 * @module
 */
import { type ConfigKeys, configSection } from "./fields.ts";

/** CoefficientCovariance types the simulation can use (cluster = CR1 by partner). */
export type UncertaintySe = "classical" | "hc1" | "cluster";

/** The `uncertainty` section of a study config. */
export interface UncertaintyConfig {
  /** Compute intervals and class probabilities (default true). */
  enabled: boolean;
  /** Coverage of the interval (default 0.9). */
  level: number;
  /** Simulation draws (default 2000). */
  draws: number;
  /** Seed of the PRNG (xoroshiro128+ from pure-rand); same seed, same results. */
  seed: number;
  /**
   * Coefficient covariance: "cluster" (CR1 by partner, default), "hc1" or "classical". With
   * fewer partner clusters than coefficients + 1 the cluster covariance is rank-deficient and
   * "hc1" is used instead (stated in the warnings).
   */
  se: UncertaintySe;
  /** Add the residual variance (log-OLS only): a prediction interval, not K's (default false). */
  residual: boolean;
}

/** Defaults of the `uncertainty` config section. */
export const UNCERTAINTY_DEFAULTS: UncertaintyConfig = {
  enabled: true,
  level: 0.9,
  draws: 2000,
  seed: 20240601,
  se: "cluster",
  residual: false,
};

const SES: UncertaintySe[] = ["classical", "hc1", "cluster"];

/** The keys of the `uncertainty` section (an unknown key is refused, the nearest suggested). */
export const UNCERTAINTY_KEYS: ConfigKeys = {
  enabled: "any",
  level: "any",
  draws: "any",
  seed: "any",
  se: "any",
  residual: "any",
};

/**
 * Check the `uncertainty` section of a config and fill defaults (one-line InputErrors).
 *
 * @example
 * ```ts
 * parseUncertaintyConfig({ level: 0.95 }).draws; // 2000
 * ```
 */
export function parseUncertaintyConfig(raw: unknown, file = "study config"): UncertaintyConfig {
  if (raw === undefined) return { ...UNCERTAINTY_DEFAULTS };
  const s = configSection(file, raw, ["uncertainty"], UNCERTAINTY_KEYS);
  const d = UNCERTAINTY_DEFAULTS;
  return {
    enabled: s.get("enabled").bool(d.enabled),
    level: s.get("level").num(d.level, { gt: 0, lt: 1 }),
    draws: s.get("draws").int(d.draws, { ge: 100 }),
    seed: s.get("seed").int(d.seed),
    se: s.get("se").oneOf(SES, d.se),
    residual: s.get("residual").bool(d.residual),
  };
}
