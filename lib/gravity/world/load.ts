/**
 * What the study command reads for the world benchmark: the China world panel (DOTS, WDI,
 * CEPII), the PPML estimator of lib/stats, the structural fit, the stochastic frontier fit and the
 * counterfactuals' world and solution, each when available. A missing piece is a warning, never a
 * failure of the study.
 * @module
 */
import { InputError } from "../../errors.ts";
import { loadWorldPanel } from "../../data/world.ts";
import { fitModel } from "../../stats/model/fit.ts";
import { encodeFactor } from "../../stats/model/fe.ts";
import { demean } from "../../stats/model/demean.ts";
import type { PpmlEstimator } from "./benchmark.ts";
import {
  type ChinaWorldPanel,
  type IndexedWorldTrade,
  loadChinaWorldPanel,
  reporterTrade,
} from "./china_world.ts";
import { parseCepiiMapping, readGeoDist } from "../../data/sources/cepii.ts";
import {
  restateStructural,
  runStructural,
  STRUCTURAL_SOURCES,
  type StructuralEstimator,
  type StructuralResult,
} from "./structural.ts";
import { cachedJson } from "./cache.ts";
import { FRONTIER_SOURCES, runWorldFrontier, type WorldFrontier } from "./frontier.ts";
import { buildGeBaseline, type GeBaseline } from "./ge_world.ts";
import {
  COUNTERFACTUAL_SOURCES,
  type CounterfactualResult,
  runCounterfactual,
} from "./counterfactual.ts";
import { readWdiLong } from "../../data/sources/wdi.ts";
import type { StudyConfig } from "../config/study.ts";
import { ppmlCovariance, rescaleCovariance } from "../../stats/vcov_dense.ts";

/** What {@link loadBenchmarkWorld} hands to `runGravityStudy`. */
export interface WorldOptions {
  world?: ChinaWorldPanel;
  ppml?: PpmlEstimator;
  structural?: StructuralResult;
  frontier?: WorldFrontier;
  /** The baseline world of the counterfactuals (config.counterfactual). */
  geBaseline?: GeBaseline;
  /** The counterfactuals solved on it with the structural fit's coefficients (cached). */
  counterfactual?: CounterfactualResult;
}

