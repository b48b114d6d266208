/**
 * The stochastic frontier log-likelihood and its analytic gradient, in FRONTIER's
 * parameterisation theta = (beta, delta, sigmaSq, gamma, mu, eta) with sigmaSq = s2v + s2u and
 * gamma = s2u / sigmaSq.
 *
 * One formula covers every model. For a unit i with residuals e_t = y_t - x_t'b, weights
 * h_t = exp(-eta (t - T_i)) (1 without eta) and u ~ N+(mu_i, s2u) (mu_i = 0 half-normal, mu
 * truncated normal, z_i'delta inefficiency effects with one row per unit), Battese and Coelli
 * (1992) give
 *
 *   ln L_i = -T/2 ln 2pi - (T-1)/2 ln s2v - 1/2 ln D + ln Phi(a) - ln Phi(b)
 *            - 1/2 (e'e / s2v + b^2 - a^2),
 *   D = s2v + s2u h'h,  a = (mu s2v - s2u h'e) / sqrt(D s2v s2u),  b = mu / sqrt(s2u),
 *
 * where a = mu*_i / sigma*_i, the standardised mean of u_i given the unit's residuals. The
 * gradient is the chain rule through (e'e, h'e, h'h, mu, s2v, s2u); ln Phi and phi / Phi come
 * from the tail-accurate normal of distributions.ts.
 * @module
 */
import { normalLogCdfMills } from "../distributions.ts";
import type { FrontierProblem } from "./problem.ts";

const LN2PI = Math.log(2 * Math.PI);

/** Positions of the parameters in theta. */
export interface ParameterLayout {
  p: number;
  sigmaSq: number;
  gamma: number;
  /** -1 when not estimated. */
  mu: number;
  eta: number;
}

/**
 * Where each parameter sits in theta for a problem (beta first, then delta).
 *
 * @example
 * ```ts
 * layout(problem).gamma; // k + m + 1
 * ```
 */
export function layout(pr: FrontierProblem): ParameterLayout {
  const sigmaSq = pr.k + pr.m;
  let p = sigmaSq + 2;
  const mu = pr.truncated ? p++ : -1;
  const eta = pr.timeVarying ? p++ : -1;
  return { p, sigmaSq, gamma: sigmaSq + 1, mu, eta };
}

/** Sums over a unit's rows. */
interface UnitSums {
  T: number;
  ee: number;
  he: number;
  hh: number;
  /** sum e dh/deta and sum h dh/deta (time-varying only). */
  ehd: number;
  hhd: number;
}

/** A unit's log-likelihood and its partial derivatives in (ee, he, hh, mu, s2v, s2u). */
interface UnitTerms {
  ll: number;
  gEe: number;
  gHe: number;
  gHh: number;
  gMu: number;
  gSv: number;
  gSu: number;
}

/** ln Phi(b) and psi(b) = phi(b) / Phi(b) + b for b = mu / sigma_u (0 for the half-normal). */
interface MeanTerms {
  lnPb: number;
  psiB: number;
  b: number;
}

const scratch = new Float64Array(2);

function meanTerms(mu: number, su: number): MeanTerms {
  const b = mu / Math.sqrt(su);
  normalLogCdfMills(b, scratch);
  return { lnPb: scratch[0], psiB: scratch[1] + b, b };
}

/** ln L_i and its partials (see the module comment). */
function unitTerms(s: UnitSums, mu: number, sv: number, su: number, m: MeanTerms): UnitTerms {
  const D = sv + su * s.hh;
  const sQ = Math.sqrt(D * sv * su);
  const a = (mu * sv - su * s.he) / sQ;
  const { b, psiB } = m;
  normalLogCdfMills(a, scratch);
  const psiA = scratch[1] + a;
  const ll = -0.5 * s.T * LN2PI - 0.5 * (s.T - 1) * Math.log(sv) - 0.5 * Math.log(D) +
    scratch[0] - m.lnPb - 0.5 * (s.ee / sv + b * b - a * a);
  return {
    ll,
    gEe: -0.5 / sv,
    gHe: -psiA * su / sQ,
    gHh: -0.5 * su / D * (1 + psiA * a),
    gMu: psiA * sv / sQ - psiB / Math.sqrt(su),
    gSv: -0.5 * (s.T - 1) / sv - 0.5 / D + psiA * (mu / sQ - 0.5 * a * (1 / D + 1 / sv)) +
      0.5 * s.ee / (sv * sv),
    gSu: -0.5 * s.hh / D + psiA * (-s.he / sQ - 0.5 * a * (s.hh / D + 1 / su)) +
      0.5 * b * psiB / su,
  };
}

/** Scratch space reused across evaluations (residuals and weights of one unit, h per tValue). */
export interface Workspace {
  e: Float64Array;
  h: Float64Array;
  hTable: Float64Array;
}

