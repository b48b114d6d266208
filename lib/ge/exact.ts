/**
 * The `exact` method: the counterfactual equilibrium of the one-sector Armington-CES model in
 * changes (the model of Stata's `ge_gravity`; solver in equilibrium.ts), the conditional
 * equilibrium (outputs and expenditures fixed; conditional.ts), and every country's changes.
 * @module
 */
import { conditionalFlows } from "./conditional.ts";
import { type EquilibriumOptions, exactEquilibrium } from "./equilibrium.ts";
import type { GeCountry, GeResult, GeWorld } from "./types.ts";

/** Options of {@link geExact}: those of the equilibrium solver. */
export type ExactOptions = EquilibriumOptions;

/** Percent change (null when the baseline is 0). */
export const percentChange = (after: number, before: number): number | null =>
  before === 0 ? null : (after / before - 1) * 100;

/** Sum of a row of a row-major matrix without its diagonal cell. */
export function offDiagonalSum(m: Float64Array, N: number, i: number): number {
  let s = 0;
  for (let j = 0; j < N; j++) if (j !== i) s += m[i * N + j];
  return s;
}

/**
 * The `exact` counterfactual: solve the equilibrium in changes, the conditional equilibrium
 * (outputs and expenditures fixed) and report every country's changes and the new flows.
 * Welfare is E'_i / E_i / P-hat_i with additive deficits (`ge_gravity`'s definition) and the
 * real wage w_i / P-hat_i with multiplicative ones; real GDP is w_i / P-hat_i in both.
 *
 * @example
 * ```ts
 * const r = geExact(
 *   { countries: ["A", "B"], flows: Float64Array.of(5, 1, 2, 7) },
 *   Float64Array.of(0, 0.2, 0.2, 0),
 *   { theta: 4 },
 * );
 * r.countries[0].welfare; // > 1: cheaper trade
 * ```
 */
export function geExact(
  world: GeWorld,
  partial: ArrayLike<number>,
  options: ExactOptions,
): GeResult {
  const eq = exactEquilibrium(world, partial, options);
  const { theta, w, phi, output: Y, expenditure: E, newExpenditure: Ep } = eq;
  const N = world.countries.length;
  const cond = conditionalFlows(N, world.flows, eq.B, { tolerance: 1e-12 });
  const deficits = options.deficits ?? "additive";
  const countries: GeCountry[] = world.countries.map((country, i) => {
    const P = phi[i] ** (-1 / theta);
    // Pi-hat_i^-theta = sum_j (X_ij / Y_i) B_ij E-hat_j / Phi_j
    let s = 0;
    for (let j = 0; j < N; j++) {
      s += (world.flows[i * N + j] * eq.B[i * N + j] * (Ep[j] / E[j])) / phi[j];
    }
    const outward = (s / Y[i]) ** (-1 / theta);
    const before = offDiagonalSum(world.flows, N, i);
    return {
      country,
      welfare: deficits === "additive" ? Ep[i] / E[i] / P : w[i] / P,
      realGdpChange: (w[i] / P - 1) * 100,
      priceChange: (w[i] - 1) * 100,
      inwardResistanceChange: (P - 1) * 100,
      outwardResistanceChange: (outward - 1) * 100,
      exportsChange: percentChange(offDiagonalSum(eq.flows, N, i), before),
      exportsChangeConditional: percentChange(offDiagonalSum(cond.flows, N, i), before),
    };
  });
  const notes: string[] = [];
  if (!eq.converged) {
    notes.push(
      `not converged: after ${eq.iterations} iterations the largest market-clearing error is ` +
        `${eq.residual.toExponential(2)} (tolerance ${eq.tolerance})`,
    );
  }
  if (!cond.converged) notes.push(`the conditional equilibrium did not converge`);
  return {
    method: "exact",
    theta,
    deficits,
    reference: options.reference ?? null,
    iterations: eq.iterations,
    converged: eq.converged,
    tolerance: eq.tolerance,
    countries,
    flows: geFlowList(world, eq.flows, world.flows),
    notes,
  };
}

/**
 * The flows of a result: every pair, baseline and counterfactual.
 *
 * @example
 * ```ts
 * geFlowList({ countries: ["A"], flows: Float64Array.of(3) }, Float64Array.of(4), Float64Array.of(3));
 * // [{ exporter: "A", importer: "A", baseline: 3, counterfactual: 4 }]
 * ```
 */
export function geFlowList(
  world: GeWorld,
  after: Float64Array,
  before: Float64Array,
): GeResult["flows"] {
  const N = world.countries.length;
  const out: GeResult["flows"] = [];
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) {
      out.push({
        exporter: world.countries[i],
        importer: world.countries[j],
        baseline: before[i * N + j],
        counterfactual: after[i * N + j],
      });
    }
  }
  return out;
}
