/**
 * A small study result built by hand (no study run) for the renderer tests: two partners AAA and
 * BBB, years 2019-2020, one term ln_gdp, three CBEC indicators, round numbers everywhere so the
 * expected report text can be written from these inputs; the benchmark, structural K, forecast
 * and paper parts to add to it. Each call returns a fresh object.
 * @module
 */
import type { BenchmarkFit, BenchmarkResult } from "../../../lib/gravity/world/benchmark.ts";
import type { StructuralResult } from "../../../lib/gravity/world/structural.ts";
import type { ForecastResult } from "../../../lib/gravity/forecast/run.ts";
import type { StudyResult } from "../../../lib/gravity/study/types.ts";
import { studyFindings } from "../../../lib/gravity/study/findings.ts";
import type { PaperComparison, PaperTables } from "../../../lib/gravity/study/paper.ts";

const S = Math.SQRT1_2;

/** The hand-built study result (no benchmark, structural, forecast or sensitivity; its
 * findings computed from those parts). */
export function handStudy(): StudyResult {
  const r = {
    config: {
      title: "Hand study <A&B>",
      dataDir: "data",
      paperDir: "data/paper",
      reporter: "CHN",
      partners: ["AAA", "BBB"],
      years: { from: 2019, to: 2020 },
      dependent: { variable: "trade" },
      terms: [{ name: "ln_gdp", variable: "gdp", formation: "product", log: true }],
      cbec: {
        indicators: ["i1", "i2"],
        retention: { rule: "kaiser" },
        includeReporter: false,
        minCoverage: 0.5,
      },
      se: "classical",
      potential: { definition: "level", thresholds: { huge: 0.75, remodelling: 1.25 } },
      choices: ["choice one", "choice <two>"],
      uncertainty: { enabled: true, level: 0.9, draws: 500, seed: 7, se: "cluster" },
      benchmark: null,
      structural: null,
    },
    data: {
      partnerYears: 4,
      coverage: [
        {
          role: "dependent",
          variable: "trade",
          formation: "bilateral",
          meaning: "trade",
          unit: "US$",
          source: "src T",
          proxy: "",
          partnerYears: { present: 4, total: 4 },
          reporterYears: null,
          missing: "",
          filled: 0,
        },
        {
          role: "ln_gdp",
          variable: "gdp",
          formation: "product",
          meaning: "GDP",
          unit: "US$",
          source: "",
          proxy: "PROXY",
          partnerYears: { present: 3, total: 4 },
          reporterYears: { present: 2, total: 2 },
          missing: "BBB 2020",
          filled: 1,
        },
      ],
      withDependent: 4,
      complete: 3,
      excluded: [{ country: "BBB", year: 2020, missing: ["ln_gdp: gdp missing"] }],
      design: [
        { country: "BBB", year: 2020, actual: 5, y: Math.log(5), x: { ln_gdp: null }, missing: [] },
      ],
    },
    pca: {
      ok: true,
      indicators: ["i1", "i2"],
      retention: { rule: "kaiser" },
      sampleSize: 4,
      n: 4,
      excluded: [],
      coverage: [{ indicator: "i1", present: 4 }, { indicator: "i2", present: 4 }],
      dropped: [],
      eigenvalues: [1.5, 0.5],
      proportion: [0.75, 0.25],
      cumulative: [0.75, 1],
      retained: 1,
      weights: [1],
      // unit eigenvectors of [[1, 0.5], [0.5, 1]]: r = 1.5 s s + 0.5 s (-s) = 0.5
      loadings: [[S, -S], [S, S]],
      kmo: { overall: 0.5, perVariable: [0.5, 0.5] },
      bartlett: { chi2: 1.25, df: 1, p: 0.2636 },
      composite: [
        { country: "AAA", year: 2019, value: -1.25 },
        { country: "AAA", year: 2020, value: 0.5 },
        { country: "BBB", year: 2019, value: 0.75 },
      ],
    },
    regression: {
      estimable: true,
      dependent: "trade",
      nComplete: 3,
      kCoefficients: 2,
      fit: {
        n: 3,
        k: 2,
        dfResidual: 1,
        r2: 0.75,
        adjR2: 0.5,
        fStatistic: 3,
        fPValue: 0.3333,
        sigma: 0.125,
        se: "classical",
        nDropped: 0,
        omitted: [],
        coefficients: [
          {
            term: "(Intercept)",
            estimate: -2.5,
            stdError: 0.5,
            t: -5,
            p: 0.125,
            ciLower: -8.85,
            ciUpper: 3.85,
          },
          {
            term: "ln_gdp",
            estimate: 1.25,
            stdError: 0.25,
            t: 5,
            p: 0.125,
            ciLower: -1.925,
            ciUpper: 4.425,
          },
        ],
        vif: [{ term: "ln_gdp", vif: 1 }],
        fitted: [2, 3, 4],
        residuals: [0.25, -0.5, 0.25],
        rows: [0, 1, 2],
      },
      sample: [
        { country: "AAA", year: 2019 },
        { country: "AAA", year: 2020 },
        { country: "BBB", year: 2019 },
      ],
    },
    potential: [
      {
        country: "AAA",
        year: 2019,
        actual: 7,
        fitted: 2.3,
        predicted: 10,
        k: 0.7,
        class: "huge",
        inSample: true,
        outOfSample: false,
        kLower: 0.5,
        kUpper: 1.25,
        classProbabilities: { huge: 0.5, expanding: 0.375, remodelling: 0.125 },
      },
      {
        country: "AAA",
        year: 2020,
        actual: 25,
        fitted: 3,
        predicted: 20,
        k: 1.25,
        class: "remodelling",
        inSample: true,
        outOfSample: false,
        kLower: 1,
        kUpper: 1.5,
        classProbabilities: { huge: 0, expanding: 0.25, remodelling: 0.75 },
      },
      {
        country: "BBB",
        year: 2019,
        actual: null,
        fitted: 4,
        predicted: 40,
        k: null,
        class: null,
        inSample: false,
        outOfSample: true,
        kLower: null,
        kUpper: null,
        classProbabilities: null,
      },
    ],
    potentialNote: "K = actual / predicted (level)",
    uncertainty: {
      method: "Draws of the coefficients.",
      level: 0.9,
      draws: 500,
      seed: 7,
      se: "cluster",
      df: 1,
      byKey: {},
      warnings: [],
    },
    benchmark: null,
    structural: null,
    warnings: ["warn <one>"],
    paper: null,
    differences: ["difference one", "difference & two"],
    forecast: null,
    sensitivity: null,
  } as unknown as StudyResult;
  r.findings = studyFindings(r);
  return r;
}

