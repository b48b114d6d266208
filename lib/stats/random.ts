/**
 * Every seeded random stream of the project, in one place. Same seed, same numbers, on every
 * machine (integer arithmetic and IEEE doubles only):
 *
 * - {@link uniformStream} / {@link normalStream}: xoroshiro128+ (pure-rand) uniforms with 53 random
 *   bits, normals by inversion (jstat's normal quantile). The K intervals draw from these.
 * - {@link mulberry32}: a small 32-bit generator (the reference C algorithm), for synthetic data;
 *   {@link boxMuller} and {@link boxMullerPairs} turn its uniforms into normals.
 * - {@link coefficientDraws}: coefficient vectors from a multivariate normal or t around the
 *   estimates (two xoroshiro128+ streams: the normals, and the uniforms of the chi-square).
 *
 * Independent implementations check the streams value by value
 * (tests/fixtures/stats/random_streams.py, tests/fixtures/mutants/mulberry32.py).
 * @module
 */
import jStat from "jstat";
import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";

/**
 * A seeded stream of uniforms in (0, 1): pure-rand's xoroshiro128+ seeded with `seed` (any
 * integer), two 32-bit outputs per number (26 + 27 bits: a multiple of 2^-53), zeros skipped.
 *
 * @example
 * ```ts
 * const u = uniformStream(1); u(); // the same number for seed 1 every time, 0 < u < 1
 * ```
 */
export function uniformStream(seed: number): () => number {
  const rng = xoroshiro128plus(seed);
  return () => {
    let u = uniformFloat64(rng);
    while (u === 0) u = uniformFloat64(rng);
    return u;
  };
}

/**
 * A seeded stream of standard normal numbers: {@link uniformStream}'s uniforms through jstat's
 * normal quantile (inversion: one uniform per number).
 *
 * @example
 * ```ts
 * const z = normalStream(1); z(); // the same number for seed 1 every time
 * ```
 */
export function normalStream(seed: number): () => number {
  const u = uniformStream(seed);
  return () => jStat.normal.inv(u(), 0, 1);
}

/** Options of {@link mulberry32}. */
export interface Mulberry32Options {
  /**
   * false (default): k / 2^32, in [0, 1) (0 is possible); true: (k + 0.5) / 2^32, in (0, 1),
   * safe under a logarithm. k is the generator's 32-bit output.
   */
  open?: boolean;
}

/**
 * mulberry32, a small deterministic 32-bit generator (Tommy Ettinger's reference C algorithm),
 * returning uniforms in [0, 1) (or (0, 1) with `open`). The seed is taken modulo 2^32.
 *
 * @example
 * ```ts
 * const r = mulberry32(1); r(); // 0.627...
 * ```
 */
export function mulberry32(seed: number, options: Mulberry32Options = {}): () => number {
  const half = options.open ? 0.5 : 0;
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + half) / 4294967296;
  };
}

/**
 * Standard normal draws from a uniform generator on [0, 1) (Box-Muller, one normal per pair of
 * uniforms u1, u2: sqrt(-2 ln(1 - u1)) cos(2 pi u2); 1 - u1 keeps ln away from 0).
 *
 * @example
 * ```ts
 * const z = boxMuller(mulberry32(1)); z(); // a N(0, 1) draw
 * ```
 */
export function boxMuller(uniform: () => number): () => number {
  return () => {
    const u = 1 - uniform();
    const v = uniform();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
}

/**
 * Standard normal draws from a uniform generator on (0, 1) (Box-Muller using both numbers of a
 * pair: r = sqrt(-2 ln u1), then r cos(2 pi u2) and, on the next call, r sin(2 pi u2)).
 *
 * @example
 * ```ts
 * const z = boxMullerPairs(mulberry32(42, { open: true })); z(); // a N(0, 1) draw
 * ```
 */
export function boxMullerPairs(uniform: () => number): () => number {
  let spare = NaN;
  return () => {
    if (!Number.isNaN(spare)) {
      const s = spare;
      spare = NaN;
      return s;
    }
    const r = Math.sqrt(-2 * Math.log(uniform()));
    const th = 2 * Math.PI * uniform();
    spare = r * Math.sin(th);
    return r * Math.cos(th);
  };
}

/**
 * A square root L (L L' = V) of a symmetric positive semi-definite matrix, by eigenvalues:
 * L = Q diag(sqrt(lambda)), with the eigenvalues below 1e-14 x the largest set to 0 (round-off
 * negatives of a singular V; a small but real variance stays).
 */
function psdRoot(v: number[][]): number[][] {
  const k = v.length;
  const evd = new EigenvalueDecomposition(new Matrix(v), { assumeSymmetric: true });
  const vec = evd.eigenvectorMatrix;
  const lambda = evd.realEigenvalues;
  const scale = Math.max(...lambda.map(Math.abs), 0);
  return Array.from({ length: k }, (_, a) =>
    Array.from({ length: k }, (_, c) => {
      const l = lambda[c] > 1e-14 * scale ? lambda[c] : 0; // clip round-off negatives
      return vec.get(a, c) * Math.sqrt(l);
    }));
}

/**
 * Draw coefficient vectors beta* = b + L z / sqrt(w / df) (multivariate t; normal when df is
 * Infinity) with L L' = `cov`, reproducibly from `seed`: z from {@link normalStream}(seed), w
 * chi-squared(df) by inversion of {@link uniformStream}(seed ^ 0x5bd1e995).
 *
 * @example
 * ```ts
 * const draws = coefficientDraws([1, 2], [[0.1, 0], [0, 0.2]], 30, 1000, 7);
 * draws.length; // 1000
 * ```
 */
export function coefficientDraws(
  beta: ArrayLike<number>,
  cov: number[][],
  df: number,
  draws: number,
  seed: number,
): Float64Array[] {
  const k = beta.length;
  const L = psdRoot(cov);
  const normal = normalStream(seed);
  const uniform = uniformStream(seed ^ 0x5bd1e995);
  const out: Float64Array[] = [];
  const z = new Float64Array(k);
  for (let d = 0; d < draws; d++) {
    for (let a = 0; a < k; a++) z[a] = normal();
    let scale = 1;
    if (Number.isFinite(df)) scale = 1 / Math.sqrt(jStat.chisquare.inv(uniform(), df) / df);
    const b = new Float64Array(k);
    for (let a = 0; a < k; a++) {
      let s = 0;
      for (let c = 0; c < k; c++) s += L[a][c] * z[c];
      b[a] = beta[a] + s * scale;
    }
    out.push(b);
  }
  return out;
}
