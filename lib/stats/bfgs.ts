/**
 * Unconstrained minimisation by BFGS (the inverse-Hessian update) with a strong-Wolfe line search
 * (Nocedal and Wright, Numerical Optimization, 2nd ed., Algorithms 6.1, 3.5 and 3.6), for smooth
 * objectives with an analytic gradient. No npm package fits here: the one maintained general
 * minimiser (`fmin`, last published 2016) has Nelder-Mead and conjugate gradients but no
 * quasi-Newton method, and the others fit least squares only (ml-levenberg-marquardt).
 * @module
 */
import { CholeskyDecomposition, Matrix } from "ml-matrix";

/** An objective: returns f(x) and writes its gradient into `g` (a non-finite f means "outside"). */
export type Objective = (x: Float64Array, g: Float64Array) => number;

/** Options of {@link minimizeBfgs}. */
export interface BfgsOptions {
  /** Iterations at most (default 500). */
  maxIterations?: number;
  /**
   * Converged when max_i |g_i| * max(|x_i|, 1) <= gradientTolerance * max(|f|, 1)
   * (default 1e-10): a relative first-order condition, free of the units of x and f.
   */
  gradientTolerance?: number;
  /** Called after each iteration with its number and f. */
  onIteration?: (iteration: number, f: number) => void;
  /**
   * The starting inverse Hessian: "identity" (scaled after the first step; default) or
   * "differences": the inverse of the Hessian by differences of the gradient at x0 (2p more
   * gradient calls, repaid on ill-conditioned problems whose curvature BFGS would otherwise
   * learn over dozens of iterations).
   */
  initialHessian?: "identity" | "differences";
  /**
   * The magnitude of f's terms (default 1): when f is a sum of many terms that cancel (a
   * log-likelihood near 0), its rounding is eps * max(|f|, scale), not eps * |f|.
   */
  scale?: number;
}

/** The outcome of {@link minimizeBfgs}. */
export interface BfgsResult {
  x: Float64Array;
  f: number;
  gradient: Float64Array;
  iterations: number;
  /** Objective (and gradient) evaluations. */
  evaluations: number;
  converged: boolean;
  /** Why it stopped, in words. */
  message: string;
}

const dot = (a: Float64Array, b: Float64Array) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};

/** The relative first-order measure the stopping rule uses. */
function gradientMeasure(x: Float64Array, g: Float64Array, f: number, scale = 1): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(g[i]) * Math.max(Math.abs(x[i]), 1));
  return m / Math.max(Math.abs(f), scale);
}

/** Minimiser of the cubic through (a, fa, da) and (b, fb, db), kept inside [lo, hi]. */
function cubicStep(a: number, fa: number, da: number, b: number, fb: number, db: number): number {
  const d1 = da + db - 3 * (fa - fb) / (a - b);
  const disc = d1 * d1 - da * db;
  const lo = Math.min(a, b), hi = Math.max(a, b);
  if (disc >= 0 && Number.isFinite(disc)) {
    const d2 = Math.sign(b - a) * Math.sqrt(disc);
    const t = b - (b - a) * (db + d2 - d1) / (db - da + 2 * d2);
    if (Number.isFinite(t) && t > lo + 0.1 * (hi - lo) && t < hi - 0.1 * (hi - lo)) return t;
  }
  return (a + b) / 2;
}

interface LineState {
  x: Float64Array;
  d: Float64Array;
  f0: number;
  d0: number;
  fn: Objective;
  xt: Float64Array;
  gt: Float64Array;
  /** f at the last probed point (xt). */
  ft: number;
  /** The size of f's rounding errors is about eps * max(|f|, scale). */
  scale: number;
  evaluations: number;
}

/** f and directional derivative at step a (trial point and gradient left in xt, gt). */
function probe(s: LineState, a: number): { f: number; df: number } {
  for (let i = 0; i < s.x.length; i++) s.xt[i] = s.x[i] + a * s.d[i];
  s.evaluations++;
  const f = s.fn(s.xt, s.gt);
  s.ft = f;
  return { f: Number.isFinite(f) ? f : Infinity, df: Number.isFinite(f) ? dot(s.gt, s.d) : NaN };
}

