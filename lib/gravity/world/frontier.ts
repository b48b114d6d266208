/**
 * The stochastic frontier gravity model on the China world panel: ln trade with every partner on
 * the world benchmark's regressors (and year effects), fitted by maximum likelihood as a
 * Battese-Coelli (1992) panel frontier (lib/stats/frontier). For the study's partners, each
 * year: technical efficiency TE = E[exp(-u) | e] with its Horrace-Schmidt interval, the frontier
 * potential actual / TE with the interval that maps from it, and the partner's rank among all
 * partners that year. Beside it, the same regressors pooled as a cross-section (the diagnostic of
 * the OLS residuals' skew).
 * @module
 */
import { InputError } from "../../errors.ts";
import { stochasticFrontier } from "../../stats/frontier/fit.ts";
import type {
  FrontierCoefficient,
  FrontierEstimate,
  FrontierLrTest,
  FrontierResult,
  PeriodEfficiency,
} from "../../stats/frontier/types.ts";
import type { NamedColumn } from "../../stats/types.ts";
import type { FrontierConfig } from "../config/frontier.ts";
import { benchmarkTerm } from "./benchmark.ts";
import type { ChinaWorldPanel, ChinaWorldRow } from "./china_world.ts";

/**
 * The code the world frontier fit depends on (this file, the estimator): the cache of the fit
 * (lib/gravity/world/load.ts) is keyed by their sizes and times too, so a change to the code is
 * never served a fit the old code made.
 */
export const FRONTIER_SOURCES: string[] = [
  "./frontier.ts",
  "./benchmark.ts",
  "../../stats/bfgs.ts",
  ...["efficiency", "fit", "inference", "likelihood", "problem", "start"].map((f) =>
    `../../stats/frontier/${f}.ts`
  ),
].map((p) => decodeURIComponent(new URL(p, import.meta.url).pathname));

/** One study partner-year on the frontier. */
export interface FrontierPartnerYear {
  country: string;
  year: number;
  /** Trade (US$), as in the panel. */
  actual: number;
  /** The deterministic frontier exp(x'b) (US$). */
  frontier: number;
  /** Technical (trade) efficiency and its interval (Horrace-Schmidt, at `config.level`). */
  efficiency: number;
  lower: number;
  upper: number;
  /** Frontier potential actual / efficiency (US$) and its interval (actual / upper, / lower). */
  potential: number;
  potentialLower: number;
  potentialUpper: number;
  /** Rank of the partner's efficiency among the `of` partners of the fit that year (1 = highest). */
  rank: number;
  of: number;
}

/** The same regressors pooled as one cross-section (every partner-year its own unit). */
export interface FrontierCrossSection {
  /** Skewness of the OLS residuals (a production frontier needs it negative). */
  skewness: number;
  gamma: number;
  meanEfficiency: number;
  /** 2 (logLik - OLS logLik). */
  lrStatistic: number;
  /** The estimator's warnings, in words. */
  warnings: string[];
}

/** The frontier fitted on the world panel, and what the study reads from it. */
export interface WorldFrontier {
  config: FrontierConfig;
  ok: boolean;
  /** Why the frontier could not be fitted (ok false). */
  reason?: string;
  /** The model in words (the estimator's description). */
  description: string;
  /** Partner-years in the fit, the partners and years they come from. */
  n: number;
  partners: number;
  years: number[];
  /** Partner-years of the window left out: a variable missing, or zero trade (no logarithm). */
  excluded: { missing: number; zeroTrade: number };
  /** Configured terms left out because they are constant on the rows used. */
  omitted: string[];
  coefficients: FrontierCoefficient[];
  sigmaSq: FrontierEstimate;
  gamma: FrontierEstimate;
  lambda: FrontierEstimate;
  mu?: FrontierEstimate;
  eta?: FrontierEstimate;
  sigmaUSq: number;
  sigmaVSq: number;
  logLik: number;
  olsLogLik: number;
  /** Skewness of the OLS residuals on the panel's rows. */
  skewness: number;
  lrTest: FrontierLrTest;
  meanEfficiency: number;
  meanEfficiencyByPeriod: PeriodEfficiency[];
  converged: boolean;
  /** The estimator's warnings (boundary, flat likelihood), in words. */
  warnings: string[];
  /** The pooled cross-section beside it (null when it could not be fitted). */
  crossSection: FrontierCrossSection | null;
  /** The study's partners, each year of the fit. */
  rows: FrontierPartnerYear[];
  /** Study partners with no partner-year in the fit. */
  missingPartners: string[];
}