/**
 * Load what the config's benchmark, structural K and counterfactuals need: the China world panel,
 * the PPML estimator, the structural fit, and the counterfactuals' baseline world and solution,
 * with paths relative to the repo root `root` (default "."; ".." from notebooks/). The China world
 * panel, the structural fit and the counterfactuals are cached in `out/cache/` (keyed by the
 * settings and the input files' sizes and times), so a warm run reads them instead of the 1.9
 * million-row world file. Progress goes to stderr; anything missing
 * becomes a warning line, never a failure.
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
): Promise<{ options: WorldOptions; warnings: string[] }> {
  const b = config.benchmark?.enabled ? config.benchmark : null;
  const st = config.structural?.enabled ? config.structural : null;
  const fr = config.frontier?.enabled ? config.frontier : null;
  if (!b && !st && !fr) return { options: {}, warnings: [] };
  const root = options.root ?? ".";
  const at = (p: string) => (p.startsWith("/") || root === "." ? p : `${root}/${p}`);
  const raw = at(b?.raw ?? "../shared/data/raw");
  const worldFile = at("data/world-trade.csv.gz");
  const mappingFile = at("data/cepii-iso3.csv");
  const inputs = [
    worldFile,
    mappingFile,
    `${raw}/geo/cepii/dist_cepii.csv`,
    `${raw}/geo/cepii/geo_cepii.csv`,
    `${raw}/wdi/gdp-current-usd-long.csv`,
    `${raw}/wdi/population-long.csv`,
  ];
  const warnings: string[] = [];
  const cache = { dir: at("out/cache"), warn: (l: string) => warnings.push(l) };
  let indexed: IndexedWorldTrade | null = null;
  const loadIndexed = async () => {
    if (!indexed) {
      console.error(`world: reading ${worldFile} ...`);
      indexed = await loadWorldPanel(worldFile);
    }
    return indexed;
  };
  const out: WorldOptions = {};
  // the panel covers the benchmark's years and the frontier's
  const spans = [b?.years, fr?.years].filter((y) => y !== undefined);
  const years = {
    from: Math.min(...spans.map((y) => y.from)),
    to: Math.max(...spans.map((y) => y.to)),
  };
  try {
    if (b || fr) {
      const { value, hit } = await cachedJson(
        "china-world",
        { reporter: config.reporter, years },
        inputs,
        async () =>
          await loadChinaWorldPanel({
            raw,
            years,
            reporter: config.reporter,
            mappingFile,
            trade: reporterTrade(await loadIndexed(), config.reporter),
          }),
        cache,
      );
      console.error(`benchmark: China world panel ${hit ? "from the cache" : "built"}`);
      out.world = value;
      if (b) out.ppml = loadPpml();
      if (fr) {
        const fit = await cachedJson(
          "frontier",
          { fr, reporter: config.reporter, partners: config.partners, years },
          [...inputs, ...FRONTIER_SOURCES],
          () => Promise.resolve(runWorldFrontier(value, fr, { partners: config.partners })),
          cache,
        );
        console.error(`frontier: ${fit.hit ? "from the cache" : "fitted"}`);
        out.frontier = fit.value;
      }
    }
    if (st) {
      const io = { raw, mappingFile, inputs, cache, loadIndexed };
      out.structural = await structuralCached(config, st, io);
      const cf = config.counterfactual?.enabled ? config.counterfactual : null;
      if (cf) Object.assign(out, await counterfactualCached(config, cf, out.structural, io));
    }
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    warnings.push(`world benchmark not run: ${e.message}`);
  }
  return { options: out, warnings };
}

/** A raw file's text; a file that cannot be read is a one-line InputError naming it. */
async function readText(path: string): Promise<string> {
  try {
    return await Deno.readTextFile(path);
  } catch (e) {
    throw new InputError(`${path}: cannot read the file (${(e as Error).name})`);
  }
}

/**
 * The structural fit, from the cache or fitted (an InputError when an input is missing), its K
 * read under the study's K definition, thresholds and uncertainty settings (which are not part
 * of the cache key: they do not change the fit).
 */
async function structuralCached(
  config: StudyConfig,
  st: NonNullable<StudyConfig["structural"]>,
  io: {
    raw: string;
    mappingFile: string;
    inputs: string[];
    cache: { dir: string; warn: (l: string) => void };
    loadIndexed: () => Promise<IndexedWorldTrade>;
  },
): Promise<StructuralResult> {
  const estimator = loadStructuralEstimator();
  const u = config.uncertainty;
  const settings = { thresholds: config.potential.thresholds, uncertainty: u };
  const key = { st, reporter: config.reporter, partners: config.partners };
  const inputs = [...io.inputs, ...STRUCTURAL_SOURCES];
  const { value, hit } = await cachedJson("structural", key, inputs, async () => {
    console.error("structural: PPML with exporter-year and importer-year effects ...");
    const geo = readGeoDist(
      await readText(`${io.raw}/geo/cepii/dist_cepii.csv`),
      await readText(`${io.raw}/geo/cepii/geo_cepii.csv`),
      parseCepiiMapping(await readText(io.mappingFile), io.mappingFile),
    );
    return runStructural(await io.loadIndexed(), geo, st, {
      reporter: config.reporter,
      partners: config.partners,
      estimator,
      ...settings,
      uncertainty: { ...u, enabled: false },
    });
  }, io.cache);
  console.error(`structural: ${hit ? "from the cache" : "fitted"}`);
  return restateStructural(value, { ...settings, definition: config.potential.definition });
}

/**
 * The counterfactuals' baseline world (one year of DOTS with the domestic-flow rule) and the
 * scenarios solved on it with the structural fit's coefficients, each from the cache or computed
 * (an InputError when an input is missing). The solution's cache is keyed by the section, the
 * coefficients and the GE code's source files.
 */