/** Strong-Wolfe line search (c1 = 1e-4, c2 = 0.9); returns the step or 0 when none was found. */
function lineSearch(s: LineState, a1: number): number {
  const c1 = 1e-4, c2 = 0.9;
  let aPrev = 0, fPrev = s.f0, dPrev = s.d0;
  let a = a1;
  for (let i = 0; i < 40; i++) {
    const { f, df } = probe(s, a);
    if (!Number.isFinite(f)) { // outside the domain: shrink toward the last good step
      a = aPrev + (a - aPrev) * 0.1;
      continue;
    }
    if (f > s.f0 + c1 * a * s.d0 || (i > 0 && f >= fPrev)) {
      return zoom(s, aPrev, fPrev, dPrev, a, f, df);
    }
    if (Math.abs(df) <= -c2 * s.d0) return a;
    if (df >= 0) return zoom(s, a, f, df, aPrev, fPrev, dPrev);
    [aPrev, fPrev, dPrev] = [a, f, df];
    a *= 4;
  }
  return 0;
}

/** Algorithm 3.6: shrink [lo, hi] until a point meets the strong Wolfe conditions. */
function zoom(
  s: LineState,
  lo: number,
  fLo: number,
  dLo: number,
  hi: number,
  fHi: number,
  dHi: number,
): number {
  const c1 = 1e-4, c2 = 0.9;
  let noise = 0; // probes whose f differs from f0 by rounding only
  for (let i = 0; i < 20 && noise < 3; i++) {
    const a = Number.isFinite(fHi) && Number.isFinite(dHi)
      ? cubicStep(lo, fLo, dLo, hi, fHi, dHi)
      : (lo + hi) / 2;
    const { f, df } = probe(s, a);
    if (Math.abs(f - s.f0) <= 1e-14 * Math.max(Math.abs(s.f0), s.scale)) noise++;
    if (!Number.isFinite(f) || f > s.f0 + c1 * a * s.d0 || f >= fLo) {
      [hi, fHi, dHi] = [a, f, df];
    } else {
      if (Math.abs(df) <= -c2 * s.d0) return a;
      if (df * (hi - lo) >= 0) [hi, fHi, dHi] = [lo, fLo, dLo];
      [lo, fLo, dLo] = [a, f, df];
    }
    if (Math.abs(hi - lo) <= 1e-16 * Math.max(Math.abs(lo), 1e-300)) break;
  }
  // no Wolfe point: accept the best sufficient-decrease point found, if any
  if (lo > 0 && fLo < s.f0) {
    probe(s, lo);
    return lo;
  }
  return 0;
}

/** BFGS's inverse update H <- (I - r s y') H (I - r y s') + r s s', r = 1 / s'y (Hy scratch). */
function updateInverse(
  H: Float64Array,
  s: Float64Array,
  y: Float64Array,
  sy: number,
  Hy: Float64Array,
): void {
  const p = s.length, r = 1 / sy;
  for (let i = 0; i < p; i++) {
    let v = 0;
    for (let j = 0; j < p; j++) v += H[i * p + j] * y[j];
    Hy[i] = v;
  }
  const yHy = dot(y, Hy);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < p; j++) {
      H[i * p + j] += (1 + r * yHy) * r * s[i] * s[j] - r * (Hy[i] * s[j] + s[i] * Hy[j]);
    }
  }
}

/** The verdict when even a gradient step finds no lower f: the minimum, or a stall. */
function stalled(measure: number): [boolean, string] {
  const m = measure.toExponential(1);
  // f flat to rounding and the gradient nearly zero: that is the minimum
  if (measure <= 1e-6) return [true, `f cannot be lowered at double precision (gradient ${m})`];
  return [false, `line search found no lower point (f is flat or rough here; gradient ${m})`];
}

