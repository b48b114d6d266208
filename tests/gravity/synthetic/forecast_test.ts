// The synthetic forecast study (lib/gravity/synthetic/forecast.ts) against its documentation (its
// Box-Muller draws: tests/stats/random_test.ts): the defaults (40 partners, 2010-2024, beta,
// sigma 0.3, seed, forecast block), trade = exp(b0 + b1 ln(GDP_i GDP_j) + b2 ln dist + e) exactly when sigma = 0,
// e's spread, the random walks of GDP, fixed distances, and the panel's shape (mutation record:
// tests/mutation/gravity_synthetic_forecast.json).
import assert from "node:assert/strict";
import { syntheticForecastStudy } from "../../../lib/gravity/synthetic/forecast.ts";
import { boxMuller, mulberry32 } from "../../../lib/stats/random.ts";

const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const sd = (v: number[]) => {
  const m = mean(v);
  return Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1));
};
const within = (x: number, lo: number, hi: number, what: string) =>
  assert.ok(x >= lo && x <= hi, `${what}: ${x} not in [${lo}, ${hi}]`);

Deno.test("syntheticForecastStudy defaults: 40 partners, 2010-2024, beta, sigma 0.3, the forecast block, the panel's shape", () => {
  const s = syntheticForecastStudy();
  assert.deepEqual(s.beta, { "(Intercept)": -20, ln_gdp: 0.9, ln_dist: -1.1 });
  assert.equal(s.sigma, 0.3);
  const partners = Array.from({ length: 40 }, (_, i) => `P${String(i + 1).padStart(2, "0")}`);
  assert.equal(partners[39], "P40");
  assert.equal(s.config.title, "Synthetic forecast study (known model, iid normal errors)");
  assert.equal(s.config.reporter, "AAA");
  assert.deepEqual(s.config.partners, partners);
  assert.deepEqual(s.config.years, { from: 2010, to: 2024 });
  assert.equal(s.config.dependent.variable, "trade");
  assert.deepEqual(s.config.terms.map((t) => [t.name, t.variable, t.formation]), [
    ["ln_gdp", "gdp", "product"],
    ["ln_dist", "dist", "bilateral"],
  ]);
  assert.deepEqual(s.config.cbec.indicators, ["ind_a", "ind_b"]);
  assert.equal(s.config.forecast!.cutoff, 2020);
  assert.deepEqual(s.config.forecast!.rolling, [2017, 2018, 2019, 2020]);
  const years = Array.from({ length: 15 }, (_, i) => 2010 + i);
  assert.deepEqual(s.panel.countries, ["AAA", ...partners]);
  assert.deepEqual(s.panel.years, years);
  assert.deepEqual(
    s.panel.variables,
    ["gdp", "dist", "trade", "ind_a", "ind_b"].map((name) => ({
      name,
      meaning: `synthetic ${name}`,
      source: "synthetic (lib/gravity/synthetic/forecast.ts)",
    })),
  );
  assert.equal(s.panel.rows.length, 41 * 15);
  // the reporter's rows first (years ascending), no distance or trade of its own
  const rep = s.panel.rows.slice(0, 15);
  assert.deepEqual(rep.map((r) => [r.iso3, r.year]), years.map((y) => ["AAA", y]));
  assert.ok(rep.every((r) => Number.isNaN(r.values.dist) && Number.isNaN(r.values.trade)));
  assert.deepEqual(s.panel.rows.slice(15, 17).map((r) => [r.iso3, r.year]), [["P01", 2010], [
    "P01",
    2011,
  ]]);
  // the same seed gives the same study; the default seed is 20250101
  assert.deepEqual(syntheticForecastStudy({ seed: 20250101 }).panel, s.panel);
  assert.notDeepEqual(syntheticForecastStudy({ seed: 1 }).panel.rows[20], s.panel.rows[20]);
});

Deno.test("syntheticForecastStudy: trade = exp(b0 + b1 ln(GDP_i GDP_j) + b2 ln dist + e), e ~ N(0, sigma^2)", () => {
  const beta = { "(Intercept)": -15, ln_gdp: 0.8, ln_dist: -0.7 };
  const check = (sigma: number) => {
    const s = syntheticForecastStudy({
      partners: 30,
      years: { from: 2001, to: 2012 },
      beta,
      sigma,
      seed: 5,
      forecast: { cutoff: 2010, rolling: [2009, 2010] },
    });
    assert.deepEqual([s.beta, s.sigma], [beta, sigma]);
    assert.notEqual(s.beta, beta); // a copy
    assert.deepEqual([s.config.forecast!.cutoff, s.panel.years.length], [2010, 12]);
    const rep = new Map(s.panel.rows.filter((r) => r.iso3 === "AAA").map((r) => [r.year, r]));
    const e: number[] = [];
    const partnerRows = s.panel.rows.filter((r) => r.iso3 !== "AAA");
    assert.equal(partnerRows.length, 30 * 12);
    for (const r of partnerRows) {
      const lin = -15 + 0.8 * Math.log(rep.get(r.year)!.values.gdp * r.values.gdp) -
        0.7 * Math.log(r.values.dist);
      e.push(Math.log(r.values.trade) - lin);
    }
    return { s, e };
  };
  // sigma = 0: the surface exactly
  const exact = check(0);
  assert.ok(exact.e.every((x) => Math.abs(x) < 1e-9), `${Math.max(...exact.e.map(Math.abs))}`);
  // sigma = 0.5: the errors' mean 0 and sd 0.5 (360 draws)
  const noisy = check(0.5);
  within(mean(noisy.e), -0.08, 0.08, "mean error");
  within(sd(noisy.e), 0.44, 0.56, "sd of the errors");
  // the errors are drawn anew every year: no correlation between a partner's consecutive years
  const pairs = noisy.e.map((x, i) => i % 12 === 11 ? NaN : x * noisy.e[i + 1]).filter((x) =>
    !Number.isNaN(x)
  );
  within(mean(pairs) / 0.25, -0.2, 0.2, "lag-1 correlation");
});

