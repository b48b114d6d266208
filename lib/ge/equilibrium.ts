/**
 * The equilibrium of the one-sector Armington-CES model in changes ("hat algebra"). With
 * pi_ij = X_ij / E_j the baseline import shares, B_ij = exp(partial_ij) the change in trade costs
 * raised to -theta, w_i the change in the factory-gate price and Phi_j = P_j-hat^-theta:
 *
 *   w_i^(1+theta) Y_i = sum_j pi_ij B_ij E'_j / Phi_j            (goods markets clear)
 *   Phi_j             = sum_i pi_ij B_ij w_i^-theta               (CES price index)
 *   E'_j              = Y_j w_j + D_j (additive deficits: fixed in levels), or
 *                       lambda E_j w_j (multiplicative: fixed as a share of output, E_j = Y_j + D_j)
 *   numeraire: sum_i Y_i w_i = sum_i Y_i (world output), or P-hat of the reference country = 1
 *
 * With multiplicative deficits the world's expenditure sum_j E_j w_j need not equal its income
 * sum_j Y_j w_j (the deficits no longer sum to zero once prices move), and then no prices clear
 * every market. lambda = sum_j Y_j w_j / sum_j E_j w_j restores the world budget (the deficits
 * keep their shares of output up to one common factor). `ge_gravity` omits lambda: its prices,
 * price indexes and welfare are the same (a common factor in E' cancels in the numeraire), but its
 * flows are those here divided by lambda and fall short of each country's output by that factor
 * (1.55e-6 on its EU example).
 *
 * Solved in two stages. First the fixed point of Stata's `ge_gravity` (Zylkin; Baier, Yotov and
 * Zylkin 2019): w from the last E' and Phi, damped by the power 1 / (1 + theta), the numeraire,
 * then Phi and E' (O(N^2) a sweep). `ge_gravity` stops when no flow moves by more than 1e-8 in
 * logs between sweeps; that does not bound the error of the equations, and the fixed point
 * contracts slowly when theta is small or a country trades little. Here the sweeps go on while the
 * largest relative market-clearing error falls fast enough, down to `tolerance`; otherwise the
 * second stage takes Newton steps on the market-clearing equations themselves (in ln w,
 * with the analytic Jacobian, the numeraire in place of one equation by Walras' law, halving
 * steps that do not reduce the residual) until every country's relative market-clearing error,
 * |sum_j X'_ij / (w_i Y_i) - 1|, is at most `tolerance`. Phi and E' are recomputed from w at every
 * evaluation, so the price-index and deficit equations hold to rounding. Should Newton not get
 * there (it can stall far from the solution when theta is small and the cost changes large), the
 * cost change is scaled from 0 to 1 in adaptive steps, each solved by Newton from the last.
 * @module
 */
import { LuDecomposition, Matrix } from "ml-matrix";
import { InputError } from "../errors.ts";
import { checkDeficits, type Elasticity, referenceIndex, resolveTheta } from "./options.ts";
import type { Deficits, GeWorld } from "./types.ts";

/** Options of {@link exactEquilibrium}. */
export interface EquilibriumOptions extends Elasticity {
  /** Default "additive" (trade deficits fixed in levels, `ge_gravity`'s default). */
  deficits?: Deficits;
  /** ISO3 of the country whose consumer price index is held fixed; default: world output fixed. */
  reference?: string | null;
  /** Largest relative market-clearing error accepted (default 1e-12). */
  tolerance?: number;
  /** Fixed-point sweeps before the Newton stage at the latest (default 500). */
  maxSweeps?: number;
  /** Newton steps (default 200). */
  maxNewton?: number;
}

/** The solved equilibrium in changes (every array indexed by country; flows row-major). */
export interface ExactEquilibrium {
  theta: number;
  /** Baseline output Y_i (row sums) and expenditure E_j (column sums). */
  output: Float64Array;
  expenditure: Float64Array;
  /** Factory-gate price changes w_i. */
  w: Float64Array;
  /** Phi_j = P_j-hat^-theta. */
  phi: Float64Array;
  /** Counterfactual expenditure E'_j. */
  newExpenditure: Float64Array;
  /** Counterfactual flows X'_ij. */
  flows: Float64Array;
  /** B_ij = exp(partial_ij). */
  B: Float64Array;
  /** Fixed-point sweeps plus Newton steps. */
  iterations: number;
  sweeps: number;
  /** The sweep at which `ge_gravity`'s own rule (no flow moves by 1e-8 in logs) was met, if any. */
  geGravityStop: number | null;
  newtonSteps: number;
  /** Largest relative market-clearing error at the solution. */
  residual: number;
  converged: boolean;
  tolerance: number;
}