/**
 * Minimise f from x0 by BFGS with a strong-Wolfe line search. The inverse Hessian starts as the
 * identity scaled after the first step (s'y / y'y), is reset to it when a direction fails to
 * descend, and skips updates whose curvature s'y is not positive.
 *
 * @example
 * ```ts
 * const r = minimizeBfgs((x, g) => {
 *   g[0] = 2 * (x[0] - 3);
 *   return (x[0] - 3) ** 2;
 * }, [0]);
 * r.x[0]; // ≈ 3
 * ```
 */
export function minimizeBfgs(
  fn: Objective,
  x0: ArrayLike<number>,
  options: BfgsOptions = {},
): BfgsResult {
  const maxIterations = options.maxIterations ?? 500;
  const tol = options.gradientTolerance ?? 1e-10;
  const scale = options.scale ?? 1;
  const p = x0.length;
  let x: Float64Array = Float64Array.from(x0);
  let g: Float64Array = new Float64Array(p);
  let f = fn(x, g);
  let evaluations = 1;
  if (!Number.isFinite(f)) {
    const message = "f is not finite at the start";
    return { x, f, gradient: g, iterations: 0, evaluations, converged: false, message };
  }
  const H = new Float64Array(p * p);
  const resetH = (scale: number) => {
    H.fill(0);
    for (let i = 0; i < p; i++) H[i * p + i] = scale;
  };
  resetH(1);
  let fresh = true; // H is a (scaled) identity
  if (options.initialHessian === "differences") {
    const chol = shiftedCholesky(differenceHessian(fn, x));
    evaluations += 2 * p;
    if (chol) {
      H.set(chol.solve(Matrix.eye(p)).to1DArray());
      fresh = false;
    }
  }
  const d = new Float64Array(p), s = new Float64Array(p), y = new Float64Array(p);
  const Hy = new Float64Array(p);
  let message = "iteration limit reached";
  let converged = false;
  let it = 0;
  for (; it < maxIterations; it++) {
    if (gradientMeasure(x, g, f, scale) <= tol) {
      [converged, message] = [true, "gradient below tolerance"];
      break;
    }
    for (let i = 0; i < p; i++) {
      let v = 0;
      for (let j = 0; j < p; j++) v -= H[i * p + j] * g[j];
      d[i] = v;
    }
    let d0 = dot(g, d);
    if (!(d0 < 0)) {
      resetH(1);
      fresh = true;
      for (let i = 0; i < p; i++) d[i] = -g[i];
      d0 = dot(g, d);
    }
    if (!fresh && -d0 <= 1e-14 * Math.max(Math.abs(f), scale)) {
      // the quasi-Newton step promises less than f's rounding can show: this is the minimum
      [converged, message] = [true, "predicted decrease below double precision"];
      break;
    }
    const state: LineState = {
      x,
      d,
      f0: f,
      d0,
      fn,
      xt: new Float64Array(p),
      gt: new Float64Array(p),
      ft: NaN,
      scale,
      evaluations: 0,
    };
    const a1 = fresh && it === 0 ? Math.min(1, 1 / Math.sqrt(dot(g, g))) : 1;
    const a = lineSearch(state, a1);
    evaluations += state.evaluations;
    if (a === 0) {
      if (!fresh) { // a stale H: retry once along the gradient
        resetH(1);
        fresh = true;
        it--;
        continue;
      }
      [converged, message] = stalled(gradientMeasure(x, g, f, scale));
      break;
    }
    const fNew = state.ft; // the accepted step was the last one probed
    for (let i = 0; i < p; i++) {
      s[i] = state.xt[i] - x[i];
      y[i] = state.gt[i] - g[i];
    }
    [x, g, f] = [state.xt, state.gt, fNew];
    options.onIteration?.(it + 1, f);
    const sy = dot(s, y);
    if (!(sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y)))) continue;
    if (fresh) resetH(sy / dot(y, y));
    fresh = false;
    updateInverse(H, s, y, sy, Hy);
  }
  if (!converged && gradientMeasure(x, g, f, scale) <= tol) {
    [converged, message] = [true, "gradient below tolerance"];
  }
  return { x, f, gradient: g, iterations: it, evaluations, converged, message };
}

