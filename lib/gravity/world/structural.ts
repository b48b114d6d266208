/**
 * The structural alternative on the world matrix: PPML of every reporter's exports to every
 * partner on ln distance and contiguity with exporter-year and importer-year fixed effects
 * (Anderson and van Wincoop's multilateral resistances, as in Yotov et al. 2016). The China-CA5
 * pairs' actual / predicted trade (both directions summed, fixed effects included) is a third K.
 * @module
 */
import { InputError } from "../../errors.ts";
import type { GeoPair } from "../../data/sources/cepii.ts";
import type { IndexedWorldTrade } from "./china_world.ts";
import { classifyK } from "../potential/k.ts";
import type { PotentialClass } from "../types.ts";
import { coefficientDraws } from "../../stats/random.ts";
import type { KUncertaintyFields } from "../potential/intervals.ts";
import jStat from "jstat";
import type { StructuralConfig } from "../config/structural.ts";
import type { Thresholds } from "../types.ts";

/** What the structural fit needs from lib/stats/model/fit.ts. */
export interface StructuralEstimator {
  fitModel: (
    spec: Record<string, unknown>,
    data: {
      columns: Record<string, ArrayLike<number>>;
      labels?: Record<string, ArrayLike<string | number>>;
    },
  ) => {
    n: number;
    coefficients: { term: string; estimate: number; stdError: number; p: number }[];
    converged?: boolean;
    iterations?: number;
    separated: number;
    singletons: number;
    rows: number[];
    fitted: number[];
    model: { fe: { dimension: string; columns: string[]; effects: Record<string, number> }[] };
  };
  /**
   * The covariance of the slopes (ln_dist, contig) of a fit, for the intervals (conditional on
   * the fixed effects); without it the structural K has no interval.
   */
  slopeCovariance?: (
    fit: ReturnType<StructuralEstimator["fitModel"]>,
    data: StructuralData,
  ) => number[][];
}

/** The columns and labels the structural fit reads. */
export interface StructuralData {
  columns: Record<string, ArrayLike<number>>;
  labels: Record<string, ArrayLike<string | number>>;
}

/** One direction of a China-partner pair in a year. */
export interface StructuralFlow {
  exporter: string;
  importer: string;
  actual: number;
  lnDist: number;
  contig: number;
  /** The exporter-year and importer-year effects of the fit. */
  feExporter: number;
  feImporter: number;
  /** exp(b_dist lnDist + b_contig contig + feExporter + feImporter). */
  predicted: number;
}

/** A structural K: a partner-year of the study, both directions of trade summed. */
export interface StructuralK extends KUncertaintyFields {
  country: string;
  year: number;
  actual: number;
  predicted: number;
  k: number;
  class: PotentialClass;
  flows: StructuralFlow[];
}

/** The structural model's result. */
export interface StructuralResult {
  ok: boolean;
  reason?: string;
  config: StructuralConfig;
  /** Flows in the fit, exporters, importers, years. */
  n: number;
  exporters: number;
  importers: number;
  years: number[];
  /** Rows left out: no geography for the pair; zero flows enter PPML. */
  excluded: { noGeography: number };
  coefficients: { term: string; estimate: number; stdError: number; p: number }[];
  se: string;
  converged?: boolean;
  iterations?: number;
  k: StructuralK[];
  /** Covariance of (ln_dist, contig) used for the intervals (null: no intervals). */
  slopeCovariance?: number[][] | null;
  /** Two sentences on what this K measures. */
  meaning: string;
}

/** What the structural K measures (README and reports). */
export const STRUCTURAL_MEANING =
  "The structural K compares China's trade with a partner with what a world gravity model " +
  "predicts once each country's exporter-year and importer-year fixed effects absorb its size " +
  "and its multilateral resistance (its trade costs with everyone else), so only distance and " +
  "contiguity explain the pair. K > 1 means the pair trades more than its geography predicts " +
  "given both countries' overall trade that year; it says nothing about GDP or population " +
  "directly, which the fixed effects have already used.";

