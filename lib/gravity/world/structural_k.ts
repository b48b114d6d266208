/**
 * The structural K from the fitted flows, under the study's one K definition: per partner-year
 * both directions of trade summed, K = actual / predicted (the structural model is PPML, which
 * predicts the mean in levels, so Duan's smearing does not apply and is said not to), or
 * ln(actual) / ln(predicted) under the log ratio; its interval and class probabilities from
 * draws of the two slopes, the fixed effects held at their estimates.
 * @module
 */
import jStat from "jstat";
import { coefficientDraws } from "../../stats/random.ts";
import { classifyK } from "../potential/k.ts";
import { type KDefinitionUse, kValue } from "../potential/definition.ts";
import type { KUncertaintyFields } from "../potential/intervals.ts";
import type { PotentialClass, Thresholds } from "../types.ts";
import type { ReportedBy } from "./structural_flows.ts";

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
  /** Who reported `actual`: the exporter (its exports) or the importer (its imports). */
  reportedBy: ReportedBy;
  /** The other report of a partner's exports to the reporter (null: none, or another flow). */
  alternative: number | null;
  /** Why this report is used, when it is not simply the partner's own under the rule. */
  reason?: string;
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

/** The slopes' names, in the order of the slope covariance. */
const SLOPES = ["ln_dist", "contig"];

/**
 * K of one partner-year from its flows: actual and predicted summed over the directions, K under
 * the definition as applied (fitted = ln of the summed prediction), and its class.
 *
 * @example
 * ```ts
 * const k = structuralKOf("KAZ", 2019, flows, kDefinitionUse("level", "ppml"), thresholds);
 * k.k; // sum of actual / sum of predicted
 * ```
 */
export function structuralKOf(
  country: string,
  year: number,
  flows: StructuralFlow[],
  use: Pick<KDefinitionUse, "applied" | "factor">,
  thresholds: Thresholds,
): StructuralK {
  const actual = flows.reduce((a, x) => a + x.actual, 0);
  const predicted = flows.reduce((a, x) => a + x.predicted, 0);
  const k = kValue(actual, Math.log(predicted), use);
  return {
    country,
    year,
    actual,
    predicted,
    k,
    class: classifyK(k, thresholds),
    flows,
    kLower: null,
    kUpper: null,
    classProbabilities: null,
  };
}

/**
 * Intervals and class probabilities of the structural K, conditional on the estimated fixed
 * effects: draws of the two slopes from a normal with their covariance (PPML inference is
 * normal), K* = the definition's K of sum actual against sum exp(b* x + fixed effects) per
 * partner-year.
 *
 * @example
 * ```ts
 * addStructuralUncertainty(result, [[1e-3, 0], [0, 1e-2]], uncertaintyConfig, thresholds);
 * ```
 */
export function addStructuralUncertainty(
  result: { coefficients: { term: string; estimate: number }[]; k: StructuralK[] },
  slopeCov: number[][],
  u: { level: number; draws: number; seed: number },
  thresholds: Thresholds,
  use: Pick<KDefinitionUse, "applied" | "factor"> = { applied: "level", factor: 1 },
): void {
  const beta = SLOPES.map((t) => result.coefficients.find((c) => c.term === t)?.estimate ?? 0);
  const draws = coefficientDraws(beta, slopeCov, Infinity, u.draws, u.seed);
  const ks = new Float64Array(u.draws);
  for (const k of result.k) {
    const counts = { huge: 0, expanding: 0, remodelling: 0 };
    draws.forEach((b, d) => {
      let pred = 0;
      for (const f of k.flows) {
        pred += Math.exp(b[0] * f.lnDist + b[1] * f.contig + f.feExporter + f.feImporter);
      }
      ks[d] = kValue(k.actual, Math.log(pred), use);
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
