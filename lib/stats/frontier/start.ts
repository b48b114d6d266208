/**
 * Starting values as FRONTIER 4.1 makes them (Coelli 1996, section 3): OLS, then a grid over
 * gamma with the OLS slopes kept, sigmaSq = s2_ML / (1 - 2 gamma / pi) and the intercept raised
 * by sqrt(2 gamma sigmaSq / pi) (the mean of a half-normal u), mu, eta and delta at 0; the grid
 * is 0.1 .. 0.9 by 0.1, then 0.01 steps around the best (R frontier's gridDouble).
 * @module
 */
import { InputError } from "../../errors.ts";
import { ols } from "../linear/ols.ts";
import { layout, logLikelihood, workspace } from "./likelihood.ts";
import type { BuiltProblem } from "./problem.ts";
import type { FrontierOls } from "./types.ts";

/** OLS in the user's units and its slopes in the standardised ones. */
export interface OlsStart {
  ols: FrontierOls;
  /** beta in the standardised parameterisation. */
  betaStd: Float64Array;
  /** RSS / n. */
  sigmaSqMl: number;
}

/**
 * Fit OLS on the frontier's rows (collinear terms are an error here: the frontier needs them
 * all) and report its log-likelihood and residual skewness.
 *
 * @example
 * ```ts
 * olsStart(built).ols.logLik; // the LR test's null model
 * ```
 */
export function olsStart(b: BuiltProblem): OlsStart {
  const { std, terms, xRaw, yRaw } = b;
  const off = std.intercept ? 1 : 0;
  const fit = ols(yRaw, xRaw.slice(off).map((values, j) => ({ name: terms[j + off], values })), {
    intercept: std.intercept,
  });
  if (fit.omitted.length) {
    throw new InputError(
      `term(s) ${fit.omitted.map((t) => `"${t}"`).join(", ")} collinear with the others ` +
        `on the rows used; drop them`,
    );
  }
  const n = fit.n;
  const rss = fit.residuals.reduce((s, r) => s + r * r, 0);
  const sigmaSqMl = rss / n;
  let m3 = 0;
  for (const r of fit.residuals) m3 += r ** 3;
  const skewness = (m3 / n) / sigmaSqMl ** 1.5;
  const beta = fit.coefficients.map((c) => c.estimate);
  const betaStd = Float64Array.from(beta, (v, j) => v * std.xScale[j]);
  if (std.intercept) { for (let j = 1; j < beta.length; j++) betaStd[0] += beta[j] * std.xMean[j]; }
  return {
    ols: {
      coefficients: fit.coefficients,
      sigmaSq: fit.sigma ** 2,
      logLik: -0.5 * n * (Math.log(2 * Math.PI * sigmaSqMl) + 1),
      skewness,
    },
    betaStd,
    sigmaSqMl,
  };
}

/**
 * FRONTIER's grid over gamma from the OLS fit: the best starting theta and its log-likelihood.
 *
 * @example
 * ```ts
 * const { theta } = gridStart(built, olsStart(built));
 * ```
 */
export function gridStart(b: BuiltProblem, o: OlsStart): { theta: Float64Array; logLik: number } {
  const pr = b.problem;
  const L = layout(pr);
  const ws = workspace(pr);
  const at = (gamma: number) => {
    const theta = new Float64Array(L.p);
    theta.set(o.betaStd);
    const sigmaSq = o.sigmaSqMl / (1 - 2 * gamma / Math.PI);
    if (b.std.intercept) theta[0] += Math.sqrt(2 * gamma * sigmaSq / Math.PI);
    theta[L.sigmaSq] = sigmaSq;
    theta[L.gamma] = gamma;
    return { theta, logLik: logLikelihood(pr, theta, null, ws) };
  };
  let best = at(0.1);
  for (let i = 2; i <= 9; i++) {
    const c = at(i / 10);
    if (c.logLik > best.logLik) best = c;
  }
  const g0 = best.theta[L.gamma];
  for (let i = -9; i <= 9; i++) {
    const gamma = Math.round(g0 * 100 + i) / 100;
    if (i === 0 || gamma <= 0 || gamma >= 1) continue;
    const c = at(gamma);
    if (c.logLik > best.logLik) best = c;
  }
  return best;
}