/** Check the partial effects: one finite value per cell. */
function checkPartial(N: number, partial: ArrayLike<number>) {
  if (partial.length !== N * N) {
    throw new InputError(
      `the partial effects need one value per pair (${N * N}), got ${partial.length}`,
    );
  }
  for (let c = 0; c < partial.length; c++) {
    if (!Number.isFinite(partial[c])) {
      throw new InputError(
        `the partial effect of pair ${Math.floor(c / N) + 1}-${(c % N) + 1} is not finite`,
      );
    }
  }
}

/** The model's fixed data: sizes, shares times cost changes, outputs, expenditures. */
interface Model {
  N: number;
  theta: number;
  A: Float64Array;
  Y: Float64Array;
  E: Float64Array;
  additive: boolean;
  ref: number;
  sumY: number;
}

/** Everything that follows from w: Phi, E', q = E'/Phi, S = sum_j A_ij q_j, residuals. */
interface State {
  w: Float64Array;
  wt: Float64Array;
  phi: Float64Array;
  Ep: Float64Array;
  q: Float64Array;
  S: Float64Array;
  /** ln(S_i / Y_i) - (1 + theta) ln w_i: ln of (sales / output) at these prices. */
  F: Float64Array;
  /** The numeraire's equation (0 when it holds). */
  G: number;
  /** max |exp(F_i) - 1| and |G|. */
  error: number;
  /** sum F_i^2 + G^2, the merit function of the Newton steps. */
  merit: number;
}

function evaluate(m: Model, w: Float64Array): State {
  const { N, A, theta } = m;
  const wt = w.map((v) => v ** -theta);
  const phi = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    const row = i * N, v = wt[i];
    for (let j = 0; j < N; j++) phi[j] += A[row + j] * v;
  }
  let lambda = 1;
  if (!m.additive) {
    let yw = 0, ew = 0;
    for (let j = 0; j < N; j++) (yw += m.Y[j] * w[j]), (ew += m.E[j] * w[j]);
    lambda = yw / ew;
  }
  const Ep = w.map((v, j) => (m.additive ? m.Y[j] * v + (m.E[j] - m.Y[j]) : lambda * m.E[j] * v));
  const q = Ep.map((v, j) => v / phi[j]);
  const S = new Float64Array(N), F = new Float64Array(N);
  let error = 0, merit = 0;
  for (let i = 0; i < N; i++) {
    let s = 0;
    const row = i * N;
    for (let j = 0; j < N; j++) s += A[row + j] * q[j];
    S[i] = s;
    F[i] = Math.log(s / m.Y[i]) - (1 + theta) * Math.log(w[i]);
    error = Math.max(error, Math.abs(Math.expm1(F[i])));
    merit += F[i] * F[i];
  }
  let G: number;
  if (m.ref >= 0) G = Math.log(phi[m.ref]);
  else {
    let yw = 0;
    for (let i = 0; i < N; i++) yw += m.Y[i] * w[i];
    G = Math.log(yw / m.sumY);
  }
  error = Math.max(error, Math.abs(G));
  merit += G * G;
  if (!Number.isFinite(error) || Ep.some((v) => !(v > 0))) {
    throw new InputError(
      Ep.some((v) => !(v > 0))
        ? `the GE solver failed: a country's expenditure turned negative (a deficit larger than its new output); try multiplicative deficits`
        : `the GE solver failed: a non-finite value`,
    );
  }
  return { w, wt, phi, Ep, q, S, F, G, error, merit };
}

/**
 * `ge_gravity`'s sweeps from w = 1, Phi = 1, E' = E (so its first sweep uses q = E / 1), until the
 * market-clearing error is at most `tol`, or until the error falls so slowly that Newton steps are
 * cheaper (fewer than 10% a sweep over the last ten, or over 200 more sweeps projected), or an
 * expenditure turns negative. Also records the sweep at which `ge_gravity` would have stopped.
 */
