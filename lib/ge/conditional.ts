/**
 * Conditional general equilibrium: trade costs change, outputs and expenditures stay as they
 * were, and only the multilateral resistances adjust. The new flows X_ij B_ij / (Omega_i Phi_j)
 * must keep every row sum (output Y_i) and column sum (expenditure E_j): the biproportional fit
 * (iterative proportional fitting), which is also what PPML with exporter and importer fixed
 * effects and the new costs as an offset returns.
 * @module
 */

/** Options of {@link conditionalFlows}. */
export interface ConditionalOptions {
  /** Stop when no resistance moves by more than this (in logs) in a sweep (default 1e-13). */
  tolerance?: number;
  /** Sweeps before giving up (default 100000). */
  maxIterations?: number;
}

/** Conditional-GE flows and the sweeps they took. */
export interface ConditionalSolution {
  /** New flows, row-major N x N. */
  flows: Float64Array;
  /** Omega_i = Pi_i^-theta hat and Phi_j = P_j^-theta hat (normalised: Phi of country 0 is 1). */
  omega: Float64Array;
  phi: Float64Array;
  iterations: number;
  converged: boolean;
}

/**
 * Flows after a cost change B (exp of the partial effect, row-major) with outputs and
 * expenditures held fixed.
 *
 * @example
 * ```ts
 * const c = conditionalFlows(2, Float64Array.of(5, 1, 2, 7), Float64Array.of(1, 2, 2, 1));
 * c.flows; // row sums 6 and 9, column sums 7 and 8, as before
 * ```
 */
export function conditionalFlows(
  N: number,
  flows: Float64Array,
  B: Float64Array,
  options: ConditionalOptions = {},
): ConditionalSolution {
  const tol = options.tolerance ?? 1e-13;
  const maxIter = options.maxIterations ?? 100000;
  const Y = new Float64Array(N), E = new Float64Array(N);
  const A = new Float64Array(N * N);
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) {
      const x = flows[i * N + j];
      Y[i] += x;
      E[j] += x;
      A[i * N + j] = x * B[i * N + j];
    }
  }
  const omega = new Float64Array(N).fill(1), phi = new Float64Array(N).fill(1);
  const colSum = new Float64Array(N);
  let iterations = 0, converged = false;
  while (iterations < maxIter && !converged) {
    iterations++;
    let move = 0;
    for (let i = 0; i < N; i++) {
      let s = 0;
      for (let j = 0; j < N; j++) s += A[i * N + j] / phi[j];
      const next = s / Y[i];
      move = Math.max(move, Math.abs(Math.log(next / omega[i])));
      omega[i] = next;
    }
    colSum.fill(0);
    for (let i = 0; i < N; i++) {
      const inv = 1 / omega[i];
      for (let j = 0; j < N; j++) colSum[j] += A[i * N + j] * inv;
    }
    for (let j = 0; j < N; j++) {
      const next = colSum[j] / E[j];
      move = Math.max(move, Math.abs(Math.log(next / phi[j])));
      phi[j] = next;
    }
    // normalise (Phi_0 = 1): the flows do not depend on it, the convergence test then does not
    // chase a drifting common factor
    const c = phi[0];
    for (let j = 0; j < N; j++) phi[j] /= c;
    for (let i = 0; i < N; i++) omega[i] *= c;
    converged = move <= tol;
  }
  const out = new Float64Array(N * N);
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) out[i * N + j] = A[i * N + j] / (omega[i] * phi[j]);
  }
  return { flows: out, omega, phi, iterations, converged };
}
