/**
 * What the study found, read off the finished result: the sample and fit, which coefficients are
 * significant and whether they agree with the paper, how the K classes fall and how sure each is,
 * and one headline per later section present. Plain JSON (`findings` in results.json); the
 * terminal summary and report.html print its `sentences` and compute nothing.
 *
 * A new section of the study adds its headline by adding one function to
 * {@link SECTION_HEADLINES} (it returns null when its section is absent from the result).
 * @module
 */
import type { PotentialClass } from "../types.ts";
import type { CoefficientFinding, SectionHeadline, StudyFindings, StudyResult } from "./types.ts";

/** A study result before its findings are added (what {@link studyFindings} reads). */
type Result = Omit<StudyResult, "findings">;

/** Significance level of the findings (two-sided p below it: "significant"). */
export const SIGNIFICANCE = 0.05;

/** A class probability at or above this makes a K's class "probable" in the findings. */
export const PROBABLE_CLASS = 0.9;

const f3 = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : "n/a");
const CLASSES: PotentialClass[] = ["huge", "expanding", "remodelling"];

/** Class counts as "6 huge, 14 expanding, 7 remodelling". */
const classWords = (counts: Record<PotentialClass, number>) =>
  CLASSES.map((c) => `${counts[c]} ${c}`).join(", ");

/** Count classes of rows that have one. */
function countClasses(rows: { class: PotentialClass | null }[]): Record<PotentialClass, number> {
  const counts: Record<PotentialClass, number> = { huge: 0, expanding: 0, remodelling: 0 };
  for (const r of rows) if (r.class) counts[r.class]++;
  return counts;
}

/** Our coefficients with their significance and the paper's beside them. */
function coefficientFindings(r: Result): CoefficientFinding[] {
  const fit = r.regression.fit;
  if (!fit) return [];
  const paper = new Map((r.paper?.table2 ?? []).map((p) => [p.term, p]));
  // the slopes in fit order, the intercept last (as Table 2 lists them)
  const ordered = [
    ...fit.coefficients.filter((c) => c.term !== "(Intercept)"),
    ...fit.coefficients.filter((c) => c.term === "(Intercept)"),
  ];
  return ordered.map((c) => {
    const term = c.term === "(Intercept)" ? "_cons" : c.term;
    const p = paper.get(term);
    return {
      term,
      estimate: c.estimate,
      stdError: c.stdError,
      p: c.p,
      significant: c.p < SIGNIFICANCE,
      paper: p
        ? {
          estimate: p.coefficient,
          p: p.p,
          significant: p.p < SIGNIFICANCE,
          sameSign: Math.sign(p.coefficient) === Math.sign(c.estimate),
        }
        : null,
    };
  });
}

/**
 * The sentence on the benchmark's K classes by estimator (null without a benchmark).
 *
 * @example
 * ```ts
 * benchmarkHeadline(result)?.headline; // "World benchmark (CHN's trade with 189 other partners, ..."
 * ```
 */
export function benchmarkHeadline(r: Result): SectionHeadline | null {
  const b = r.benchmark;
  if (!b || !b.fits.length) return null;
  const label = (e: string) => (e === "ols" ? "OLS" : "PPML");
  const ok = b.fits.find((f) => f.ok);
  const parts = b.fits.map((f) => {
    if (!f.ok) return `${label(f.estimator)} not estimated (${f.reason})`;
    const withK = f.k.filter((k) => k.class !== null);
    return `by ${label(f.estimator)}, ${classWords(countClasses(withK))} of ${withK.length}`;
  });
  const where = b.config.outOfSample ? "the study's partners out of sample" : "in sample";
  return {
    section: "benchmark",
    headline: `World benchmark (${r.config.reporter}'s trade with ` +
      `${ok ? ok.partners.length : 0} other partners, ${b.config.years.from}-` +
      `${b.config.years.to}, ${where}): K classes of the study's partner-years ` +
      `${parts.join("; ")}.`,
  };
}

/**
 * The sentence on the structural K (null when not configured or not computed).
 *
 * @example
 * ```ts
 * structuralHeadline(result)?.headline; // "Structural K (PPML with exporter-year and ..."
 * ```
 */
