/**
 * The study's frontier section: the world frontier's efficiencies and frontier potential for the
 * study's partners beside every K the study has (the paper's, the in-sample K, the world
 * benchmark's), their rank correlations, the same model on the study's own five-partner panel
 * (why it is too thin) and the differences explained in plain words. Computed here; the
 * renderers only lay it out.
 * @module
 */
import jStat from "jstat";
import { InputError } from "../../errors.ts";
import { stochasticFrontier } from "../../stats/frontier/fit.ts";
import type { FrontierEstimate, FrontierLrTest } from "../../stats/frontier/types.ts";
import type { StudyConfig } from "../config/study.ts";
import type { PotentialRow } from "../potential/k.ts";
import type { DesignRow } from "../types.ts";
import type { BenchmarkResult } from "../world/benchmark.ts";
import type { FrontierPartnerYear, WorldFrontier } from "../world/frontier.ts";
import type { PaperPotential } from "./paper.ts";

/** A study partner-year on the frontier with the study's K values beside it. */
export interface FrontierKRow extends FrontierPartnerYear {
  /** The paper's K (Table 3), the in-sample K of the study, the world benchmark's K by estimator. */
  kPaper: number | null;
  kStudy: number | null;
  kBenchmark: { estimator: string; k: number | null }[];
}

/** Spearman's rank correlation of TE with one K over the partner-years that have both. */
export interface FrontierRankCorrelation {
  /** Which K: "paper", "in-sample", "benchmark OLS", "benchmark PPML". */
  k: string;
  n: number;
  /** NaN with fewer than 3 partner-years. */
  rho: number;
  /** Partner-years left out for a K that is not positive (the paper's log-ratio artefacts). */
  nonPositive: number;
}

/** The same frontier on the study's own panel (its equation, its partners only). */
export interface FrontierThinPanel {
  ok: boolean;
  reason?: string;
  n: number;
  partners: number;
  gamma?: FrontierEstimate;
  eta?: FrontierEstimate;
  lrTest?: FrontierLrTest;
  meanEfficiency?: number;
  /** Each partner's mean efficiency in the thin fit and in the world fit, over the same years. */
  byPartner: { country: string; thin: number; world: number | null }[];
  warnings: string[];
}

/** The frontier section of the study result. */
export interface StudyFrontier {
  /** The world fit (estimates, diagnostics, the cross-section beside it). */
  world: WorldFrontier;
  /** The study's partners each year: efficiency, frontier potential, rank and the K values. */
  rows: FrontierKRow[];
  correlations: FrontierRankCorrelation[];
  thin: FrontierThinPanel;
  /** The reading of the section in plain words (computed from the numbers above). */
  notes: string[];
}

/**
 * What the section reads from the rest of the study result (a `StudyResult` is one): the config,
 * the design, the in-sample K, the paper's Table 3 and the world benchmark.
 */
export interface FrontierStudyInputs {
  config: StudyConfig;
  data: { design: DesignRow[] };
  potential: Pick<PotentialRow, "country" | "year" | "k">[];
  paper?: { table3: PaperPotential[] } | null;
  benchmark?: BenchmarkResult | null;
}

const key = (country: string, year: number) => `${country}|${year}`;

/** The study's K values (paper, in-sample, benchmark) beside each frontier row. */
function withK(world: WorldFrontier, r: FrontierStudyInputs): FrontierKRow[] {
  const paper = new Map((r.paper?.table3 ?? []).map((p) => [key(p.country, p.year), p.k]));
  const study = new Map(r.potential.map((p) => [key(p.country, p.year), p.k]));
  const fits = (r.benchmark?.fits ?? []).filter((f) => f.ok).map((f) => ({
    estimator: f.estimator,
    k: new Map(f.k.map((k) => [key(k.country, k.year), k.k])),
  }));
  return world.rows.map((row) => {
    const at = key(row.country, row.year);
    return {
      ...row,
      kPaper: paper.get(at) ?? null,
      kStudy: study.get(at) ?? null,
      kBenchmark: fits.map((f) => ({ estimator: f.estimator, k: f.k.get(at) ?? null })),
    };
  });
}