/** One benchmark fit (OLS or PPML) over AAA and BBB with hand-chosen K. */
export function handBenchmarkFit(estimator: "ols" | "ppml", ok = true): BenchmarkFit {
  const ols = estimator === "ols";
  return {
    estimator,
    ok,
    ...(ok ? {} : { reason: "too few partners" }),
    n: ols ? 120 : 130,
    partners: ["P1", "P2", "P3"],
    years: [2015, 2016, 2017],
    excluded: { studyPartners: 6, missing: 4, zeroTrade: 2 },
    coefficients: [
      { term: "ln_gdp", estimate: ols ? 0.9 : 0.8, stdError: 0.05, p: 0.001 },
      { term: "ln_dist", estimate: ols ? -1.1 : -0.7, stdError: 0.25, p: 0.01 },
    ],
    omitted: [],
    se: "cluster",
    df: ols ? 2 : Infinity,
    ...(ols ? { r2: 0.8125 } : {}),
    k: [
      {
        country: "BBB",
        year: 2019,
        actual: 10,
        fitted: 2,
        predicted: 8,
        k: ols ? 1.25 : 1.5,
        class: "remodelling",
        inSample: false,
        kLower: ols ? 1.1 : null,
        kUpper: ols ? 1.4 : null,
        classProbabilities: ols ? { huge: 0, expanding: 0.25, remodelling: 0.75 } : null,
        x: {},
      },
      {
        country: "AAA",
        year: 2019,
        actual: 4,
        fitted: 2,
        predicted: 8,
        k: 0.5,
        class: "huge",
        inSample: false,
        kLower: 0.25,
        kUpper: 0.75,
        classProbabilities: { huge: 1, expanding: 0, remodelling: 0 },
        x: {},
      },
    ],
    warnings: [],
  } as BenchmarkFit;
}