export function structuralHeadline(r: Result): SectionHeadline | null {
  const s = r.structural;
  if (!s) return null;
  if (!s.ok) return { section: "structural", headline: `Structural K not computed: ${s.reason}.` };
  const dist = s.coefficients.find((c) => c.term === "ln_dist");
  return {
    section: "structural",
    headline: `Structural K (PPML with exporter-year and importer-year effects, ${s.n} flows): ` +
      `${classWords(countClasses(s.k))} of ${s.k.length} partner-years` +
      (dist ? `; distance elasticity ${f3(dist.estimate)} (SE ${f3(dist.stdError)})` : "") + ".",
  };
}

/**
 * The sentence comparing the first two sensitivity variants: N, the coefficients that move by more
 * than one SE of the first, the K classes that change (null with fewer than two variants).
 *
 * @example
 * ```ts
 * sensitivityHeadline(result)?.headline; // "Sensitivity (with the mirror fill instead of ...): N 27 -> 29; ..."
 * ```
 */
export function sensitivityHeadline(r: Result): SectionHeadline | null {
  const s = r.sensitivity;
  if (!s || s.variants.length < 2) return null;
  const [a, b] = s.variants;
  if (!a.estimable || !b.estimable) {
    const not = [a, b].filter((v) => !v.estimable).map((v) => `${v.label} (${v.reason})`);
    return { section: "sensitivity", headline: `Sensitivity: not estimated: ${not.join("; ")}.` };
  }
  const moved = a.coefficients.filter((c) => {
    const o = b.coefficients.find((x) => x.term === c.term);
    return c.estimate !== null && c.stdError !== null && o?.estimate != null &&
      Math.abs(o.estimate - c.estimate) > c.stdError;
  }).map((c) => c.term);
  const cc = s.classChange;
  return {
    section: "sensitivity",
    headline: `Sensitivity (${b.label} instead of ${a.label}): N ${a.n} -> ${b.n}; ` +
      `${moved.length} of ${a.coefficients.length} coefficients move by more than one SE` +
      (moved.length ? ` (${moved.join(", ")})` : "") +
      `; ${cc.changed} of ${cc.compared} K classes change.`,
  };
}

/**
 * The sentence on the forecasts: at how many horizons of the rolling origins the model has the
 * lowest error, and the out-of-time validation (or why there is none).
 *
 * @example
 * ```ts
 * forecastHeadline(result)?.headline; // "Forecast: over the rolling origins the model has ..."
 * ```
 */
export function forecastHeadline(r: Result): SectionHeadline | null {
  const f = r.forecast;
  if (!f) return null;
  const usable = f.rolling.byHorizon.filter((h) => h.n > 0);
  const best = usable.map((h) =>
    (Object.entries(h.male) as [string, number][]).filter(([, v]) => Number.isFinite(v))
      .reduce((x, y) => (y[1] < x[1] ? y : x), ["none", Infinity])[0]
  );
  const modelWins = best.filter((m) => m === "model").length;
  const others = [...new Set(best.filter((m) => m !== "model"))];
  const rolling = usable.length
    ? `over the rolling origins the model has the lowest mean absolute log error at ` +
      `${modelWins} of ${usable.length} horizons` +
      (others.length ? ` (the naive ${others.join(" or ")} rule at the others)` : "")
    : "the rolling origins give no horizon every method forecasts";
  const m = f.metrics;
  const validation = m.modelAll.n
    ? `after the cut-off ${m.cutoff} the model's mean absolute log error is ` +
      `${f3(m.modelAll.male)} on ${m.modelAll.n} partner-years, its intervals covering ` +
      `${m.coverage.covered} of ${m.coverage.n}`
    : `no partner-year after the cut-off ${m.cutoff} can be forecast out of time` +
      (m.excluded.length ? ` (${m.excluded.length} lack a regressor)` : "");
  return { section: "forecast", headline: `Forecast: ${rolling}; ${validation}.` };
}

/**
 * The sentence on the stochastic frontier: each partner's trade efficiency in the last year the
 * frontier covers (with its rank among all partners), and how well efficiency orders the
 * partner-years as the benchmark K does.
 *
 * @example
 * ```ts
 * frontierHeadline(result)?.headline; // "Frontier: trade efficiency in 2020: KGZ 0.90 (5 of 191), ..."
 * ```
 */