async function counterfactualCached(
  config: StudyConfig,
  cf: NonNullable<StudyConfig["counterfactual"]>,
  structural: StructuralResult,
  io: {
    raw: string;
    mappingFile: string;
    inputs: string[];
    cache: { dir: string; warn: (l: string) => void };
    loadIndexed: () => Promise<IndexedWorldTrade>;
  },
): Promise<{ geBaseline: GeBaseline; counterfactual: CounterfactualResult }> {
  const st = structural.config;
  const study = [config.reporter, ...config.partners];
  const key = {
    year: cf.year,
    reporter: config.reporter,
    partners: config.partners,
    rule: { partnerExports: st.partnerExports, untrusted: st.untrusted, distance: st.distance },
  };
  const baseline = await cachedJson("ge-world", key, io.inputs, async () => {
    console.error(`counterfactual: the ${cf.year} world matrix ...`);
    const gdpFile = `${io.raw}/wdi/gdp-current-usd-long.csv`;
    const world = await io.loadIndexed();
    return buildGeBaseline(world, {
      year: cf.year,
      reporter: config.reporter,
      partners: config.partners,
      structural: st,
      gdp: readWdiLong(await readText(gdpFile), gdpFile, { countries: world.codes }).observations,
      geo: readGeoDist(
        await readText(`${io.raw}/geo/cepii/dist_cepii.csv`),
        await readText(`${io.raw}/geo/cepii/geo_cepii.csv`),
        parseCepiiMapping(await readText(io.mappingFile), io.mappingFile),
        { origins: study },
      ),
    });
  }, io.cache);
  const coefficients = structural.ok ? structural.coefficients : null;
  const solved = await cachedJson(
    "counterfactual",
    { key, cf, coefficients },
    [...io.inputs, ...COUNTERFACTUAL_SOURCES],
    () => Promise.resolve(runCounterfactual(baseline.value, cf, coefficients, structural.reason)),
    io.cache,
  );
  console.error(
    `counterfactual: world ${baseline.hit ? "from the cache" : "built"}, ` +
      `scenarios ${solved.hit ? "from the cache" : "solved"}`,
  );
  return { geBaseline: baseline.value, counterfactual: solved.value };
}

/**
 * The structural estimator from lib/stats (PPML with absorbed fixed effects), with the slopes'
 * covariance computed by partialling the fixed effects out of ln_dist and contig (weights mu,
 * lib/stats `demean`) and the CR1 sandwich by pair, rescaled to the estimator's own standard
 * errors (whose small-sample factor counts the fixed effects).
 *
 * @example
 * ```ts
 * const est = loadStructuralEstimator();
 * ```
 */
export function loadStructuralEstimator(): StructuralEstimator {
  return {
    fitModel: fitModel as unknown as StructuralEstimator["fitModel"],
    slopeCovariance: (fit, data) => {
      const rows = fit.rows;
      const col = (c: string) => Float64Array.from(rows, (i) => data.columns[c][i]);
      const lab = (c: string) => rows.map((i) => data.labels[c][i]);
      const x = [col("ln_dist"), col("contig")];
      const dims = [
        encodeFactor("exporter^year", [lab("exporter"), lab("year")]),
        encodeFactor("importer^year", [lab("importer"), lab("year")]),
      ];
      demean(x, dims, fit.fitted);
      const trade = col("trade");
      const v = ppmlCovariance(
        rows.map((_, t) => [x[0][t], x[1][t]]),
        trade,
        fit.fitted,
        lab("pair").map(String),
      ).matrix;
      const se = ["ln_dist", "contig"].map((t) =>
        fit.coefficients.find((c) => c.term === t)?.stdError ?? NaN
      );
      return rescaleCovariance(v, se);
    },
  };
}

/** The parts of lib/stats/model/fit.ts (`fitModel`) the benchmark uses. */
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
 * here from the fit ({@link ppmlCovariance}, CR1 by partner).
 *
 * @example
 * ```ts
 * const ppml = loadPpml();
 * ```
 */
export function loadPpml(): PpmlEstimator {
  return ppmlFromFitModel(fitModel as unknown as ModelModule["fitModel"]);
}

/**
 * Wrap a `fitModel` (lib/stats/model/fit.ts) as the benchmark's PPML estimator.
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
      maxIterations: 1000,
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