/** A benchmark with the given fits and a world panel of two variables. */
export function handBenchmark(fits: BenchmarkFit[], outOfSample = true): BenchmarkResult {
  return {
    config: { outOfSample, years: { from: 2015, to: 2017 } },
    panel: {
      reporter: "CHN",
      years: { from: 2015, to: 2017 },
      partners: ["P1", "P2", "P3", "P4"],
      coverage: [
        { variable: "trade", present: 12, total: 12, missingPartners: [], source: "DOTS" },
        { variable: "gdp", present: 9, total: 12, missingPartners: ["P4"], source: "WDI" },
      ],
      dropped: [{ partner: "P4", missing: ["gdp", "pop"] }],
      notes: ["panel note one"],
    },
    fits,
  } as unknown as BenchmarkResult;
}

/** A structural result with K for AAA 2019 (interval) and BBB 2019 (none). */
export function handStructural(ok = true): StructuralResult {
  return {
    ok,
    ...(ok ? {} : { reason: "no world matrix" }),
    config: {},
    n: 1000,
    exporters: 40,
    importers: 41,
    years: [2015, 2016, 2017],
    excluded: { noGeography: 12 },
    coefficients: [
      { term: "ln_dist", estimate: -0.875, stdError: 0.125, p: 0.001 },
      { term: "contig", estimate: 0.5, stdError: 0.25, p: 0.05 },
    ],
    se: "cluster",
    k: [
      {
        country: "AAA",
        year: 2019,
        actual: 3e9,
        predicted: 1.5e9,
        k: 2,
        class: "remodelling",
        kLower: 1.5,
        kUpper: 2.5,
        classProbabilities: { huge: 0, expanding: 0.125, remodelling: 0.875 },
        flows: [],
      },
      {
        country: "BBB",
        year: 2019,
        actual: 1e9,
        predicted: 2e9,
        k: 0.5,
        class: "huge",
        kLower: null,
        kUpper: null,
        classProbabilities: null,
        flows: [],
      },
    ],
    slopeCovariance: [[0.015625, 0], [0, 0.0625]],
    meaning: "What it means.",
  } as unknown as StructuralResult;
}