function sweeps(m: Model, maxSweeps: number, tol: number) {
  const { N, theta, A } = m;
  let w: Float64Array = new Float64Array(N).fill(1);
  let S: Float64Array = new Float64Array(N);
  for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) S[i] += A[i * N + j] * m.E[j];
  let lq: Float64Array = Float64Array.from(m.E, Math.log);
  const power = 1 / (1 + theta);
  let st: State = evaluate(m, w);
  let n = 0;
  let geGravityStop: number | null = null;
  const errors: number[] = [];
  while (n < maxSweeps && st.error > tol) {
    n++;
    const prevLw = w.map(Math.log);
    w = S.map((s, i) => (s / m.Y[i]) ** power);
    if (m.ref < 0) {
      let yw = 0;
      for (let i = 0; i < N; i++) yw += m.Y[i] * w[i];
      const k = m.sumY / yw;
      w = w.map((v) => v * k);
    } else {
      let pr = 0;
      for (let i = 0; i < N; i++) pr += A[i * N + m.ref] * w[i] ** -theta;
      const lambda = pr ** (1 / theta);
      w = w.map((v) => v * lambda);
    }
    let next: State;
    try {
      next = evaluate(m, w);
    } catch {
      break; // an expenditure went negative: leave it to Newton and continuation
    }
    // ge_gravity's rule: max_ij |change of ln X'_ij| = max_ij |a_i + b_j| <= 1e-8, bounded by
    // max(|max a + max b|, |min a + min b|)
    let aMax = -Infinity, aMin = Infinity, bMax = -Infinity, bMin = Infinity;
    for (let i = 0; i < N; i++) {
      const a = -theta * (Math.log(w[i]) - prevLw[i]);
      const b = Math.log(next.q[i]) - lq[i];
      aMax = Math.max(aMax, a), aMin = Math.min(aMin, a);
      bMax = Math.max(bMax, b), bMin = Math.min(bMin, b);
    }
    if (geGravityStop === null && Math.max(Math.abs(aMax + bMax), Math.abs(aMin + bMin)) <= 1e-8) {
      geGravityStop = n;
    }
    st = next;
    S = st.S;
    lq = st.q.map(Math.log);
    errors.push(st.error);
    if (n >= 20 && st.error > tol) {
      const rate = (st.error / errors[n - 11]) ** 0.1;
      if (!(rate < 0.9) && Math.log(tol / st.error) / Math.log(rate) > 200) break;
      if (!(rate < 1)) break;
    }
  }
  return { state: st, sweeps: n, geGravityStop };
}

/** One Newton direction in ln w: J d = -(F with one equation replaced by the numeraire's G). */
function newtonDirection(m: Model, st: State): Float64Array {
  const { N, A, theta } = m;
  // sigma_ij = A_ij q_j / S_i (i's sales shares); share_kj = A_kj wt_k / Phi_j (j's import
  // shares); J_ik = theta sum_j sigma_ij share_kj + sigma_ik e_k + d ln lambda / d ln w_k
  // - (1 + theta) [i = k], with e_k = d ln E'_k / d ln w_k (additive) and lambda's derivative
  // Y_k w_k / sum Y w - E_k w_k / sum E w (multiplicative; it enters every S_i once, as sales
  // shares sum to 1). Row-by-row dot products on flat arrays (the N^3 step).
  const sigma = new Float64Array(N * N), share = new Float64Array(N * N);
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) {
      sigma[i * N + j] = (A[i * N + j] * st.q[j]) / st.S[i];
      share[i * N + j] = (A[i * N + j] * st.wt[i]) / st.phi[j];
    }
  }
  let yw = 0, ew = 0;
  for (let k = 0; k < N; k++) (yw += m.Y[k] * st.w[k]), (ew += m.E[k] * st.w[k]);
  const own = new Float64Array(N), budget = new Float64Array(N);
  for (let k = 0; k < N; k++) {
    own[k] = m.additive ? (m.Y[k] * st.w[k]) / st.Ep[k] : 1;
    budget[k] = m.additive ? 0 : (m.Y[k] * st.w[k]) / yw - (m.E[k] * st.w[k]) / ew;
  }
  const J: number[][] = [];
  for (let i = 0; i < N; i++) {
    const row = new Array<number>(N);
    const si = i * N;
    for (let k = 0; k < N; k++) {
      const sk = k * N;
      let dot = 0;
      for (let j = 0; j < N; j++) dot += sigma[si + j] * share[sk + j];
      row[k] = theta * dot + sigma[si + k] * own[k] + budget[k] - (i === k ? 1 + theta : 0);
    }
    J.push(row);
  }
  // Walras: the largest market's equation follows from the others; the numeraire replaces it
  let drop = 0;
  for (let i = 1; i < N; i++) if (m.Y[i] * st.w[i] > m.Y[drop] * st.w[drop]) drop = i;
  const rhs = Array.from(st.F, (v) => -v);
  for (let k = 0; k < N; k++) {
    J[drop][k] = m.ref >= 0
      ? (-theta * A[k * N + m.ref] * st.wt[k]) / st.phi[m.ref]
      : (m.Y[k] * st.w[k]) / yw;
  }
  rhs[drop] = -st.G;
  const lu = new LuDecomposition(new Matrix(J));
  if (lu.isSingular()) throw new InputError(`the GE solver failed: a singular Jacobian`);
  return Float64Array.from(lu.solve(Matrix.columnVector(rhs)).getColumn(0));
}