export function frontierHeadline(r: Result): SectionHeadline | null {
  const f = r.frontier;
  if (!f) return null;
  if (!f.world.ok || f.rows.length === 0) {
    return {
      section: "frontier",
      headline: `Frontier: not estimated (${f.world.reason ?? "no rows"}).`,
    };
  }
  const last = Math.max(...f.rows.map((x) => x.year));
  const rows = f.rows.filter((x) => x.year === last).sort((a, b) => b.efficiency - a.efficiency);
  const te = rows.map((x) => `${x.country} ${x.efficiency.toFixed(2)} (${x.rank} of ${x.of})`);
  const rho = f.correlations.filter((c) => Number.isFinite(c.rho))
    .map((c) => `${c.k} ${c.rho.toFixed(2)}`);
  return {
    section: "frontier",
    headline: `Frontier: trade efficiency (actual / frontier) in ${last}: ${te.join(", ")}` +
      (rho.length ? `; its rank correlation with K: ${rho.join(", ")}` : "") +
      "; read it as the distance to the best-performing partners, not as waste.",
  };
}

/**
 * The sentence on the general-equilibrium counterfactuals: for each computed scenario, the
 * reporter's trade with the partners in full GE (beside partial equilibrium) and each study
 * country's welfare change; for each scenario not computed, why; the baseline's flagged rule.
 *
 * @example
 * ```ts
 * counterfactualHeadline(result)?.headline; // "Counterfactuals (exact GE on the 2019 world ..."
 * ```
 */
export function counterfactualHeadline(r: Result): SectionHeadline | null {
  const c = r.counterfactual;
  if (!c) return null;
  const b = c.baseline;
  if (!c.ok) {
    return { section: "counterfactual", headline: `Counterfactuals: not computed (${c.reason}).` };
  }
  const signed = (v: number | null, d: number) =>
    v === null ? "n/a" : `${v >= 0 ? "+" : ""}${v.toFixed(d)}%`;
  const parts = c.scenarios.map((s) => {
    if (!s.ok || !s.result || !s.total) {
      const why = s.coefficient
        ? s.reason
        : `no estimated ${s.scenario.term} effect in the world PPML`;
      return `${s.scenario.name}: not computed (${why})`;
    }
    const welfare = s.result.countries.filter((x) =>
      x.country === r.config.reporter || r.config.partners.includes(x.country)
    ).map((x) => `${x.country} ${signed((x.welfare - 1) * 100, 3)}`);
    return `${s.scenario.name}: ${r.config.reporter}'s trade with the partners ` +
      `${signed(s.total.counterfactualChange, 1)} (partial equilibrium ` +
      `${signed(s.total.partialChange, 1)}), welfare ${welfare.join(", ")}`;
  });
  return {
    section: "counterfactual",
    headline: `Counterfactuals (exact general equilibrium on the ${b.year} world of ` +
      `${b.countries.length} countries, theta ${c.config.theta}; domestic sales are GDP minus ` +
      `exports, a flagged rule; ${b.excluded.noGdp.length + b.excluded.nonPositive.length} ` +
      `countries left out): ${parts.join("; ")}.`,
  };
}

/**
 * The headline of each later section, in report order. A new section of the study (e.g. a
 * counterfactual or a frontier) adds its function here; it returns null when absent.
 */
export const SECTION_HEADLINES: ((r: Result) => SectionHeadline | null)[] = [
  benchmarkHeadline,
  structuralHeadline,
  sensitivityHeadline,
  frontierHeadline,
  counterfactualHeadline,
  forecastHeadline,
];

/** The sentences on the sample, fit and coefficients (or why there is no regression). */
function regressionSentences(r: Result, f: Omit<StudyFindings, "sentences">): string[] {
  const s = f.sample;
  if (!f.fit || !s.years) {
    return [
      `No regression: ${f.reason ?? "not estimated"}. The coverage, the CBEC index and the ` +
      `paper's tables are still computed.`,
    ];
  }
  const slopes = f.coefficients.filter((c) => c.term !== "_cons");
  const sig = slopes.filter((c) => c.significant);
  const not = slopes.filter((c) => !c.significant);
  const pct = `${+(100 * f.level).toFixed(2)}%`;
  return [
    `Sample: ${s.n} of the ${s.partnerYears} partner-years (${s.partners} partners, ` +
    `${s.years.from}-${s.years.to}) have ln ${r.config.dependent.variable} and every term; ` +
    `R2 = ${f3(f.fit.r2)} (adjusted ${f3(f.fit.adjR2)}), SE ${f.fit.se}.`,
    (sig.length
      ? `Significant at ${pct}: ${
        sig.map((c) => `${c.term} ${f3(c.estimate)} (SE ${f3(c.stdError)})`).join(", ")
      }`
      : `No coefficient is significant at ${pct}`) +
    (not.length ? `; not distinguishable from zero: ${not.map((c) => c.term).join(", ")}.` : "."),
  ];
}

