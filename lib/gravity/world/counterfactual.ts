/**
 * The study's general-equilibrium counterfactuals: each scenario of the config's `counterfactual`
 * section changes one term of the world PPML (the structural section's fit: ln distance and
 * contiguity with exporter-year and importer-year effects) on the pairs it names; the change in
 * the fitted index, coefficient x (new value - old value), is the partial effect ln B_ij that
 * lib/ge's exact method (`ge_gravity`'s hat algebra) solves the world equilibrium for, on the
 * baseline world of ge_world.ts. A scenario whose term the PPML does not have (an RTA) says so and
 * is not computed. Plain JSON out; formatting is in lib/gravity/render/counterfactual.ts.
 * @module
 */
import { conditionalFlows } from "../../ge/conditional.ts";
import { geExact } from "../../ge/exact.ts";
import type { GeResult } from "../../ge/types.ts";
import type { CounterfactualConfig, CounterfactualScenario } from "../config/counterfactual.ts";
import type { GeBaseline } from "./ge_world.ts";

/**
 * The source files of the counterfactual's computation: the study loader's cache of it
 * (lib/gravity/world/load.ts) is keyed by their sizes and times too, so a change to the code is
 * never served a result the old code made.
 */
export const COUNTERFACTUAL_SOURCES: string[] = [
  "./counterfactual.ts",
  "./ge_world.ts",
  ...["conditional", "equilibrium", "exact", "options"].map((f) => `../../ge/${f}.ts`),
].map((p) => decodeURIComponent(new URL(p, import.meta.url).pathname));

/** A coefficient of the world PPML (the structural section's). */
export interface WorldCoefficient {
  term: string;
  estimate: number;
  stdError: number;
}

/** One directed pair a scenario changes: the term before and after, and ln B (the partial effect). */
export interface ScenarioPairChange {
  exporter: string;
  importer: string;
  from: number;
  to: number;
  /** ln B_ij = coefficient x (to - from): the change of ln X_ij with prices and incomes fixed. */
  partial: number;
}

/** The reporter's trade with one partner (both directions summed, US$) in each reading. */
export interface BilateralChange {
  partner: string;
  baseline: number;
  /** Partial equilibrium: every flow times B_ij (prices, incomes and resistances fixed). */
  partial: number;
  /** Conditional GE: outputs and expenditures fixed, the multilateral resistances adjust. */
  conditional: number;
  /** Full GE: factory-gate prices, incomes and resistances adjust. */
  counterfactual: number;
  /** The three readings as percent changes from the baseline (null when it is 0). */
  partialChange: number | null;
  conditionalChange: number | null;
  counterfactualChange: number | null;
}

/** One scenario's result. */
export interface CounterfactualScenarioResult {
  scenario: CounterfactualScenario;
  ok: boolean;
  /** Why it was not computed (e.g. the world PPML has no such term). */
  reason?: string;
  /** The world PPML's coefficient of the scenario's term (null: the PPML has no such term). */
  coefficient: WorldCoefficient | null;
  /** How the partial effect is formed, in words. */
  change: string;
  /** Every directed pair of the scenario's set (a pair the change leaves as it was has ln B 0). */
  pairs: ScenarioPairChange[];
  /** The exact GE over the whole baseline world (flows: the pairs among the study's countries). */
  result: GeResult | null;
  /** The reporter's trade with each partner: baseline, partial, conditional and full GE. */
  bilateral: BilateralChange[];
  /** The same summed over the partners (`partner` is "all"). */
  total: BilateralChange | null;
  /** The countries outside the study most affected (largest |welfare change|), at most ten. */
  mostAffected: { country: string; welfareChange: number; realGdpChange: number }[];
}

/** The study countries' rows of the baseline (the flagged domestic flow of each). */
export interface BaselineStudyRow {
  country: string;
  gdp: number;
  exports: number;
  /** GDP - exports: the domestic flow the rule builds (flagged: not data). */
  domestic: number;
  /** domestic / GDP. */
  domesticShare: number;
}

/** The counterfactual section of the study. */
export interface CounterfactualResult {
  ok: boolean;
  reason?: string;
  config: CounterfactualConfig;
  /** The baseline world without its matrix: how it was built, who was left out and why. */
  baseline: Omit<GeBaseline, "flows" | "gdp" | "exports"> & {
    study: BaselineStudyRow[];
    /** Share of the year's international trade (US$) that is from or to a left-out country. */
    leftOutShare: number;
  };
  /** The world PPML's coefficients used (the structural section's fit). */
  coefficients: WorldCoefficient[];
  scenarios: CounterfactualScenarioResult[];
}