/** Options of {@link runWorldFrontier}. */
export interface WorldFrontierOptions {
  /** The study's partners (their rows are reported). */
  partners: string[];
}

/** The rows of the window that enter the fit, and the counts left out. */
function frontierSample(world: ChinaWorldPanel, config: FrontierConfig) {
  const excluded = { missing: 0, zeroTrade: 0 };
  const rows: { row: ChinaWorldRow; x: number[] }[] = [];
  for (const row of world.rows) {
    if (row.year < config.years.from || row.year > config.years.to) continue;
    const x = config.terms.map((t) => benchmarkTerm(row, t, config.distance));
    if (Number.isNaN(row.trade) || x.some(Number.isNaN)) excluded.missing++;
    else if (!(row.trade > 0)) excluded.zeroTrade++;
    else rows.push({ row, x });
  }
  return { rows, excluded };
}

/** The regressors (terms constant on the sample left out and named) and the year effects. */
function frontierColumns(
  sample: { row: ChinaWorldRow; x: number[] }[],
  config: FrontierConfig,
): { columns: NamedColumn[]; omitted: string[] } {
  const omitted: string[] = [];
  const columns: NamedColumn[] = [];
  config.terms.forEach((name, j) => {
    const values = sample.map((s) => s.x[j]);
    if (values.every((v) => v === values[0])) omitted.push(name);
    else columns.push({ name, values });
  });
  if (config.fixedEffects.includes("year")) {
    const years = [...new Set(sample.map((s) => s.row.year))].sort((a, b) => a - b);
    for (const y of years.slice(1)) {
      columns.push({ name: `year_${y}`, values: sample.map((s) => (s.row.year === y ? 1 : 0)) });
    }
  }
  return { columns, omitted };
}

/** Rank of each row's efficiency within its year (1 = highest; ties share the better rank). */
function ranks(fit: FrontierResult): { rank: number[]; of: Map<number, number> } {
  const byYear = new Map<number, number[]>();
  for (const e of fit.efficiency) {
    const list = byYear.get(e.time!) ?? [];
    list.push(e.efficiency);
    byYear.set(e.time!, list);
  }
  const of = new Map([...byYear].map(([y, v]) => [y, v.length]));
  const rank = fit.efficiency.map((e) =>
    1 + byYear.get(e.time!)!.filter((v) => v > e.efficiency).length
  );
  return { rank, of };
}

/** The pooled cross-section (half-normal, as Waldman's skewness result is stated for it). */
function crossSection(y: number[], columns: NamedColumn[]): FrontierCrossSection | null {
  try {
    const r = stochasticFrontier(y, columns);
    return {
      skewness: r.ols.skewness,
      gamma: r.gamma.estimate,
      meanEfficiency: r.meanEfficiency,
      lrStatistic: r.lrTest.statistic,
      warnings: r.warnings,
    };
  } catch (e) {
    if (e instanceof InputError) return null;
    throw e;
  }
}

