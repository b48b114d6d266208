/**
 * A synthetic China world panel with known coefficients, for tests and teaching (notebook 07 uses
 * it when the real world trade panel has not been built): 60 partners (the five Central Asian
 * ones among them), 2010-2020, trade = exp(year effect + X beta + u).
 * @module
 */
import { type ChinaWorldInputs, emptyTradeColumns } from "../world/china_world.ts";
import { normalStream } from "../../stats/random.ts";
import jStat from "jstat";
import type { GeoPair } from "../../data/sources/cepii.ts";

/** The study's partners in the synthetic world (the first five partners). */
export const SYNTHETIC_WORLD_CA5 = ["KAZ", "KGZ", "TJK", "TKM", "UZB"];
/** True coefficients of the synthetic world's gravity equation. */
export const SYNTHETIC_WORLD_BETA = {
  ln_gdp: 0.9,
  ln_pop: 0.1,
  ln_dist: -1.1,
  contig: 0.6,
  comlang_off: 0.3,
  colony: 0,
  landlocked: -0.5,
};

/**
 * A synthetic China world with known coefficients and known K. `noise`: "lognormal" (default)
 * trade = exp(lin + u), u = partner effect (sd 0.2) + noise (sd 0.3), true ln K = u; "poisson"
 * trade ~ Gamma with mean exp(lin) and variance 2e4 x mean (a coefficient of variation of about
 * 0.3 at the median flow; the variance PPML assumes, up to scale), no partner effect, true
 * ln K = ln(trade / mean).
 *
 * @example
 * ```ts
 * const w = syntheticWorld(7);
 * buildChinaWorldPanel(w, { reporter: "CHN", years: { from: 2010, to: 2020 } });
 * ```
 */
export function syntheticWorld(
  seed = 7,
  nPartners = 60,
  noise: "lognormal" | "poisson" = "lognormal",
): ChinaWorldInputs & {
  trueLnK: Map<string, number>;
} {
  const z = normalStream(seed);
  const partners = [
    ...SYNTHETIC_WORLD_CA5,
    ...Array.from({ length: nPartners - 5 }, (_, i) => `X${String(i).padStart(2, "0")}`),
  ];
  const trade = emptyTradeColumns();
  const gdp: ChinaWorldInputs["gdp"] = [];
  const pop: ChinaWorldInputs["pop"] = [];
  const geo: GeoPair[] = [];
  const trueLnK = new Map<string, number>();
  for (const [i, p] of partners.entries()) {
    const g = {
      dist: Math.exp(8 + 0.6 * z()),
      contig: i % 7 === 0 ? 1 : 0,
      comlang_off: i % 11 === 0 ? 1 : 0,
      colony: 0,
      landlocked: i % 4 === 0 ? 1 : 0,
    };
    geo.push({
      origin: "CHN",
      destination: p,
      ...g,
      distcap: g.dist,
      distw: g.dist,
      comcol: 0,
    });
    const effect = 0.2 * z();
    const lnGdp0 = 24 + 1.5 * z();
    const lnPop0 = 16 + 1.2 * z();
    for (let year = 2010; year <= 2020; year++) {
      const lnGdp = lnGdp0 + 0.03 * (year - 2010) + 0.05 * z();
      const lnPop = lnPop0 + 0.01 * (year - 2010);
      gdp.push({ iso3: p, year, value: Math.exp(lnGdp) });
      pop.push({ iso3: p, year, value: Math.exp(lnPop) });
      let u = effect + 0.3 * z();
      const lin = -2 + 0.02 * (year - 2010) + SYNTHETIC_WORLD_BETA.ln_gdp * lnGdp +
        SYNTHETIC_WORLD_BETA.ln_pop * lnPop + SYNTHETIC_WORLD_BETA.ln_dist * Math.log(g.dist) +
        SYNTHETIC_WORLD_BETA.contig * g.contig + SYNTHETIC_WORLD_BETA.comlang_off * g.comlang_off +
        SYNTHETIC_WORLD_BETA.landlocked * g.landlocked;
      let total = Math.exp(lin + u);
      if (noise === "poisson") {
        const mean = Math.exp(lin);
        const phi = 2e4;
        // a uniform from a normal by its cdf, then the gamma quantile (jstat)
        const uniform = Math.min(1 - 1e-12, Math.max(1e-12, jStat.normal.cdf(z(), 0, 1)));
        total = jStat.gamma.inv(uniform, mean / phi, phi);
        u = Math.log(total / mean);
      }
      trueLnK.set(`${p}|${year}`, u);
      const share = 0.3 + 0.4 * ((i * 37) % 10) / 10;
      for (
        const [flow, v] of [["exports", share * total], ["imports", (1 - share) * total]] as const
      ) {
        trade.reporter.push("CHN");
        trade.partner.push(p);
        trade.flow.push(flow);
        trade.year.push(year);
        trade.value.push(v);
        trade.estimate.push(false);
      }
    }
  }
  return { trade, gdp, pop, geo, trueLnK };
}