/** The sentences on the paper: signs, its significant coefficients, classes. */
function paperSentences(f: Omit<StudyFindings, "sentences">): string[] {
  if (!f.paper) return [];
  const pct = `${+(100 * f.level).toFixed(2)}%`;
  const opposite = f.coefficients.filter((c) => c.paper && !c.paper.sameSign).map((c) => c.term);
  const theirs = f.coefficients.filter((c) => c.paper?.significant);
  const kept = theirs.filter((c) => c.significant && c.paper!.sameSign).map((c) => c.term);
  const out: string[] = [];
  if (f.paper.signs.compared) {
    out.push(
      `Against the paper: ${f.paper.signs.agree} of ${f.paper.signs.compared} coefficients have ` +
        `its sign` + (opposite.length ? ` (opposite: ${opposite.join(", ")})` : "") +
        (theirs.length
          ? `; of the ${theirs.length} it finds significant at ${pct} (${
            theirs.map((c) => c.term).join(", ")
          }), ${kept.length} ${kept.length === 1 ? "is" : "are"} significant here with the ` +
            `same sign${kept.length ? ` (${kept.join(", ")})` : ""}`
          : "") +
        ".",
    );
  }
  return out;
}

/** The sentence on our K classes, how sure they are, and the paper's classes. */
function classSentences(r: Result, f: Omit<StudyFindings, "sentences">): string[] {
  const c = f.classes;
  if (!c.n) return [];
  const u = r.uncertainty;
  const sure = c.probable !== null && u
    ? `; the class has probability >= ${PROBABLE_CLASS} in ${c.probable} of ${c.n} ` +
      `(${Math.round(100 * u.level)}% intervals from ${u.draws} draws of the coefficients)`
    : "";
  const paper = f.paper?.classes.compared
    ? ` ${f.paper.classes.agree} of the ${f.paper.classes.compared} country-years both tables ` +
      `classify have the paper's class.`
    : "";
  return [
    `Trade potential K: ${c.n} partner-years classified, ${classWords(c.counts)}${sure}.${paper}`,
  ];
}

/**
 * The study's findings from a finished result (every part but `findings` itself): the
 * structured facts and the sentences the summary and report print.
 *
 * @example
 * ```ts
 * const f = studyFindings(result);
 * f.coefficients.filter((c) => c.significant).map((c) => c.term); // ["ln_pgdp", ...]
 * f.sentences[0]; // "Sample: 27 of the 40 partner-years (5 partners, 2015-2020) have ..."
 * ```
 */
export function studyFindings(r: Result): StudyFindings {
  const fit = r.regression.fit;
  const years = r.regression.sample.map((s) => s.year);
  const withK = r.potential.filter((p) => p.k !== null && p.class !== null);
  const probable = r.uncertainty
    ? withK.filter((p) => (p.classProbabilities?.[p.class!] ?? 0) >= PROBABLE_CLASS).length
    : null;
  const coefficients = coefficientFindings(r);
  const cmp = r.paper?.comparison;
  const theirs = coefficients.filter((c) => c.paper?.significant);
  const base: Omit<StudyFindings, "sentences"> = {
    level: SIGNIFICANCE,
    sample: {
      partnerYears: r.data.partnerYears,
      n: fit?.n ?? 0,
      years: fit && years.length ? { from: Math.min(...years), to: Math.max(...years) } : null,
      partners: new Set(r.regression.sample.map((s) => s.country)).size,
    },
    fit: fit ? { r2: fit.r2, adjR2: fit.adjR2, se: fit.se } : null,
    reason: fit ? null : r.regression.reason ?? "the regression was not estimated",
    coefficients,
    paper: cmp
      ? {
        signs: cmp.signAgreement,
        classes: cmp.classAgreement,
        significant: {
          agree: theirs.filter((c) => c.significant && c.paper!.sameSign).length,
          compared: theirs.length,
        },
      }
      : null,
    classes: { counts: countClasses(withK), n: withK.length, probable },
    sections: SECTION_HEADLINES.map((h) => h(r)).filter((h): h is SectionHeadline => h !== null),
  };
  return {
    ...base,
    sentences: [
      ...regressionSentences(r, base),
      ...paperSentences(base),
      ...classSentences(r, base),
      ...base.sections.map((s) => s.headline),
    ],
  };
}