/**
 * A workspace sized for the problem's largest unit.
 *
 * @example
 * ```ts
 * const ws = workspace(problem);
 * ```
 */
export function workspace(pr: FrontierProblem): Workspace {
  let maxT = 1;
  for (let g = 0; g + 1 < pr.groupStart.length; g++) {
    maxT = Math.max(maxT, pr.groupStart[g + 1] - pr.groupStart[g]);
  }
  const hTable = new Float64Array(pr.tValues?.length ?? 0);
  return { e: new Float64Array(maxT), h: new Float64Array(maxT), hTable };
}

/** h = exp(-eta tRel) for each distinct tRel, into ws.hTable (nothing without eta). */
function fillWeights(
  pr: FrontierProblem,
  theta: ArrayLike<number>,
  L: ParameterLayout,
  ws: Workspace,
): void {
  if (!pr.tValues) return;
  const eta = theta[L.eta];
  pr.tValues.forEach((t, i) => (ws.hTable[i] = Math.exp(-eta * t)));
}

/** The mean of u for the unit starting at row r0 (mu, z'delta or 0). */
function unitMean(pr: FrontierProblem, theta: ArrayLike<number>, L: ParameterLayout, r0: number) {
  if (L.mu !== -1) return theta[L.mu];
  let mu = 0; // 0 for the half-normal (m = 0)
  for (let c = 0; c < pr.m; c++) mu += pr.Z![r0 * pr.m + c] * theta[pr.k + c];
  return mu;
}

/** Fill ws.e, ws.h for the unit [r0, r1) and return its sums. */
function unitSums(
  pr: FrontierProblem,
  theta: ArrayLike<number>,
  r0: number,
  r1: number,
  ws: Workspace,
): UnitSums {
  const { k, X, y, tRel, tIndex } = pr;
  const s: UnitSums = { T: r1 - r0, ee: 0, he: 0, hh: 0, ehd: 0, hhd: 0 };
  for (let r = r0; r < r1; r++) {
    let fit = 0;
    for (let c = 0; c < k; c++) fit += X[r * k + c] * theta[c];
    const e = y[r] - fit;
    const h = tIndex ? ws.hTable[tIndex[r]] : 1;
    ws.e[r - r0] = e;
    ws.h[r - r0] = h;
    s.ee += e * e;
    s.he += h * e;
    s.hh += h * h;
    if (tRel) {
      const hd = -tRel[r] * h; // dh / deta
      s.ehd += e * hd;
      s.hhd += h * hd;
    }
  }
  return s;
}

/**
 * The log-likelihood when every unit is one row without eta (a cross-section, or inefficiency
 * effects): the formula with T = 1, h = 1 in one loop with no per-row objects (the 50,000-row
 * case spends its time here).
 */
function rowsLogLikelihood(
  pr: FrontierProblem,
  theta: ArrayLike<number>,
  grad: Float64Array | null,
  L: ParameterLayout,
  sv: number,
  su: number,
): number {
  const { n, k, m, X, y, Z } = pr;
  const D = sv + su, sqrtSu = Math.sqrt(su);
  const sQ = Math.sqrt(D * sv * su), isQ = 1 / sQ, iD = 1 / D, iSv = 1 / sv, iSu = 1 / su;
  const common = pr.effects ? undefined : meanTerms(L.mu !== -1 ? theta[L.mu] : 0, su);
  const c0 = -0.5 * LN2PI - 0.5 * Math.log(D);
  const out = new Float64Array(2);
  let ll = 0, gSv = 0, gSu = 0, gMuSum = 0;
  for (let r = 0; r < n; r++) {
    let fit = 0;
    for (let c = 0; c < k; c++) fit += X[r * k + c] * theta[c];
    const e = y[r] - fit;
    let mu = 0;
    if (Z) { for (let c = 0; c < m; c++) mu += Z[r * m + c] * theta[k + c]; }
    else if (L.mu !== -1) mu = theta[L.mu];
    const mt = common ?? meanTerms(mu, su);
    const a = (mu * sv - su * e) * isQ;
    normalLogCdfMills(a, out);
    ll += c0 + out[0] - mt.lnPb - 0.5 * (e * e * iSv + mt.b * mt.b - a * a);
    if (!grad) continue;
    const psiA = out[1] + a;
    const w = -e * iSv - psiA * su * isQ; // d lnL / d e
    for (let c = 0; c < k; c++) grad[c] -= w * X[r * k + c];
    const gMu = psiA * sv * isQ - mt.psiB / sqrtSu;
    for (let c = 0; c < m; c++) grad[k + c] += gMu * Z![r * m + c];
    gMuSum += gMu;
    gSv += -0.5 * iD + psiA * (mu * isQ - 0.5 * a * (iD + iSv)) + 0.5 * e * e * iSv * iSv;
    gSu += -0.5 * iD + psiA * (-e * isQ - 0.5 * a * (iD + iSu)) + 0.5 * mt.b * mt.psiB * iSu;
  }
  if (grad) {
    if (L.mu !== -1) grad[L.mu] = gMuSum;
    grad[L.sigmaSq] = (1 - theta[L.gamma]) * gSv + theta[L.gamma] * gSu;
    grad[L.gamma] = theta[L.sigmaSq] * (gSu - gSv);
  }
  return ll;
}