/** The world matrix's exporter-reported flows in the window with their geography, columnar. */
function worldFlows(world: IndexedWorldTrade, geo: GeoPair[], config: StructuralConfig) {
  const g = new Map(geo.map((p) => [`${p.origin}|${p.destination}`, p]));
  const cols = {
    exporter: [] as string[],
    importer: [] as string[],
    year: [] as number[],
    pair: [] as string[],
    trade: [] as number[],
    lnDist: [] as number[],
    contig: [] as number[],
  };
  let noGeography = 0;
  for (let i = 0; i < world.n; i++) {
    if (world.flow[i] !== 0) continue;
    const y = world.year[i];
    if (y < config.years.from || y > config.years.to) continue;
    const o = world.codes[world.reporter[i]];
    const d = world.codes[world.partner[i]];
    const p = g.get(`${o}|${d}`);
    if (!p || !(p[config.distance] > 0) || Number.isNaN(world.value[i])) {
      noGeography++;
      continue;
    }
    cols.exporter.push(o);
    cols.importer.push(d);
    cols.year.push(y);
    cols.pair.push(o < d ? `${o}-${d}` : `${d}-${o}`);
    cols.trade.push(world.value[i]);
    cols.lnDist.push(Math.log(p[config.distance]));
    cols.contig.push(p.contig);
  }
  return { cols, noGeography };
}

/**
 * Fit the structural model on the world matrix (exporter-reported exports, flow 0) and compute
 * the China-partner K.
 *
 * @example
 * ```ts
 * const s = runStructural(world, geo, config, { reporter: "CHN", partners, thresholds, estimator });
 * ```
 */
export function runStructural(
  world: IndexedWorldTrade,
  geo: GeoPair[],
  config: StructuralConfig,
  options: {
    reporter: string;
    partners: string[];
    thresholds: Thresholds;
    estimator: StructuralEstimator;
    /** Draws, seed and level of the intervals (none without). */
    uncertainty?: { enabled: boolean; level: number; draws: number; seed: number };
  },
): StructuralResult {
  const { cols, noGeography } = worldFlows(world, geo, config);
  const years = [...new Set(cols.year)].sort((a, b) => a - b);
  const base: StructuralResult = {
    ok: false,
    config,
    n: 0,
    exporters: new Set(cols.exporter).size,
    importers: new Set(cols.importer).size,
    years,
    excluded: { noGeography },
    coefficients: [],
    se: "cluster-robust by pair",
    k: [],
    meaning: STRUCTURAL_MEANING,
  };
  let fit: ReturnType<StructuralEstimator["fitModel"]>;
  const data: StructuralData = {
    columns: {
      trade: Float64Array.from(cols.trade),
      ln_dist: Float64Array.from(cols.lnDist),
      contig: Float64Array.from(cols.contig),
    },
    labels: { exporter: cols.exporter, importer: cols.importer, year: cols.year, pair: cols.pair },
  };
  let slopeCov: number[][] | null = null;
  try {
    fit = options.estimator.fitModel({
      dependent: "trade",
      terms: ["ln_dist", "contig"],
      fe: ["exporter^year", "importer^year"],
      estimator: "ppml",
      se: "cluster:pair",
    }, data);
    if (options.estimator.slopeCovariance) slopeCov = options.estimator.slopeCovariance(fit, data);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return { ...base, reason: e.message };
  }
  const k = structuralK(fit, cols, options);
  const result: StructuralResult = {
    ...base,
    ok: true,
    n: fit.n,
    coefficients: fit.coefficients.map((c) => ({
      term: c.term,
      estimate: c.estimate,
      stdError: c.stdError,
      p: c.p,
    })),
    ...(fit.converged !== undefined ? { converged: fit.converged } : {}),
    ...(fit.iterations !== undefined ? { iterations: fit.iterations } : {}),
    k,
    slopeCovariance: slopeCov,
  };
  const u = options.uncertainty;
  if (u?.enabled && slopeCov) addStructuralUncertainty(result, slopeCov, u, options.thresholds);
  return result;
}