/** The Hessian of f at x by central differences of its gradient (2p calls), symmetrised. */
function differenceHessian(fn: Objective, x: Float64Array): Matrix {
  const p = x.length;
  const H = new Matrix(p, p);
  const xt = Float64Array.from(x), gp = new Float64Array(p), gm = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    const h = 1e-5 * Math.max(Math.abs(x[j]), 1e-2);
    xt[j] = x[j] + h;
    fn(xt, gp);
    xt[j] = x[j] - h;
    fn(xt, gm);
    xt[j] = x[j];
    for (let i = 0; i < p; i++) H.set(i, j, (gp[i] - gm[i]) / (2 * h));
  }
  return H.add(H.transpose()).mul(0.5);
}

/** Cholesky of H, shifted by a growing multiple of the identity until positive definite. */
function shiftedCholesky(H: Matrix): CholeskyDecomposition | null {
  const p = H.rows;
  const scale = Math.max(...Array.from({ length: p }, (_, i) => Math.abs(H.get(i, i))), 1e-300);
  let chol = new CholeskyDecomposition(H);
  for (let shift = 1e-10; !chol.isPositiveDefinite() && shift < 1e3; shift *= 10) {
    chol = new CholeskyDecomposition(H.clone().add(Matrix.eye(p).mul(shift * scale)));
  }
  return chol.isPositiveDefinite() ? chol : null;
}

/**
 * Newton steps from x0 with the Hessian by central differences of the analytic gradient (2p
 * gradient calls a step), shifted by a multiple of the identity until positive definite, and a
 * backtracking line search: the polish after a BFGS run that stalled on an ill-conditioned
 * valley, where the Hessian's curvature information is what the quasi-Newton matrix lacks.
 *
 * @example
 * ```ts
 * const r = newtonPolish((x, g) => { g[0] = 4 * x[0] ** 3; return x[0] ** 4; }, [1]);
 * ```
 */
export function newtonPolish(
  fn: Objective,
  x0: ArrayLike<number>,
  options: { maxSteps?: number; gradientTolerance?: number; scale?: number } = {},
): BfgsResult {
  const tol = options.gradientTolerance ?? 1e-10;
  const scale = options.scale ?? 1;
  const p = x0.length;
  let x = Float64Array.from(x0);
  let g = new Float64Array(p);
  let f = fn(x, g);
  let evaluations = 1, it = 0;
  const xt = new Float64Array(p);
  for (; it < (options.maxSteps ?? 8) && gradientMeasure(x, g, f, scale) > tol; it++) {
    const chol = shiftedCholesky(differenceHessian(fn, x));
    evaluations += 2 * p;
    if (!chol) break;
    const d = chol.solve(Matrix.columnVector(Array.from(g, (v) => -v))).to1DArray();
    const slope = d.reduce((s, v, i) => s + v * g[i], 0);
    let t = 1, accepted = false;
    const gt = new Float64Array(p);
    for (let k = 0; k < 30; k++, t /= 2) {
      for (let i = 0; i < p; i++) xt[i] = x[i] + t * d[i];
      const ft = fn(xt, gt);
      evaluations++;
      const noiseLevel = 1e-14 * Math.max(Math.abs(f), scale);
      const better = ft <= f + 1e-4 * t * slope ||
        (Math.abs(ft - f) <= noiseLevel &&
          gradientMeasure(xt, gt, ft, scale) < gradientMeasure(x, g, f, scale));
      if (Number.isFinite(ft) && better) {
        [x, g, f] = [Float64Array.from(xt), gt, ft];
        accepted = true;
        break;
      }
    }
    if (!accepted) break;
  }
  const converged = gradientMeasure(x, g, f, scale) <= tol * 100;
  return {
    x,
    f,
    gradient: g,
    iterations: it,
    evaluations,
    converged,
    message: converged ? "Newton polish: gradient below tolerance" : "Newton polish stalled",
  };
}
