/**
 * What the study command reads for the world benchmark: the China world panel (DOTS, WDI,
 * CEPII) and the PPML estimator of lib/stats, each when available. A missing piece is a warning,
 * never a failure of the study.
 * @module
 */
import { InputError } from "../errors.ts";
import type { PpmlEstimator } from "./benchmark.ts";
import { type ChinaWorldPanel, loadChinaWorldPanel } from "./china_world.ts";
import type { StudyConfig } from "./config.ts";
import { ppmlCovariance } from "./uncertainty.ts";

/**
 * Load the world panel (and the PPML estimator) the config's benchmark needs, with paths relative
 * to the repo root `root` (default "."; ".." from notebooks/). Progress goes to stderr; anything
 * missing becomes a warning line.
 *
 * @example
 * ```ts
 * const { options, warnings } = await loadBenchmarkWorld(config);
 * runGravityStudy(config, panel, { ...options });
 * ```
 */
export async function loadBenchmarkWorld(
  config: StudyConfig,
  options: { root?: string } = {},
): Promise<{ options: { world?: ChinaWorldPanel; ppml?: PpmlEstimator }; warnings: string[] }> {
  const b = config.benchmark;
  if (!b?.enabled) return { options: {}, warnings: [] };
  try {
    const root = options.root ?? ".";
    const at = (p: string) => (p.startsWith("/") || root === "." ? p : `${root}/${p}`);
    console.error(`benchmark: reading the China world panel (${at(b.raw)}) ...`);
    const world = await loadChinaWorldPanel({
      raw: at(b.raw),
      years: b.years,
      reporter: config.reporter,
      mappingFile: at("data/cepii-iso3.csv"),
      ...(root === "." ? {} : { worldFile: at("data/world-trade.csv.gz") }),
    });
    const ppml = await loadPpml();
    return { options: { world, ...(ppml ? { ppml } : {}) }, warnings: [] };
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return { options: {}, warnings: [`benchmark not run: ${e.message}`] };
  }
}

/** The parts of lib/stats/model.ts (`fitModel`) the benchmark uses. */
export interface ModelModule {
  fitModel: (
    spec: Record<string, unknown>,
    data: { columns: Record<string, ArrayLike<number>>; labels?: Record<string, string[]> },
  ) => {
    coefficients: { term: string; estimate: number; stdError: number; p: number }[];
    omitted: string[];
    rows: number[];
    fitted: number[];
    converged?: boolean;
  };
}

/**
 * The PPML estimator of lib/stats (`fitModel` with estimator "ppml"), wrapped for the benchmark:
 * the year effects enter as dummies, so their uncertainty is in the covariance, which is computed
 * here from the fit ({@link ppmlCovariance}, CR1 by partner). Undefined when this build has no
 * PPML.
 *
 * @example
 * ```ts
 * const ppml = await loadPpml();
 * ```
 */
export async function loadPpml(): Promise<PpmlEstimator | undefined> {
  const path = "../stats/model.ts";
  let mod: Partial<ModelModule>;
  try {
    mod = await import(path);
  } catch {
    return undefined;
  }
  return mod.fitModel ? ppmlFromFitModel(mod.fitModel) : undefined;
}

/**
 * Wrap a `fitModel` (lib/stats/model.ts) as the benchmark's PPML estimator.
 *
 * @example
 * ```ts
 * const ppml = ppmlFromFitModel(fitModel);
 * ```
 */
export function ppmlFromFitModel(fitModel: ModelModule["fitModel"]): PpmlEstimator {
  return (y, x, names, cluster) => {
    const columns: Record<string, Float64Array> = { trade: Float64Array.from(y) };
    names.slice(1).forEach((n, j) => columns[n] = Float64Array.from(x, (r) => r[j + 1]));
    const fit = fitModel({
      dependent: "trade",
      terms: names.slice(1),
      estimator: "ppml",
      se: "cluster:partner",
      intercept: true,
    }, { columns, labels: { partner: cluster } });
    if (fit.converged === false) throw new InputError("PPML did not converge");
    const kept = fit.coefficients.map((c) => c.term);
    const idx = kept.map((t) => names.indexOf(t));
    const cov = ppmlCovariance(
      fit.rows.map((i) => idx.map((j) => x[i][j])),
      fit.rows.map((i) => y[i]),
      fit.fitted,
      fit.rows.map((i) => cluster[i]),
    );
    return {
      estimate: fit.coefficients.map((c) => c.estimate),
      cov: cov.matrix,
      df: cov.df,
      omitted: fit.omitted,
      se: "cluster",
      coefficients: fit.coefficients.map((c) => ({
        term: c.term,
        estimate: c.estimate,
        stdError: c.stdError,
        p: c.p,
      })),
    };
  };
}