/** The China-partner K from a fit: both directions summed, every piece of the prediction kept. */
function structuralK(
  fit: ReturnType<StructuralEstimator["fitModel"]>,
  cols: ReturnType<typeof worldFlows>["cols"],
  options: { reporter: string; partners: string[]; thresholds: Thresholds },
): StructuralK[] {
  const b = new Map(fit.coefficients.map((c) => [c.term, c.estimate]));
  const fe = (dim: string, label: string) =>
    fit.model.fe.find((f) => f.dimension === dim)?.effects[label] ?? NaN;
  const flows = new Map<string, StructuralFlow[]>();
  for (let i = 0; i < cols.trade.length; i++) {
    const o = cols.exporter[i];
    const d = cols.importer[i];
    const partner = o === options.reporter ? d : d === options.reporter ? o : null;
    if (!partner || !options.partners.includes(partner)) continue;
    const y = cols.year[i];
    const feExporter = fe("exporter^year", `${o}^${y}`);
    const feImporter = fe("importer^year", `${d}^${y}`);
    const lin = (b.get("ln_dist") ?? 0) * cols.lnDist[i] + (b.get("contig") ?? 0) * cols.contig[i] +
      feExporter + feImporter;
    const key = `${partner}|${y}`;
    flows.set(key, [...(flows.get(key) ?? []), {
      exporter: o,
      importer: d,
      actual: cols.trade[i],
      lnDist: cols.lnDist[i],
      contig: cols.contig[i],
      feExporter,
      feImporter,
      predicted: Math.exp(lin),
    }]);
  }
  const k: StructuralK[] = [...flows].filter(([, f]) =>
    f.every((x) => Number.isFinite(x.predicted))
  )
    .map(([key, f]) => {
      const [country, year] = key.split("|");
      const actual = f.reduce((a, x) => a + x.actual, 0);
      const predicted = f.reduce((a, x) => a + x.predicted, 0);
      return {
        country,
        year: Number(year),
        actual,
        predicted,
        k: actual / predicted,
        class: classifyK(actual / predicted, options.thresholds),
        flows: f,
        kLower: null,
        kUpper: null,
        classProbabilities: null,
      };
    }).sort((a, c) => a.country < c.country ? -1 : a.country > c.country ? 1 : a.year - c.year);
  return k;
}

/**
 * Intervals and class probabilities of the structural K, conditional on the estimated fixed
 * effects: draws of the two slopes from a normal with their covariance (PPML inference is
 * normal), K* = sum actual / sum exp(b* x + fixed effects) per partner-year.
 *
 * @example
 * ```ts
 * addStructuralUncertainty(result, [[1e-3, 0], [0, 1e-2]], uncertaintyConfig, thresholds);
 * ```
 */
export function addStructuralUncertainty(
  result: StructuralResult,
  slopeCov: number[][],
  u: { level: number; draws: number; seed: number },
  thresholds: Thresholds,
): void {
  const terms = ["ln_dist", "contig"];
  const beta = terms.map((t) => result.coefficients.find((c) => c.term === t)?.estimate ?? 0);
  const draws = coefficientDraws(beta, slopeCov, Infinity, u.draws, u.seed);
  const ks = new Float64Array(u.draws);
  for (const k of result.k) {
    const counts = { huge: 0, expanding: 0, remodelling: 0 };
    draws.forEach((b, d) => {
      let pred = 0;
      for (const f of k.flows) {
        pred += Math.exp(b[0] * f.lnDist + b[1] * f.contig + f.feExporter + f.feImporter);
      }
      ks[d] = k.actual / pred;
      counts[classifyK(ks[d], thresholds)]++;
    });
    const sorted = Array.from(ks.slice().sort());
    const [lo, hi] = jStat.quantiles(sorted, [(1 - u.level) / 2, (1 + u.level) / 2], 1, 1);
    k.kLower = lo;
    k.kUpper = hi;
    k.classProbabilities = {
      huge: counts.huge / u.draws,
      expanding: counts.expanding / u.draws,
      remodelling: counts.remodelling / u.draws,
    };
  }
}
