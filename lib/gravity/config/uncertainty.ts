/**
 * The `uncertainty` section of a study config: how K's intervals and class probabilities are
 * simulated (level, draws, seed, covariance).
 * @module
 */
import { InputError } from "../../errors.ts";

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
  const fail = (m: string): never => {
    throw new InputError(`${file}: ${m}`);
  };
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    fail('"uncertainty" must be an object');
  }
  const o = raw as Record<string, unknown>;
  const known = ["enabled", "level", "draws", "seed", "se", "residual"];
  for (const key of Object.keys(o)) {
    if (!known.includes(key)) {
      fail(`"uncertainty.${key}" is not a known field (${known.join(", ")})`);
    }
  }
  const d = UNCERTAINTY_DEFAULTS;
  const level = o.level ?? d.level;
  if (typeof level !== "number" || !(level > 0 && level < 1)) {
    fail('"uncertainty.level" must be a number between 0 and 1');
  }
  const draws = o.draws ?? d.draws;
  if (typeof draws !== "number" || !Number.isInteger(draws) || draws < 100) {
    fail('"uncertainty.draws" must be an integer >= 100');
  }
  const seed = o.seed ?? d.seed;
  if (typeof seed !== "number" || !Number.isInteger(seed)) {
    fail('"uncertainty.seed" must be an integer');
  }
  const se = (o.se ?? d.se) as UncertaintySe;
  if (!SES.includes(se)) fail(`"uncertainty.se" "${se}" is not one of ${SES.join(", ")}`);
  for (const b of ["enabled", "residual"]) {
    if (o[b] !== undefined && typeof o[b] !== "boolean") {
      fail(`"uncertainty.${b}" must be true or false`);
    }
  }
  return {
    enabled: (o.enabled as boolean | undefined) ?? d.enabled,
    level: level as number,
    draws: draws as number,
    seed: seed as number,
    se,
    residual: (o.residual as boolean | undefined) ?? d.residual,
  };
}