Deno.test("syntheticForecastStudy: GDP random walks with drift, distances fixed in [1000, 6000], the spread of initial GDP", () => {
  const s = syntheticForecastStudy({ partners: 60, seed: 11 });
  const rows = (c: string) => s.panel.rows.filter((r) => r.iso3 === c);
  // the reporter: ln GDP starts at 29 + 0.06 + 0.03 z and grows 0.06 + 0.03 z a year
  const g = rows("AAA").map((r) => Math.log(r.values.gdp));
  within(g[0], 29.0, 29.16, "reporter's first ln GDP");
  const steps = g.slice(1).map((x, i) => x - g[i]);
  within(mean(steps), 0.04, 0.08, "reporter's growth");
  within(sd(steps), 0.015, 0.05, "sd of the reporter's growth");
  const first: number[] = [];
  const drifts: number[] = [];
  const noise: number[] = [];
  for (const p of s.config.partners) {
    const r = rows(p);
    const d = r[0].values.dist;
    assert.ok(d >= 1000 && d <= 6000 && r.every((x) => x.values.dist === d), p);
    const lg = r.map((x) => Math.log(x.values.gdp));
    first.push(lg[0]);
    const st = lg.slice(1).map((x, i) => x - lg[i]);
    drifts.push(mean(st));
    const m = mean(st);
    noise.push(...st.map((x) => x - m));
  }
  // initial ln GDP: 23 + 3 U + drift + 0.08 z (U uniform: sd 3 / sqrt(12) = 0.87)
  within(Math.min(...first), 22.8, 23.6, "lowest first ln GDP");
  within(Math.max(...first), 25.4, 26.2, "highest first ln GDP");
  within(sd(first), 0.7, 1.05, "sd of the first ln GDP");
  // drift uniform in [0.01, 0.07], yearly noise sd 0.08
  within(mean(drifts), 0.03, 0.05, "mean drift");
  within(Math.sqrt(noise.reduce((a, b) => a + b * b, 0) / (60 * 13)), 0.07, 0.09, "GDP noise");
  // gdpSpread 0: every partner starts at 23 + drift + 0.08 z
  const narrow = syntheticForecastStudy({ partners: 60, seed: 11, gdpSpread: 0 });
  const f0 = narrow.config.partners.map((p) =>
    Math.log(narrow.panel.rows.find((r) => r.iso3 === p)!.values.gdp)
  );
  within(sd(f0), 0.04, 0.13, "sd of the first ln GDP, spread 0");
  within(mean(f0), 22.97, 23.1, "mean first ln GDP, spread 0");
});

Deno.test("syntheticForecastStudy: the seed's uniforms and normals read in the documented order give every value", () => {
  // reporter, each year: ln GDP += 0.06 + 0.03 z, then ind_a, ind_b; each partner: ln GDP0 =
  // 23 + spread u, drift 0.01 + 0.06 u, distance 1000 + 5000 u, then each year ln GDP += drift +
  // 0.08 z, trade = exp(lin + sigma z), ind_a, ind_b (u uniform, z its Box-Muller normal)
  const s = syntheticForecastStudy({ partners: 3, years: { from: 2015, to: 2018 }, seed: 42 });
  const rand = mulberry32(42);
  const z = boxMuller(rand);
  const rel = (a: number, b: number, what: string) =>
    assert.ok(Math.abs(a / b - 1) < 1e-12, `${what}: ${a} vs ${b}`);
  const rows = s.panel.rows;
  let g = 29;
  const lnRep: number[] = [];
  for (let t = 0; t < 4; t++) {
    g += 0.06 + 0.03 * z();
    lnRep.push(g);
    rel(rows[t].values.gdp, Math.exp(g), `reporter GDP ${t}`);
    assert.equal(rows[t].values.ind_a, z());
    assert.equal(rows[t].values.ind_b, z());
  }
  for (let i = 0; i < 3; i++) {
    let lg = 23 + 3 * rand();
    const drift = 0.01 + 0.06 * rand();
    const dist = 1000 + 5000 * rand();
    for (let t = 0; t < 4; t++) {
      const r = rows[4 + 4 * i + t];
      lg += drift + 0.08 * z();
      rel(r.values.gdp, Math.exp(lg), `P${i + 1} GDP ${t}`);
      assert.equal(r.values.dist, dist);
      const lin = -20 + 0.9 * (lnRep[t] + lg) - 1.1 * Math.log(dist);
      rel(r.values.trade, Math.exp(lin + 0.3 * z()), `P${i + 1} trade ${t}`);
      assert.equal(r.values.ind_a, z());
      assert.equal(r.values.ind_b, z());
    }
  }
});

Deno.test("syntheticForecastStudy: a bad forecast block is an error naming the synthetic config", () => {
  assert.throws(
    () => syntheticForecastStudy({ forecast: { cutoff: "soon" } }),
    (e: Error) => e.message.startsWith("synthetic forecast config: "),
  );
});
