/**
 * The structural alternative on the world matrix: PPML of every reporter's exports to every
 * partner on ln distance and contiguity with exporter-year and importer-year fixed effects
 * (Anderson and van Wincoop's multilateral resistances, as in Yotov et al. 2016). The China-CA5
 * pairs' actual / predicted trade (both directions summed, fixed effects included) is a third K,
 * under the study's one K definition (structural_k.ts). Each partner's exports to China enter as
 * the report the config's rule trusts (structural_flows.ts), the choice kept per partner-year, and
 * the model is refitted under the other rule for a sensitivity line.
 * @module
 */
import { InputError } from "../../errors.ts";
import type { GeoPair } from "../../data/sources/cepii.ts";
import type { IndexedWorldTrade } from "./china_world.ts";
import type { PartnerExportsRule, StructuralConfig } from "../config/structural.ts";
import type { KDefinition, Thresholds } from "../types.ts";
import { type KDefinitionUse, kDefinitionUse } from "../potential/definition.ts";
import {
  chooseReport,
  otherRule,
  type PartnerReport,
  type StructuralColumns,
  structuralFlows,
} from "./structural_flows.ts";
import {
  addStructuralUncertainty,
  type StructuralFlow,
  type StructuralK,
  structuralKOf,
} from "./structural_k.ts";

export { addStructuralUncertainty } from "./structural_k.ts";
export type { StructuralFlow, StructuralK } from "./structural_k.ts";

/**
 * The code the structural fit depends on (the flows, K, the PPML solver): the cache of the fit
 * (lib/gravity/world/load.ts) is keyed by their sizes and times too, so a change to the code is
 * never served a fit the old code made.
 */
export const STRUCTURAL_SOURCES: string[] = [
  "./structural.ts",
  "./structural_flows.ts",
  "./structural_k.ts",
  ...[
    "demean",
    "demean_ends",
    "demean_kernels",
    "design",
    "estimate",
    "fe",
    "fit",
    "poisson",
    "ppml",
    "ppml_fe",
    "ppml_steps",
    "separation",
    "spec",
  ].map((f) => `../../stats/model/${f}.ts`),
  "../../stats/vcov.ts",
].map((p) => decodeURIComponent(new URL(p, import.meta.url).pathname));

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
  /** How this K applies the study's K definition (PPML: Duan's smearing does not apply). */
  kDefinition: KDefinitionUse;
  k: StructuralK[];
  /** Covariance of (ln_dist, contig) used for the intervals (null: no intervals). */
  slopeCovariance?: number[][] | null;
  /** Both reports of each study partner's exports to the reporter and the one used, per year. */
  reports: PartnerReport[];
  /** K of the partner-years the other rule reads differently, refitted (null: none differ). */
  sensitivity: StructuralSensitivity | null;
  /** Two sentences on what this K measures. */
  meaning: string;
}

/** The structural K refitted under the other rule for the partners' exports (a sensitivity). */
export interface StructuralSensitivity {
  partnerExports: PartnerExportsRule;
  ok: boolean;
  reason?: string;
  /** K of the partner-years whose partner-export report differs between the two rules. */
  k: StructuralK[];
}

/** Options of {@link runStructural}. */
export interface StructuralOptions {
  reporter: string;
  partners: string[];
  thresholds: Thresholds;
  estimator: StructuralEstimator;
  /** Draws, seed and level of the intervals (none without). */
  uncertainty?: { enabled: boolean; level: number; draws: number; seed: number };
  /** The study's K definition (config.potential.definition; default "level"). */
  definition?: KDefinition;
  /** Refit under the other partner-export rule for the sensitivity line (default true). */
  sensitivity?: boolean;
}

/** What the structural K measures (README and reports). */
export const STRUCTURAL_MEANING =
  "The structural K compares China's trade with a partner with what a world gravity model " +
  "predicts once each country's exporter-year and importer-year fixed effects absorb its size " +
  "and its multilateral resistance (its trade costs with everyone else), so only distance and " +
  "contiguity explain the pair. K > 1 means the pair trades more than its geography predicts " +
  "given both countries' overall trade that year; it says nothing about GDP or population " +
  "directly, which the fixed effects have already used.";

