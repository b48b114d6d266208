/**
 * A small hand-made baseline world for the counterfactual tests: the study's countries and some
 * others, deterministic flows (bigger domestic sales than exports), and CEPII-like geography for
 * the study's pairs (the reporter borders its first partner only).
 */
import type { CounterfactualConfig } from "../../../lib/gravity/config/counterfactual.ts";
import type { GeBaseline } from "../../../lib/gravity/world/ge_world.ts";

/**
 * The baseline: countries sorted; X_ij = 1 + ((3 i + 5 j) mod 7) US$ bn off the diagonal, the
 * diagonal 60 + 10 i US$ bn; GDP = the row sum, so the domestic flow is GDP - exports as the rule
 * builds it.
 */
export function handBaseline(reporter: string, partners: string[], others: string[]): GeBaseline {
  const countries = [reporter, ...partners, ...others].sort();
  const N = countries.length;
  const flows: number[] = [];
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) {
      flows.push((i === j ? 60 + 10 * i : 1 + ((3 * i + 5 * j) % 7)) * 1e9);
    }
  }
  const exports = countries.map((_, i) =>
    flows.slice(i * N, i * N + N).reduce((s, v, j) => s + (j === i ? 0 : v), 0)
  );
  const study = [reporter, ...partners];
  const geography = study.flatMap((o, a) =>
    study.filter((d) => d !== o).map((d, b) => ({
      exporter: o,
      importer: d,
      lnDist: 7 + 0.1 * (a + b),
      contig: (o === reporter && d === partners[0]) || (d === reporter && o === partners[0])
        ? 1
        : 0,
    }))
  );
  return {
    year: 2019,
    reporter,
    partners,
    countries,
    flows,
    gdp: countries.map((_, i) => flows[i * N + i] + exports[i]),
    exports,
    domesticRule: "GDP minus exports (hand-made)",
    excluded: { noGdp: ["NOG"], nonPositive: [{ country: "NEG", gdp: 1e9, exports: 2e9 }] },
    trade: {
      total: exports.reduce((s, v) => s + v, 0) + 3e9,
      leftOut: 3e9,
      fromExporter: N * (N - 1) - 2,
      fromImporter: { pairs: 2, value: 5e9 },
      none: 0,
    },
    reports: [],
    geography,
  };
}

/** A section with the three kinds of scenario: an RTA (not estimable), a corridor, overland access. */
export function handCounterfactualConfig(): CounterfactualConfig {
  return {
    enabled: true,
    year: 2019,
    theta: 4,
    deficits: "additive",
    reference: null,
    domestic: "gdp-minus-exports",
    scenarios: [
      {
        name: "fta",
        title: "A free-trade agreement",
        pairs: "reporter-partners",
        term: "rta",
        set: 1,
        assumptions: "The agreement's assumptions <in words> & more.",
      },
      {
        name: "corridor",
        title: "A corridor",
        pairs: "reporter-partners",
        term: "ln_dist",
        distanceFactor: 0.8,
        assumptions: "The corridor's assumptions in words.",
      },
      {
        name: "overland",
        title: "Overland access",
        pairs: "reporter-partners",
        term: "contig",
        set: 1,
        assumptions: "The overland assumptions in words.",
      },
    ],
  };
}
