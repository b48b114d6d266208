/**
 * Synthetic panels with known true coefficients and known K, for tests and teaching. The
 * dependent variable is exp(X beta + u) where u is made exactly orthogonal to the design (so
 * OLS recovers beta exactly and its residuals are u), hence the true K (level definition) is
 * exp(u) for every country-year.
 * @module
 */
import { Matrix, QrDecomposition } from "ml-matrix";
import { cbecIndex } from "../equation/cbec_index.ts";
import { parseStudyConfig, type StudyConfig } from "../config/study.ts";
import { buildDesign } from "../equation/terms.ts";
import { mulberry32, normalStream } from "../../stats/random.ts";
import type { GravityPanel, PanelRow } from "../types.ts";
import { CBEC_INDEX } from "../types.ts";

/** Options of {@link syntheticStudy}. */
export interface SyntheticOptions {
  reporter?: string;
  partners?: string[];
  years?: { from: number; to: number };
  /** True coefficients by term name, "(Intercept)" included. */
  beta?: Record<string, number>;
  /** Spread of ln K (0 = every K is exactly 1 and the fit is exact). Default 0.4. */
  spread?: number;
  seed?: number;
  /**
   * How ln K is drawn: "orthogonal" (default) makes it exactly orthogonal to the design, so OLS
   * recovers beta exactly; "normal" draws it as spread x N(0, 1) (plus a partner effect
   * partnerSpread x N(0, 1)), so the estimates carry sampling error, as in real data (for the
   * coverage tests of the K intervals).
   */
  noise?: "orthogonal" | "normal";
  /** Standard deviation of a partner effect in ln K under noise "normal" (default 0). */
  partnerSpread?: number;
}

/** A synthetic study: config, panel and the truth behind it. */
export interface SyntheticStudy {
  config: StudyConfig;
  panel: GravityPanel;
  truth: {
    beta: Record<string, number>;
    /** True K (level definition) = exp(u) per country-year. */
    k: { country: string; year: number; k: number }[];
  };
}

/** Default true coefficients (the paper's Table 2 estimates, as a recognisable example). */
export const SYNTHETIC_BETA: Record<string, number> = {
  "(Intercept)": 4.531,
  ln_pgdp: 0.703,
  ln_pop: -0.268,
  cbec: 1.487,
  ln_net: 0.423,
  ln_cpi: -0.992,
  ln_open: 0.371,
  ln_dist: 0.477,
};

/**
 * Build a synthetic study shaped like the paper's (7 terms, 4 CBEC indicators) whose true
 * coefficients and K are known.
 *
 * @example
 * ```ts
 * const { config, panel, truth } = syntheticStudy({ spread: 0 });
 * // runGravityStudy(config, panel).regression recovers truth.beta exactly
 * ```
 */
export function syntheticStudy(options: SyntheticOptions = {}): SyntheticStudy {
  const reporter = options.reporter ?? "AAA";
  const partners = options.partners ?? ["BBB", "CCC", "DDD", "EEE", "FFF"];
  const years = options.years ?? { from: 2015, to: 2022 };
  const beta = options.beta ?? SYNTHETIC_BETA;
  const spread = options.spread ?? 0.4;
  const rand = mulberry32(options.seed ?? 20240601);
  const u = (lo: number, hi: number) => lo + (hi - lo) * rand();
  const indicators = ["ind_a", "ind_b", "ind_c", "ind_d"];
  const config = parseStudyConfig({
    title: "Synthetic gravity study (known coefficients)",
    reporter,
    partners,
    years,
    dependent: { variable: "etrade" },
    terms: [
      { name: "ln_pgdp", variable: "gdp_pc", formation: "product" },
      { name: "ln_pop", variable: "pop", formation: "product" },
      { name: "cbec", variable: CBEC_INDEX, formation: "partner", log: false },
      { name: "ln_net", variable: "net", formation: "product" },
      { name: "ln_cpi", variable: "cpi", formation: "partner" },
      { name: "ln_open", variable: "open", formation: "partner" },
      { name: "ln_dist", variable: "dist", formation: "bilateral" },
    ],
    cbec: { indicators, retention: { rule: "kaiser" } },
    se: "classical",
    potential: { definition: "level" },
  }, "synthetic config");
  const countries = [reporter, ...partners];
  const yearList: number[] = [];
  for (let y = years.from; y <= years.to; y++) yearList.push(y);
  const rows: PanelRow[] = [];
  for (const iso3 of countries) {
    for (const year of yearList) {
      const f = u(-1, 1);
      const values: Record<string, number> = {
        gdp_pc: Math.exp(u(8, 10)),
        pop: Math.exp(u(14, 18)),
        net: u(10, 90),
        cpi: u(95, 130),
        open: u(20, 120),
        dist: iso3 === reporter ? NaN : u(2000, 5000) * u(40, 100),
        etrade: NaN,
      };
      indicators.forEach((name, m) => values[name] = 10 + (m + 1) * f + u(-0.6, 0.6));
      rows.push({ iso3, year, values });
    }
  }
  const panel: GravityPanel = {
    countries,
    years: yearList,
    variables: [
      ...["gdp_pc", "pop", "net", "cpi", "open", "dist", "etrade", ...indicators].map((name) => ({
        name,
        meaning: `synthetic ${name}`,
        source: "synthetic (lib/gravity/synthetic/study.ts)",
      })),
    ],
    rows,
  };
  const index = cbecIndex(config, panel);
  const cbecMap = new Map(index.composite.map((c) => [`${c.country}|${c.year}`, c.value]));
  const design = buildDesign(config, panel, cbecMap);
  const terms = config.terms.map((t) => t.name);
  const X = new Matrix(design.map((r) => [1, ...terms.map((t) => r.x[t] as number)]));
  const raw = Matrix.columnVector(design.map(() => u(-spread, spread)));
  // make u orthogonal to every design column: u = raw - X (X'X)^-1 X' raw
  const coef = new QrDecomposition(X).solve(raw);
  let resid = raw.sub(X.mmul(coef)).getColumn(0);
  if (options.noise === "normal") {
    const z = normalStream((options.seed ?? 20240601) + 1);
    const effect = new Map(partners.map((p) => [p, (options.partnerSpread ?? 0) * z()]));
    resid = design.map((r) => effect.get(r.country)! + spread * z());
  }
  const b = [beta["(Intercept)"] ?? 0, ...terms.map((t) => beta[t] ?? 0)];
  const byKey = new Map(rows.map((r) => [`${r.iso3}|${r.year}`, r]));
  const k = design.map((r, i) => {
    const lin = b.reduce((a, bj, j) => a + bj * X.get(i, j), 0);
    const uu = spread === 0 ? 0 : resid[i];
    byKey.get(`${r.country}|${r.year}`)!.values.etrade = Math.exp(lin + uu);
    return { country: r.country, year: r.year, k: Math.exp(uu) };
  });
  return { config, panel, truth: { beta: { ...beta }, k } };
}
