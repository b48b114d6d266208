/**
 * Technical efficiency from the conditional distribution of u given the residuals,
 * u_i | e_i ~ N+(mu*_i, sigma*_i^2), with u_it = h_t u_i:
 * - Battese and Coelli (1988, 1992): E[exp(-h u) | e] = Phi(a - h s*) / Phi(a) exp(-h m* + h^2 s*^2 / 2);
 * - Jondrow, Lovell, Materov and Schmidt (1982): exp(-E[h u | e]) = exp(-h (m* + s* phi(a) / Phi(a)));
 * - Horrace and Schmidt (1996) bounds: the quantiles of u | e mapped through exp(-h u);
 * where a = m* / s*. Everything is computed in logs, so a far below 0 (tiny Phi(a)) stays exact.
 * @module
 */
import { normalLogCdf, normalMillsRatio, normalQuantile } from "../distributions.ts";
import { conditionals } from "./likelihood.ts";
import type { BuiltProblem } from "./problem.ts";
import type { EfficiencyMethod, PeriodEfficiency, RowEfficiency } from "./types.ts";

/**
 * Point efficiency of a row with weight h whose unit has u | e ~ N+(muStar, sigmaStar^2).
 *
 * @example
 * ```ts
 * pointEfficiency(0.2, 0.1, 1, "bc"); // E[exp(-u) | e]
 * ```
 */
export function pointEfficiency(
  muStar: number,
  sigmaStar: number,
  h: number,
  method: EfficiencyMethod,
): number {
  const a = muStar / sigmaStar;
  if (method === "jlms") return Math.exp(-h * (muStar + sigmaStar * normalMillsRatio(a)));
  return Math.exp(
    normalLogCdf(a - h * sigmaStar) - normalLogCdf(a) - h * muStar +
      0.5 * h * h * sigmaStar * sigmaStar,
  );
}

/**
 * The p-quantile of u ~ N+(muStar, sigmaStar^2): muStar - sigmaStar Phi^-1((1 - p) Phi(a)).
 * Where (1 - p) Phi(a) underflows (a below about -36) the quantile is sigmaStar q with
 * ln Phi(a - q) = ln(1 - p) + ln Phi(a), solved by Newton's method from the exponential
 * approximation q = ln(1 - p) / a (u | e is nearly exponential with rate -a / sigmaStar there,
 * but only to about 1 / a^2 relative).
 *
 * @example
 * ```ts
 * truncatedNormalQuantile(0, 1, 0.5); // ≈ 0.6745 (the half-normal median)
 * ```
 */
export function truncatedNormalQuantile(muStar: number, sigmaStar: number, p: number): number {
  const a = muStar / sigmaStar;
  const lnTail = Math.log1p(-p) + normalLogCdf(a);
  if (lnTail > -700) return Math.max(0, muStar - sigmaStar * normalQuantile(Math.exp(lnTail)));
  // the start is within about 1 / a^2 < 1e-3 (relative) of q and Newton's steps square that:
  // three of them reach the rounding of ln Phi (about 1e-13 relative for p in [0.005, 0.995])
  let q = Math.log1p(-p) / a;
  for (let i = 0; i < 3; i++) q += (normalLogCdf(a - q) - lnTail) / normalMillsRatio(a - q);
  return sigmaStar * q;
}

/** Row efficiencies (data order), their mean and the mean of each period. */
export interface EfficiencySummary {
  rows: RowEfficiency[];
  mean: number;
  byPeriod?: PeriodEfficiency[];
}

/**
 * Efficiency of every row at theta, with Horrace-Schmidt bounds at `level`, in data order.
 *
 * @example
 * ```ts
 * efficiencies(built, theta, "bc", 0.9).mean; // mean efficiency
 * ```
 */
export function efficiencies(
  b: BuiltProblem,
  theta: ArrayLike<number>,
  method: EfficiencyMethod,
  level: number,
  firstRow: number,
): EfficiencySummary {
  const pr = b.problem;
  const c = conditionals(pr, theta);
  const rows = new Array<RowEfficiency>(pr.n);
  const alpha = 1 - level;
  let sum = 0;
  c.muStar.forEach((ms, g) => {
    const ss = c.sigmaStar[g];
    const uLo = truncatedNormalQuantile(ms, ss, alpha / 2);
    const uHi = truncatedNormalQuantile(ms, ss, 1 - alpha / 2);
    for (let r = pr.groupStart[g]; r < pr.groupStart[g + 1]; r++) {
      const j = b.order[r];
      const h = c.h[r];
      const efficiency = pointEfficiency(ms, ss, h, method);
      sum += efficiency;
      rows[j] = {
        row: b.rows[j] + firstRow,
        ...(b.ids ? { id: b.ids[j], time: b.times![j] } : {}),
        frontier: pr.y[r] - c.e[r],
        efficiency,
        lower: Math.exp(-h * uHi),
        upper: Math.exp(-h * uLo),
      };
    }
  });
  const out: EfficiencySummary = { rows, mean: sum / pr.n };
  if (b.times) {
    const acc = new Map<number, { n: number; s: number }>();
    rows.forEach((r) => {
      const a = acc.get(r.time!) ?? { n: 0, s: 0 };
      a.n++;
      a.s += r.efficiency;
      acc.set(r.time!, a);
    });
    out.byPeriod = [...acc].sort((x, y) => x[0] - y[0])
      .map(([time, a]) => ({ time, n: a.n, mean: a.s / a.n }));
  }
  return out;
}
