/**
 * Options shared by both GE methods and their checks: the trade elasticity (theta, or sigma =
 * theta + 1), the numeraire country, and the deficits rule. Each problem is a one-line InputError.
 * @module
 */
import { InputError } from "../errors.ts";
import type { Deficits } from "./types.ts";

/** The trade elasticity: theta > 0, or the elasticity of substitution sigma = theta + 1 > 1. */
export interface Elasticity {
  /** Trade elasticity theta (> 0). Give this or sigma. */
  theta?: number;
  /** Elasticity of substitution sigma (> 1); theta = sigma - 1. */
  sigma?: number;
}

/**
 * Theta from `{ theta }` or `{ sigma }` (exactly one), checked.
 *
 * @example
 * ```ts
 * resolveTheta({ sigma: 7 }); // 6
 * ```
 */
export function resolveTheta(e: Elasticity): number {
  if (e.theta !== undefined && e.sigma !== undefined) {
    throw new InputError(`give the trade elasticity as theta or as sigma, not both`);
  }
  if (e.theta === undefined && e.sigma === undefined) {
    throw new InputError(`the trade elasticity is needed: theta (> 0) or sigma (> 1)`);
  }
  if (e.sigma !== undefined) {
    if (!(Number.isFinite(e.sigma) && e.sigma > 1)) {
      throw new InputError(`sigma must be a number > 1 (got ${e.sigma}); theta = sigma - 1 > 0`);
    }
    return e.sigma - 1;
  }
  if (!(Number.isFinite(e.theta) && e.theta! > 0)) {
    throw new InputError(`theta must be a number > 0 (got ${e.theta})`);
  }
  return e.theta!;
}

/**
 * Index of the reference country, or -1 for none; an unknown code is a one-line InputError.
 *
 * @example
 * ```ts
 * referenceIndex(["AUS", "DEU"], "DEU"); // 1
 * ```
 */
export function referenceIndex(countries: string[], reference: string | undefined | null): number {
  if (reference === undefined || reference === null || reference === "") return -1;
  const k = countries.indexOf(reference);
  if (k < 0) {
    const list = countries.length > 12
      ? `${countries.slice(0, 12).join(", ")}, ... (${countries.length} countries)`
      : countries.join(", ");
    throw new InputError(`reference country "${reference}" is not in the flow matrix (${list})`);
  }
  return k;
}

/**
 * The deficits rule, checked.
 *
 * @example
 * ```ts
 * checkDeficits("additive"); // "additive"
 * ```
 */
export function checkDeficits(d: string): Deficits {
  if (d !== "additive" && d !== "multiplicative") {
    throw new InputError(`deficits "${d}" is not one of additive, multiplicative`);
  }
  return d;
}