/**
 * Spearman's rank correlation (average ranks for ties; jStat), NaN with fewer than 3 pairs.
 *
 * @example
 * ```ts
 * rankCorrelation([1, 2, 3], [10, 30, 20]); // 0.5
 * ```
 */
export function rankCorrelation(a: number[], b: number[]): number {
  return a.length < 3 ? NaN : jStat.spearmancoeff(a, b);
}

/** TE's rank correlation with each K (paper, in-sample, each benchmark fit). */
function correlations(rows: FrontierKRow[]): FrontierRankCorrelation[] {
  const series: [string, (r: FrontierKRow) => number | null][] = [
    ["paper", (r) => r.kPaper],
    ["in-sample", (r) => r.kStudy],
    ...(rows[0]?.kBenchmark ?? []).map((b, j): [string, (r: FrontierKRow) => number | null] => [
      `benchmark ${b.estimator === "ols" ? "OLS" : "PPML"}`,
      (r) => r.kBenchmark[j].k,
    ]),
  ];
  return series.map(([k, get]) => {
    const both = rows.filter((r) => typeof get(r) === "number" && get(r)! > 0);
    return {
      k,
      n: both.length,
      rho: rankCorrelation(both.map((r) => r.efficiency), both.map((r) => get(r)!)),
      nonPositive: rows.filter((r) => typeof get(r) === "number" && !(get(r)! > 0)).length,
    };
  });
}

/** The world fit's mean efficiency of `country` over `years` (null when it has none). */
function worldMean(world: WorldFrontier, country: string, years: Set<number>): number | null {
  const e = world.rows.filter((r) => r.country === country && years.has(r.year));
  return e.length ? e.reduce((s, r) => s + r.efficiency, 0) / e.length : null;
}

/**
 * The world frontier's model on the study's own complete partner-years (its equation (2) terms,
 * its partners): what a five-partner frontier gives.
 */
function thinPanel(config: StudyConfig, design: DesignRow[], world: WorldFrontier) {
  const rows = design.filter((d) => d.complete);
  const units = new Set(rows.map((d) => d.country));
  const base = { n: rows.length, partners: units.size, byPartner: [], warnings: [] };
  const fc = world.config;
  let fit;
  try {
    fit = stochasticFrontier(
      rows.map((d) => d.y!),
      config.terms.map((t) => ({ name: t.name, values: rows.map((d) => d.x[t.name]!) })),
      {
        panel: { id: rows.map((d) => d.country), time: rows.map((d) => d.year) },
        timeVarying: fc.timeVarying,
        inefficiency: fc.inefficiency,
        efficiency: fc.efficiency,
      },
    );
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return { ...base, ok: false, reason: e.message };
  }
  const byPartner = [...units].sort().map((country) => {
    const mine = fit.efficiency.filter((e) => e.id === country);
    return {
      country,
      thin: mine.reduce((s, e) => s + e.efficiency, 0) / mine.length,
      world: worldMean(world, country, new Set(mine.map((e) => e.time!))),
    };
  });
  return {
    ...base,
    ok: true,
    gamma: fit.gamma,
    ...(fit.eta ? { eta: fit.eta } : {}),
    lrTest: fit.lrTest,
    meanEfficiency: fit.meanEfficiency,
    byPartner,
    warnings: fit.warnings,
  };
}

/**
 * The study's frontier section from the world fit and the rest of the result (K values, the
 * design for the thin-panel fit).
 *
 * @example
 * ```ts
 * const section = studyFrontier(runWorldFrontier(world, config.frontier!, { partners }), result);
 * section.rows[0].efficiency; section.correlations; section.notes;
 * ```
 */