/** A forecast result: cut-off 2018, two validation rows, one scenario with one projected row. */
export function handForecast(): ForecastResult {
  return {
    settings: {
      cutoff: 2018,
      trainFrom: 2010,
      rolling: [2017, 2018],
      level: 0.8,
      actual: "trade",
      scenarios: [],
      lastDataYear: 2020,
      actualFlag: null,
    },
    validation: [
      {
        cutoff: 2018,
        country: "AAA",
        year: 2019,
        horizon: 1,
        actual: 2e9,
        predicted: 2.5e9,
        lo: 1.5e9,
        hi: 3.5e9,
        covered: true,
        lastValue: 1.75e9,
        averageGrowth: 2.25e9,
        observed: ["gdp", "pop"],
        filled: [],
      },
      {
        cutoff: 2018,
        country: "BBB",
        year: 2020,
        horizon: 2,
        actual: 4e9,
        predicted: null,
        lo: null,
        hi: null,
        covered: null,
        lastValue: null,
        averageGrowth: null,
        observed: ["gdp"],
        filled: ["pop (interpolated)"],
      },
    ],
    metrics: {
      cutoff: 2018,
      fit: { n: 30, r2: 0.875, sigma: 0.25, df: 27, years: { from: 2010, to: 2018 } },
      methods: [
        { method: "model", metrics: { n: 1, male: 0.223, mape: 25 } },
        { method: "last value", metrics: { n: 1, male: 0.134, mape: 12.5 } },
        { method: "average growth", metrics: { n: 1, male: 0.118, mape: 12.5 } },
      ],
      modelAll: { n: 1, male: 0.223, mape: 25 },
      best: { male: "average growth", mape: "last value" },
      coverage: { covered: 1, n: 1, level: 0.8 },
      excluded: [{ country: "CCC", year: 2019, reason: "no gdp" }],
    },
    rolling: {
      cutoffs: [
        { cutoff: 2017, fitN: 25, rows: 4 },
        { cutoff: 2018, fitN: null, rows: 0, reason: "too few rows" },
      ],
      byHorizon: [
        {
          horizon: 1,
          n: 3,
          model: { n: 4, male: 0.25, mape: 20 },
          male: { model: 0.5, "last value": 0.125, "average growth": 0.375 },
          mape: { model: 20, "last value": 10, "average growth": 30 },
          coverage: 0.75,
        },
        {
          horizon: 2,
          n: 0,
          model: { n: 0, male: NaN, mape: NaN },
          male: { model: NaN, "last value": NaN, "average growth": NaN },
          mape: { model: NaN, "last value": NaN, "average growth": NaN },
          coverage: NaN,
        },
      ],
      rows: [],
    },
    scenarios: [{
      name: "base",
      note: "scenario note",
      horizon: 2022,
      baseYear: 2020,
      fit: { n: 40, r2: 0.625, sigma: 0.5, years: { from: 2010, to: 2020 } },
      inputs: [
        {
          country: "AAA",
          variable: "pop",
          rule: "growth 1.0%/yr",
          from: { year: 2020, value: 12345678.4 },
          values: [{ year: 2021, value: 12469135.2 }, { year: 2022, value: 12593826.6 }],
        },
        {
          country: "AAA",
          variable: "cpi",
          rule: "hold",
          from: { year: 2020, value: 1.23456 },
          values: [],
        },
        { country: "BBB", variable: "cpi", rule: "hold", from: null, values: [] },
      ],
      rows: [
        {
          country: "AAA",
          year: 2021,
          predicted: 3e9,
          lo: 2e9,
          hi: 4.5e9,
          trend: 3.3e9,
          k: {
            median: 1.1,
            lo: 0.9,
            hi: 1.3,
            probabilities: { huge: 0.05, expanding: 0.6, remodelling: 0.35 },
          },
        },
        { country: "BBB", year: 2021, predicted: null, lo: null, hi: null, trend: null, k: null },
      ],
    }],
    history: [
      { country: "AAA", year: 2017, value: 1.5e9 },
      { country: "AAA", year: 2018, value: 1.75e9 },
    ],
    summary: "Forecast <summary> & more.",
    rollingSummary: "Rolling summary.",
    notes: ["note <one>", "note two"],
  } as unknown as ForecastResult;
}

/**
 * The study given a paper with Table 2 (ln_gdp, _cons), Table 3 and a comparison, all by hand
 * (changes `r` and returns it).
 */
export function withPaper(r: StudyResult): StudyResult {
  r.paper = {
    source: "Paper 2024, Tables 2-3",
    table2: [
      {
        variable: "ln gdp",
        term: "ln_gdp",
        coefficient: 0.5,
        stdError: 0.1,
        t: 5,
        p: 0,
        ciLower: 0.3,
        ciUpper: 0.7,
      },
      {
        variable: "cons",
        term: "_cons",
        coefficient: 2,
        stdError: 1.25,
        t: 1.6,
        p: 0.1234,
        ciLower: -0.5,
        ciUpper: 4.5,
      },
    ],
    table3: [
      { country: "AAA", year: 2019, k: 0.6, words: "huge", class: "huge" },
      { country: "AAA", year: 2020, k: 1.3, words: "re", class: "remodelling" },
      { country: "BBB", year: 2019, k: null, words: "", class: null },
    ],
    comparison: {
      coefficients: [
        { term: "ln_gdp", ours: 1.25, paper: 0.5, signAgree: true },
        { term: "_cons", ours: -2.5, paper: 2, signAgree: false },
      ],
      classes: [
        {
          country: "AAA",
          year: 2019,
          oursK: 0.7,
          oursClass: "huge",
          paperK: 0.6,
          paperClass: "huge",
          paperClassFrom: "words",
          agree: true,
        },
        {
          country: "AAA",
          year: 2020,
          oursK: 1.25,
          oursClass: "remodelling",
          paperK: 1.3,
          paperClass: "expanding",
          paperClassFrom: "words",
          agree: false,
        },
      ],
      signAgreement: { agree: 1, compared: 2 },
      classAgreement: { agree: 1, compared: 2 },
      paperInconsistencies: ["AAA 2020 (K 1.3, expanding)", "BBB 2018 (K 0.5, remodelling)"],
    },
  } as PaperTables & { comparison: PaperComparison };
  return r;
}