/** A frontier that could not be fitted: the counts and the reason, no estimates. */
function notFitted(
  config: FrontierConfig,
  base: Pick<WorldFrontier, "n" | "partners" | "years" | "excluded" | "omitted">,
  reason: string,
  partners: string[],
): WorldFrontier {
  const none = { estimate: NaN, stdError: NaN };
  return {
    config,
    ok: false,
    reason,
    description: "",
    ...base,
    coefficients: [],
    sigmaSq: none,
    gamma: none,
    lambda: none,
    sigmaUSq: NaN,
    sigmaVSq: NaN,
    logLik: NaN,
    olsLogLik: NaN,
    skewness: NaN,
    lrTest: { statistic: NaN, df: 0, pValue: NaN, criticalValue5: NaN, distribution: "" },
    meanEfficiency: NaN,
    meanEfficiencyByPeriod: [],
    converged: false,
    warnings: [],
    crossSection: null,
    rows: [],
    missingPartners: [...partners],
  };
}

/**
 * Fit the stochastic frontier gravity model on the China world panel (config.frontier) and
 * report the study partners' efficiency, frontier potential and rank each year. An input the
 * estimator refuses (too few rows, collinear terms) gives `ok: false` with the reason.
 *
 * @example
 * ```ts
 * const f = runWorldFrontier(worldPanel, FRONTIER_DEFAULTS, { partners: ["KAZ", "UZB"] });
 * f.gamma.estimate; f.rows[0].efficiency; f.rows[0].potential;
 * ```
 */
export function runWorldFrontier(
  world: ChinaWorldPanel,
  config: FrontierConfig,
  options: WorldFrontierOptions,
): WorldFrontier {
  const { rows: sample, excluded } = frontierSample(world, config);
  const { columns, omitted } = frontierColumns(sample, config);
  const base = {
    n: sample.length,
    partners: new Set(sample.map((s) => s.row.partner)).size,
    years: [...new Set(sample.map((s) => s.row.year))].sort((a, b) => a - b),
    excluded,
    omitted,
  };
  const y = sample.map((s) => Math.log(s.row.trade));
  let fit: FrontierResult;
  try {
    fit = stochasticFrontier(y, columns, {
      panel: { id: sample.map((s) => s.row.partner), time: sample.map((s) => s.row.year) },
      timeVarying: config.timeVarying,
      inefficiency: config.inefficiency,
      efficiency: config.efficiency,
      efficiencyLevel: config.level,
    });
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return notFitted(config, base, e.message, options.partners);
  }
  const study = new Set(options.partners);
  const { rank, of } = ranks(fit);
  const rows: FrontierPartnerYear[] = [];
  fit.efficiency.forEach((e, i) => {
    if (!study.has(e.id!)) return;
    const actual = sample[e.row - 1].row.trade; // e.row: 1-based row of the input
    rows.push({
      country: e.id!,
      year: e.time!,
      actual,
      frontier: Math.exp(e.frontier),
      efficiency: e.efficiency,
      lower: e.lower,
      upper: e.upper,
      potential: actual / e.efficiency,
      potentialLower: actual / e.upper,
      potentialUpper: actual / e.lower,
      rank: rank[i],
      of: of.get(e.time!)!,
    });
  });
  rows.sort((a, b) => a.country.localeCompare(b.country) || a.year - b.year);
  const seen = new Set(rows.map((r) => r.country));
  return {
    config,
    ok: true,
    description: fit.description,
    ...base,
    coefficients: fit.coefficients,
    sigmaSq: fit.sigmaSq,
    gamma: fit.gamma,
    lambda: fit.lambda,
    ...(fit.mu ? { mu: fit.mu } : {}),
    ...(fit.eta ? { eta: fit.eta } : {}),
    sigmaUSq: fit.sigmaUSq,
    sigmaVSq: fit.sigmaVSq,
    logLik: fit.logLik,
    olsLogLik: fit.ols.logLik,
    skewness: fit.ols.skewness,
    lrTest: fit.lrTest,
    meanEfficiency: fit.meanEfficiency,
    meanEfficiencyByPeriod: fit.meanEfficiencyByPeriod ?? [],
    converged: fit.converged,
    warnings: fit.warnings,
    crossSection: crossSection(y, columns),
    rows,
    missingPartners: options.partners.filter((p) => !seen.has(p)),
  };
}