/**
 * The log-likelihood at theta; with `grad`, also its gradient (same order as theta). Outside
 * the parameter space (sigmaSq <= 0, gamma outside (0, 1)) it is -Infinity.
 *
 * @example
 * ```ts
 * const g = new Float64Array(theta.length);
 * const ll = logLikelihood(problem, theta, g, workspace(problem));
 * ```
 */
export function logLikelihood(
  pr: FrontierProblem,
  theta: ArrayLike<number>,
  grad: Float64Array | null,
  ws: Workspace,
): number {
  const L = layout(pr);
  const sigmaSq = theta[L.sigmaSq], gamma = theta[L.gamma];
  const su = gamma * sigmaSq, sv = (1 - gamma) * sigmaSq;
  // both positive exactly when sigmaSq > 0 and 0 < gamma < 1 (and neither underflows to 0)
  if (!(su > 0 && sv > 0)) return -Infinity;
  if (grad) grad.fill(0);
  if (pr.groupStart.length === pr.n + 1 && !pr.tRel) {
    return rowsLogLikelihood(pr, theta, grad, L, sv, su);
  }
  fillWeights(pr, theta, L, ws);
  const { k, m, X, groupStart } = pr;
  let ll = 0, gSv = 0, gSu = 0;
  for (let g = 0; g + 1 < groupStart.length; g++) {
    const r0 = groupStart[g], r1 = groupStart[g + 1];
    const mu = unitMean(pr, theta, L, r0);
    const s = unitSums(pr, theta, r0, r1, ws);
    const t = unitTerms(s, mu, sv, su, meanTerms(mu, su));
    ll += t.ll;
    if (!grad) continue;
    for (let r = r0; r < r1; r++) {
      const w = 2 * t.gEe * ws.e[r - r0] + t.gHe * ws.h[r - r0]; // d lnL / d e_r
      for (let c = 0; c < k; c++) grad[c] -= w * X[r * k + c];
    }
    for (let c = 0; c < m; c++) grad[k + c] += t.gMu * pr.Z![r0 * m + c];
    if (L.mu !== -1) grad[L.mu] += t.gMu;
    if (L.eta !== -1) grad[L.eta] += t.gHe * s.ehd + 2 * t.gHh * s.hhd;
    gSv += t.gSv;
    gSu += t.gSu;
  }
  if (grad) {
    grad[L.sigmaSq] = (1 - gamma) * gSv + gamma * gSu;
    grad[L.gamma] = sigmaSq * (gSu - gSv);
  }
  return ll;
}

/** Conditional distribution of each unit's u_i given its residuals: N+(muStar, sigmaStar^2). */
export interface Conditionals {
  muStar: Float64Array;
  sigmaStar: Float64Array;
  /** h_t per row (group order) and the residual e_t. */
  h: Float64Array;
  e: Float64Array;
}

/**
 * mu*_i and sigma*_i for every unit at theta, with each row's weight h_t and residual.
 *
 * @example
 * ```ts
 * const c = conditionals(problem, theta);
 * c.muStar[0] / c.sigmaStar[0]; // a for unit 0
 * ```
 */
export function conditionals(pr: FrontierProblem, theta: ArrayLike<number>): Conditionals {
  const L = layout(pr);
  const sigmaSq = theta[L.sigmaSq], gamma = theta[L.gamma];
  const su = gamma * sigmaSq, sv = (1 - gamma) * sigmaSq;
  const G = pr.groupStart.length - 1;
  const out: Conditionals = {
    muStar: new Float64Array(G),
    sigmaStar: new Float64Array(G),
    h: new Float64Array(pr.n),
    e: new Float64Array(pr.n),
  };
  const ws = workspace(pr);
  fillWeights(pr, theta, L, ws);
  for (let g = 0; g < G; g++) {
    const r0 = pr.groupStart[g], r1 = pr.groupStart[g + 1];
    const mu = unitMean(pr, theta, L, r0);
    const s = unitSums(pr, theta, r0, r1, ws);
    const D = sv + su * s.hh;
    out.muStar[g] = (mu * sv - su * s.he) / D;
    out.sigmaStar[g] = Math.sqrt(sv * su / D);
    out.h.set(ws.h.subarray(0, r1 - r0), r0);
    out.e.set(ws.e.subarray(0, r1 - r0), r0);
  }
  return out;
}