/**
 * The directed pairs of a scenario's pair set: reporter <-> each partner, among the partners, or
 * both.
 *
 * @example
 * ```ts
 * scenarioPairs("reporter-partners", "CHN", ["KAZ"]); // [["CHN", "KAZ"], ["KAZ", "CHN"]]
 * ```
 */
export function scenarioPairs(
  pairs: CounterfactualScenario["pairs"],
  reporter: string,
  partners: string[],
): [string, string][] {
  const out: [string, string][] = [];
  if (pairs !== "partners") {
    for (const p of partners) out.push([reporter, p], [p, reporter]);
  }
  if (pairs !== "reporter-partners") {
    for (const p of partners) for (const q of partners) if (p !== q) out.push([p, q]);
  }
  return out;
}

/** Why a term has no coefficient, in words. */
function missingTerm(term: string, coefficients: WorldCoefficient[]): string {
  const have = coefficients.map((c) => c.term).join(", ");
  return `the world PPML has no ${term} term (its terms: ${have})` +
    (term === "rta"
      ? `: the world data (CEPII GeoDist) carry no RTA indicator, so the study has no estimated ` +
        `effect of a trade agreement to apply, and none is assumed`
      : "");
}

/** The pairs a scenario changes and the words for its change, or why it cannot be formed. */
function scenarioChange(
  sc: CounterfactualScenario,
  baseline: GeBaseline,
  b: WorldCoefficient,
): { pairs: ScenarioPairChange[]; change: string } | { reason: string } {
  const geo = new Map(baseline.geography.map((g) => [`${g.exporter}|${g.importer}`, g]));
  const pairs: ScenarioPairChange[] = [];
  for (const [o, d] of scenarioPairs(sc.pairs, baseline.reporter, baseline.partners)) {
    const out = [o, d].find((c) => !baseline.countries.includes(c));
    if (out) return { reason: `${out} is not in the baseline world (see the countries left out)` };
    const g = geo.get(`${o}|${d}`);
    if (!g) return { reason: `no CEPII geography for the pair ${o}-${d}` };
    const from = sc.term === "ln_dist" ? g.lnDist : g.contig;
    const to = sc.distanceFactor !== undefined ? from + Math.log(sc.distanceFactor) : sc.set!;
    pairs.push({ exporter: o, importer: d, from, to, partial: b.estimate * (to - from) });
  }
  const change = sc.distanceFactor !== undefined
    ? `ln_dist + ln(${sc.distanceFactor}) on each pair: ln B = ${b.estimate.toFixed(4)} x ` +
      `ln(${sc.distanceFactor}) = ${(b.estimate * Math.log(sc.distanceFactor)).toFixed(4)}`
    : `${sc.term} set to ${sc.set} on each pair: ln B = ${b.estimate.toFixed(4)} x (${sc.set} - ` +
      `the pair's ${sc.term})`;
  return { pairs, change };
}

/** A reporter-partner trade in its four readings, with the percent changes. */
function bilateralChange(
  partner: string,
  baseline: number,
  partial: number,
  conditional: number,
  counterfactual: number,
): BilateralChange {
  const pct = (v: number) => (baseline === 0 ? null : (v / baseline - 1) * 100);
  return {
    partner,
    baseline,
    partial,
    conditional,
    counterfactual,
    partialChange: pct(partial),
    conditionalChange: pct(conditional),
    counterfactualChange: pct(counterfactual),
  };
}