export function studyFrontier(world: WorldFrontier, r: FrontierStudyInputs): StudyFrontier {
  const rows = withK(world, r);
  const section: StudyFrontier = {
    world,
    rows,
    correlations: world.ok ? correlations(rows) : [],
    thin: world.ok ? thinPanel(r.config, r.data.design, world) : {
      ok: false,
      reason: "the world frontier was not fitted",
      n: 0,
      partners: 0,
      byPartner: [],
      warnings: [],
    },
    notes: [],
  };
  section.notes = frontierNotes(section);
  return section;
}

const f3 = (v: number) => v.toFixed(3);
const signed = (v: number) => (v > 0 ? "+" : "") + v.toFixed(3);
const pText = (p: number) => (p < 1e-4 ? "p < 0.0001" : `p = ${p.toFixed(4)}`);

/** Why the frontier is fitted on the world panel: the five-partner fit, in words. */
function thinNote(s: StudyFrontier): string {
  const w = s.world;
  const t = s.thin;
  const head = `A frontier is estimated from the spread across partners: the distribution of the ` +
    `shortfall u is learnt from how far partners fall below the best ones, one draw of u per ` +
    `partner (Battese and Coelli 1992), so it needs many partners.`;
  const tail = ` The study therefore fits the frontier on China's trade with all ${w.partners} ` +
    `partners of the world panel (${w.n} partner-years, ${w.years[0]}-${w.years.at(-1)}) and ` +
    `reads its five partners' efficiency off that fit.`;
  if (!t.ok) {
    return `${head} On the study's own panel (${t.partners} partners, ${t.n} partner-years) it ` +
      `cannot even be fitted: ${t.reason}.${tail}`;
  }
  const spread = t.byPartner.map((p) => p.thin);
  const both = t.byPartner.filter((p) => p.world !== null);
  const rho = rankCorrelation(both.map((p) => p.thin), both.map((p) => p.world!));
  const order = (get: (p: FrontierThinPanel["byPartner"][0]) => number) =>
    [...both].sort((a, b) => get(b) - get(a)).map((p) => p.country).join(" > ");
  const thinOrder = order((p) => p.thin);
  const worldOrder = order((p) => p.world!);
  const ordering = thinOrder === worldOrder
    ? `it orders the partners as the world frontier does (${thinOrder})`
    : `it orders the partners differently from the world frontier (by mean TE: ${thinOrder}, ` +
      `against ${worldOrder}` +
      (Number.isFinite(rho) ? `; rank correlation ${rho.toFixed(2)}` : "") +
      ")";
  return `${head} The study's own panel has ${t.partners} partners (${t.n} partner-years): the ` +
    `same model on its equation gives gamma = ${f3(t.gamma!.estimate)} (SE ` +
    `${f3(t.gamma!.stdError)}), each partner's efficiency measured against the best of these ` +
    `${t.partners} only (mean TE by partner from ${f3(Math.min(...spread))} to ` +
    `${f3(Math.max(...spread))}), and ${ordering}. With ${t.partners} partners there are only ` +
    `${t.partners} draws of u to learn its distribution from, and the standard errors and the ` +
    `LR test assume many.${tail}`;
}

/** The wrong skew of the pooled residuals and what the panel model reads as inefficiency. */
function skewNote(s: StudyFrontier): string {
  const w = s.world;
  const cs = w.crossSection;
  const pooled = cs
    ? `Pooled as a cross-section (each partner-year on its own), the OLS residuals are skewed ` +
      `${cs.skewness > 0 ? "the wrong way" : "the right way"} for a frontier (skewness ` +
      `${signed(cs.skewness)})` +
      (cs.skewness > 0
        ? `: partner-years fall above the line as far as below it, so the cross-section ` +
          `frontier finds no shortfall (gamma = ${f3(cs.gamma)}, mean TE ` +
          `${f3(cs.meanEfficiency)}; Waldman 1982).`
        : ` (gamma = ${f3(cs.gamma)}, mean TE ${f3(cs.meanEfficiency)}).`)
    : "";
  return `${pooled} The panel model finds gamma = ${f3(w.gamma.estimate)} (LR = ` +
    `${w.lrTest.statistic.toFixed(1)}, ${pText(w.lrTest.pValue)}) because it pools each ` +
    `partner's residuals over its years: a partner below the line year after year is read as ` +
    `inefficient. Any persistent trait of a partner that the regressors miss (trade policy, ` +
    `history, infrastructure, its trade with everyone else) therefore counts as inefficiency. ` +
    `TE here is China's trade with the partner relative to the best-performing partners with ` +
    `the same GDP, population and geography (mean over all partner-years ` +
    `${f3(w.meanEfficiency)}), not a measure of waste, and the frontier potential actual / TE ` +
    `is what China would trade with the partner if it matched those best partners: a ceiling, ` +
    `not a forecast.`;
}