/**
 * Fit the structural model on the world matrix (exporter-reported exports, flow 0, each study
 * partner's exports to the reporter as the config's rule reads them) and compute the
 * China-partner K under the study's definition; refit under the other rule for the partner-years
 * it reads differently (the sensitivity).
 *
 * @example
 * ```ts
 * const s = runStructural(world, geo, config, { reporter: "CHN", partners, thresholds, estimator });
 * s.sensitivity?.k; // K-struct of the replaced partner-years with the partners' own reports
 * ```
 */
export function runStructural(
  world: IndexedWorldTrade,
  geo: GeoPair[],
  config: StructuralConfig,
  options: StructuralOptions,
): StructuralResult {
  const main = fitStructural(world, geo, config, options);
  const other = otherRule(config.partnerExports);
  const differ = new Set(
    main.reports.filter((r) => chooseReport(other, config.untrusted, r).used !== r.used)
      .map((r) => `${r.partner}|${r.year}`),
  );
  if (main.ok && options.sensitivity !== false && differ.size) {
    const alt = fitStructural(world, geo, { ...config, partnerExports: other }, options);
    main.sensitivity = {
      partnerExports: other,
      ok: alt.ok,
      ...(alt.reason ? { reason: alt.reason } : {}),
      k: alt.k.filter((k) => differ.has(`${k.country}|${k.year}`)),
    };
  }
  return restateStructural(main, options);
}

/**
 * The K of a structural result (and of its sensitivity) recomputed from its flows under a K
 * definition and thresholds, with the intervals when `uncertainty` is on and the slopes'
 * covariance is known: how a cached fit is read under the study's settings.
 *
 * @example
 * ```ts
 * const r = restateStructural(cached, { thresholds, definition: "log-ratio", uncertainty });
 * r.k[0].k; // ln(actual) / ln(predicted)
 * ```
 */
export function restateStructural(
  result: StructuralResult,
  options: Pick<StructuralOptions, "thresholds" | "definition" | "uncertainty">,
): StructuralResult {
  const use = kDefinitionUse(options.definition ?? "level", "ppml");
  const restate = (ks: StructuralK[]) =>
    ks.map((k) => structuralKOf(k.country, k.year, k.flows, use, options.thresholds));
  const out: StructuralResult = {
    ...result,
    kDefinition: use,
    k: restate(result.k),
    sensitivity: result.sensitivity
      ? { ...result.sensitivity, k: restate(result.sensitivity.k) }
      : null,
  };
  const u = options.uncertainty;
  if (u?.enabled && out.slopeCovariance) {
    addStructuralUncertainty(out, out.slopeCovariance, u, options.thresholds, use);
  }
  return out;
}

/** One fit of the structural model under the config's rule, its K read as the level ratio. */
function fitStructural(
  world: IndexedWorldTrade,
  geo: GeoPair[],
  config: StructuralConfig,
  options: StructuralOptions,
): StructuralResult {
  const { cols, noGeography, reports } = structuralFlows(world, geo, config, options);
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
    kDefinition: kDefinitionUse("level", "ppml"),
    k: [],
    reports,
    sensitivity: null,
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
  return {
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
    k: structuralK(fit, cols, options),
    slopeCovariance: slopeCov,
  };
}

/** The China-partner K from a fit: both directions summed, every piece of the prediction kept. */
function structuralK(
  fit: ReturnType<StructuralEstimator["fitModel"]>,
  cols: StructuralColumns,
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
    const alternative = cols.alternative[i];
    flows.set(key, [...(flows.get(key) ?? []), {
      exporter: o,
      importer: d,
      actual: cols.trade[i],
      lnDist: cols.lnDist[i],
      contig: cols.contig[i],
      feExporter,
      feImporter,
      predicted: Math.exp(lin),
      reportedBy: cols.reportedBy[i],
      alternative: Number.isNaN(alternative) ? null : alternative,
      ...(cols.reason[i] ? { reason: cols.reason[i] } : {}),
    }]);
  }
  const level = { applied: "level" as const, factor: 1 };
  return [...flows].filter(([, f]) => f.every((x) => Number.isFinite(x.predicted)))
    .map(([key, f]) => {
      const [country, year] = key.split("|");
      return structuralKOf(country, Number(year), f, level, options.thresholds);
    }).sort((a, c) => a.country < c.country ? -1 : a.country > c.country ? 1 : a.year - c.year);
}