/** One scenario on the baseline world. */
function runScenario(
  sc: CounterfactualScenario,
  baseline: GeBaseline,
  coefficients: WorldCoefficient[],
  config: CounterfactualConfig,
): CounterfactualScenarioResult {
  const empty = { pairs: [], result: null, bilateral: [], total: null, mostAffected: [] };
  const b = coefficients.find((c) => c.term === sc.term) ?? null;
  if (!b) {
    return {
      scenario: sc,
      ok: false,
      reason: missingTerm(sc.term, coefficients),
      coefficient: null,
      change: "",
      ...empty,
    };
  }
  const formed = scenarioChange(sc, baseline, b);
  if ("reason" in formed) {
    return { scenario: sc, ok: false, coefficient: b, change: "", ...empty, ...formed };
  }
  const { countries, flows } = baseline;
  const N = countries.length;
  const index = new Map(countries.map((c, k) => [c, k]));
  const partial = new Float64Array(N * N);
  for (const p of formed.pairs) {
    partial[index.get(p.exporter)! * N + index.get(p.importer)!] = p.partial;
  }
  const world = { countries, flows: Float64Array.from(flows) };
  const ge = geExact(world, partial, {
    theta: config.theta,
    deficits: config.deficits,
    reference: config.reference,
  });
  // conditional GE at conditionalFlows' own tolerance (1e-13 in logs a sweep)
  const cond = conditionalFlows(N, world.flows, partial.map(Math.exp));
  const study = [baseline.reporter, ...baseline.partners];
  const bilateral = baseline.partners.map((p): BilateralChange => {
    const cells = [[baseline.reporter, p], [p, baseline.reporter]].map(([o, d]) =>
      index.get(o)! * N + index.get(d)!
    );
    const sum = (f: (c: number) => number) => cells.reduce((s, c) => s + f(c), 0);
    return bilateralChange(
      p,
      sum((c) => flows[c]),
      sum((c) => flows[c] * Math.exp(partial[c])),
      sum((c) => cond.flows[c]),
      sum((c) => ge.flows[c].counterfactual),
    );
  });
  const add = (k: "baseline" | "partial" | "conditional" | "counterfactual") =>
    bilateral.reduce((s, x) => s + x[k], 0);
  const inStudy = (f: { exporter: string; importer: string }) =>
    study.includes(f.exporter) && study.includes(f.importer);
  return {
    scenario: sc,
    ok: true,
    coefficient: b,
    change: formed.change,
    pairs: formed.pairs,
    result: {
      ...ge,
      flows: ge.flows.filter(inStudy),
      notes: [...ge.notes, ...(cond.converged ? [] : ["the conditional flows did not converge"])],
    },
    bilateral,
    total: bilateralChange(
      "all",
      add("baseline"),
      add("partial"),
      add("conditional"),
      add("counterfactual"),
    ),
    mostAffected: ge.countries.filter((c) => !study.includes(c.country))
      .sort((a, c) =>
        Math.abs(c.welfare - 1) - Math.abs(a.welfare - 1) || (a.country < c.country ? -1 : 1)
      )
      .slice(0, 10)
      .map((c) => ({
        country: c.country,
        welfareChange: (c.welfare - 1) * 100,
        realGdpChange: c.realGdpChange,
      })),
  };
}

/**
 * Every scenario of the section on the baseline world, with the world PPML's coefficients (the
 * structural fit's); a scenario that cannot be formed says why, the others are solved by the
 * exact method. Not ok (with the reason) when the world PPML is not there.
 *
 * @example
 * ```ts
 * const r = runCounterfactual(baseline, config.counterfactual!, structural.coefficients);
 * r.scenarios.map((s) => s.total?.counterfactual); // the reporter-partner trade after each
 * ```
 */
export function runCounterfactual(
  baseline: GeBaseline,
  config: CounterfactualConfig,
  coefficients: WorldCoefficient[] | null,
  reason?: string,
): CounterfactualResult {
  const { gdp, exports, year, reporter, partners, countries, domesticRule, excluded } = baseline;
  const { trade, reports, geography } = baseline;
  const rest = { year, reporter, partners, countries, domesticRule, excluded, trade, reports };
  const index = new Map(baseline.countries.map((c, k) => [c, k]));
  const study = [baseline.reporter, ...baseline.partners].flatMap((country) => {
    const k = index.get(country);
    return k === undefined ? [] : [{
      country,
      gdp: gdp[k],
      exports: exports[k],
      domestic: gdp[k] - exports[k],
      domesticShare: (gdp[k] - exports[k]) / gdp[k],
    }];
  });
  const base = {
    config,
    baseline: {
      ...rest,
      geography,
      study,
      leftOutShare: trade.total > 0 ? trade.leftOut / trade.total : 0,
    },
    coefficients: coefficients ?? [],
  };
  if (!coefficients) {
    return {
      ok: false,
      reason: `no world PPML to take the trade costs from (${
        reason ?? "the structural section was not fitted"
      })`,
      ...base,
      scenarios: [],
    };
  }
  return {
    ok: true,
    ...base,
    scenarios: config.scenarios.map((sc) => runScenario(sc, baseline, coefficients, config)),
  };
}