/** Damped Newton steps from a state until the error is at most `tol` (or no step helps). */
function newton(
  m: Model,
  start: State,
  tol: number,
  maxSteps: number,
): { state: State; steps: number } {
  let st = start, steps = 0;
  while (st.error > tol && steps < maxSteps) {
    steps++;
    let d: Float64Array;
    try {
      d = newtonDirection(m, st);
    } catch {
      break;
    }
    // halve the step until it reduces the sum of squares (Newton's direction is a descent
    // direction for it; the max norm decides convergence)
    let t = 1, next: State | null = null;
    while (t > 1e-8) {
      let trial: State | null = null;
      try {
        trial = evaluate(m, st.w.map((v, i) => v * Math.exp(t * d[i])));
      } catch { /* a step out of the domain (negative expenditure): shorten it */ }
      if (trial && trial.merit < st.merit) {
        next = trial;
        break;
      }
      t /= 2;
    }
    if (!next) break; // no step reduces the residual
    st = next;
  }
  return { state: st, steps };
}

/**
 * Continuation: solve for the cost change scaled by t, from t = 0 (w = 1 solves it) to t = 1,
 * each stage by Newton from the last solution, the step in t halved when a stage fails.
 */
function continuation(
  modelAt: (t: number) => Model,
  tol: number,
): { state: State | null; steps: number } {
  let t = 0, h = 0.25, steps = 0;
  let w: Float64Array = new Float64Array(modelAt(0).N).fill(1);
  let last: State | null = null;
  while (t < 1 && h >= 1 / 4096) {
    const next = Math.min(1, t + h);
    const m = modelAt(next);
    let r: { state: State; steps: number } | null = null;
    try {
      r = newton(m, evaluate(m, w), tol, 50);
    } catch { /* the start is out of the domain: a shorter step */ }
    if (r) steps += r.steps;
    if (r && r.state.error <= tol) {
      t = next;
      w = r.state.w;
      last = r.state;
      h = Math.min(0.5, 2 * h);
    } else h /= 2;
  }
  return { state: t === 1 ? last : null, steps };
}

/**
 * Solve the counterfactual equilibrium in changes for a cost change `partial` (ln B_ij,
 * row-major; e.g. a coefficient times the change in a regressor): `ge_gravity`'s sweeps, Newton
 * steps, and, should those not converge (small theta with large cost changes), continuation in
 * the size of the cost change.
 *
 * @example
 * ```ts
 * const eq = exactEquilibrium(
 *   { countries: ["A", "B"], flows: Float64Array.of(5, 1, 2, 7) },
 *   Float64Array.of(0, 0.2, 0.2, 0),
 *   { theta: 4 },
 * );
 * eq.w; // factory-gate price changes
 * ```
 */
export function exactEquilibrium(
  world: GeWorld,
  partial: ArrayLike<number>,
  options: EquilibriumOptions,
): ExactEquilibrium {
  const theta = resolveTheta(options);
  const deficits = checkDeficits(options.deficits ?? "additive");
  const N = world.countries.length;
  const ref = referenceIndex(world.countries, options.reference);
  checkPartial(N, partial);
  const tol = options.tolerance ?? 1e-12;
  const X = world.flows;
  const Y = new Float64Array(N), E = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) {
      Y[i] += X[i * N + j];
      E[j] += X[i * N + j];
    }
  }
  const sumY = Y.reduce((a, b) => a + b, 0);
  const modelAt = (t: number): Model => {
    const A = new Float64Array(N * N);
    for (let i = 0; i < N; i++) {
      for (let j = 0; j < N; j++) {
        A[i * N + j] = (X[i * N + j] / E[j]) * Math.exp(t * partial[i * N + j]);
      }
    }
    return { N, theta, A, Y, E, additive: deficits === "additive", ref, sumY };
  };
  const m = modelAt(1);
  const first = sweeps(m, options.maxSweeps ?? 500, tol);
  const polished = newton(m, first.state, tol, options.maxNewton ?? 200);
  let st = polished.state, steps = polished.steps;
  if (st.error > tol) {
    const c = continuation(modelAt, tol);
    steps += c.steps;
    if (c.state && c.state.error < st.error) st = c.state;
  }
  const A = m.A;
  const flows = new Float64Array(N * N);
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) flows[i * N + j] = A[i * N + j] * st.wt[i] * st.q[j];
  }
  return {
    theta,
    output: Y,
    expenditure: E,
    w: st.w,
    phi: st.phi,
    newExpenditure: st.Ep,
    flows,
    B: Float64Array.from(partial, Math.exp),
    iterations: first.sweeps + steps,
    sweeps: first.sweeps,
    geGravityStop: first.geGravityStop,
    newtonSteps: steps,
    residual: st.error,
    converged: st.error <= tol,
    tolerance: tol,
  };
}