/** What eta says about the time path of efficiency. */
function etaNote(w: WorldFrontier): string {
  if (!w.eta) {
    return `Inefficiency is time-invariant (u_i): each partner's TE is the same every year.`;
  }
  const e = w.eta.estimate;
  return `eta = ${e.toFixed(4)} (SE ${w.eta.stdError.toFixed(4)}): inefficiency u_it = ` +
    `exp(-eta (t - T_i)) u_i ${e > 0 ? "shrinks" : "grows"} over time by the same factor for ` +
    `every partner, so every partner's TE ${e > 0 ? "rises" : "falls"} a little each year; ` +
    `the model lets the level of inefficiency differ by partner, not its trend.`;
}

/** K against TE: different distances, the same ordering (or not), with the rank correlations. */
function kNote(s: StudyFrontier): string {
  const rhos = s.correlations.filter((c) => c.n >= 3).map((c) =>
    `${c.k} ${c.rho.toFixed(2)} (n = ${c.n}` +
    (c.nonPositive ? `; ${c.nonPositive} K not above 0 left out` : "") + ")"
  );
  return `K and TE measure different distances: K = actual / the fitted mean compares a ` +
    `partner with the average partner like it (K near 1 is ordinary), TE compares it with the ` +
    `best partners like it (always below 1), so a partner can have K above 1 and TE well below ` +
    `1. They can share the ordering` +
    (rhos.length ? `: the rank correlation of TE with each K is ${rhos.join(", ")}.` : ".") +
    ` The in-sample K compares the five with each other through equation (2), the benchmark K ` +
    `with the world's average partner (the five left out of its fit), the frontier with the ` +
    `world's best; the paper's K comes from its own regression on unpublished data.`;
}

/** The most and least efficient of the study's partners in the last year. */
function lastYearNote(s: StudyFrontier): string | null {
  const last = Math.max(...s.rows.map((r) => r.year));
  const rows = s.rows.filter((r) => r.year === last).sort((a, b) => b.efficiency - a.efficiency);
  if (rows.length < 2) return null;
  const d = (r: FrontierKRow) =>
    `${r.country} (TE ${r.efficiency.toFixed(2)}, rank ${r.rank} of ${r.of} partners; frontier ` +
    `potential ${(r.potential / 1e9).toFixed(1)} against actual ${(r.actual / 1e9).toFixed(1)} ` +
    `US$ bn)`;
  return `In ${last} the most efficient of the study's partners is ${d(rows[0])}, the least ` +
    `${d(rows[rows.length - 1])}.`;
}

/** The section's reading in plain words (each sentence computed from the section's numbers). */
function frontierNotes(s: StudyFrontier): string[] {
  const w = s.world;
  if (!w.ok) return [`The stochastic frontier could not be fitted: ${w.reason}.`];
  const notes = [thinNote(s), skewNote(s), etaNote(w), kNote(s)];
  const last = lastYearNote(s);
  if (last) notes.push(last);
  if (w.missingPartners.length) {
    notes.push(`No partner-year in the frontier's sample for ${w.missingPartners.join(", ")}.`);
  }
  return notes;
}
