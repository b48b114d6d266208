/**
 * The synthetic study generator (lib/gravity/synthetic/study.ts) against what its documentation
 * promises (its generators, mulberry32 and normalStream, are checked against independent
 * implementations in tests/stats/random_test.ts): the config shaped like the paper's equation (2),
 * every variable drawn in its stated range, ln K exactly orthogonal to the design (or spread x
 * N(0, 1) plus a partner effect under noise "normal"), and the dependent variable = exp(X beta) x
 * K.
 */
import assert from "node:assert/strict";
import { Matrix, QrDecomposition } from "ml-matrix";
import { cbecIndex } from "../../../lib/gravity/equation/cbec_index.ts";
import { SYNTHETIC_BETA, syntheticStudy } from "../../../lib/gravity/synthetic/study.ts";
import { buildDesign } from "../../../lib/gravity/equation/terms.ts";
import { mulberry32, normalStream } from "../../../lib/stats/random.ts";

Deno.test("synthetic config: the paper's seven terms, four indicators, Kaiser, classical SEs, level K", () => {
  const { config, panel, truth } = syntheticStudy();
  assert.equal(config.title, "Synthetic gravity study (known coefficients)");
  assert.equal(config.reporter, "AAA");
  assert.deepEqual(config.partners, ["BBB", "CCC", "DDD", "EEE", "FFF"]);
  assert.deepEqual(config.years, { from: 2015, to: 2022 });
  assert.deepEqual(config.dependent, { variable: "etrade" });
  assert.deepEqual(config.terms.map((t) => [t.name, t.variable, t.formation, t.log]), [
    ["ln_pgdp", "gdp_pc", "product", true],
    ["ln_pop", "pop", "product", true],
    ["cbec", "cbec_index", "partner", false],
    ["ln_net", "net", "product", true],
    ["ln_cpi", "cpi", "partner", true],
    ["ln_open", "open", "partner", true],
    ["ln_dist", "dist", "bilateral", true],
  ]);
  assert.deepEqual(config.cbec.indicators, ["ind_a", "ind_b", "ind_c", "ind_d"]);
  assert.deepEqual(config.cbec.retention, { rule: "kaiser" });
  assert.equal(config.se, "classical");
  assert.equal(config.potential.definition, "level");
  assert.deepEqual(truth.beta, SYNTHETIC_BETA);
  assert.notEqual(truth.beta, SYNTHETIC_BETA); // a copy
  assert.deepEqual(panel.countries, ["AAA", "BBB", "CCC", "DDD", "EEE", "FFF"]);
  assert.deepEqual(panel.years, [2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022]);
  const names = ["gdp_pc", "pop", "net", "cpi", "open", "dist", "etrade", "ind_a", "ind_b"];
  assert.deepEqual(
    panel.variables.slice(0, 9),
    names.map((name) => ({
      name,
      meaning: `synthetic ${name}`,
      source: "synthetic (lib/gravity/synthetic/study.ts)",
    })),
  );
  assert.deepEqual(panel.variables.map((v) => v.name).slice(9), ["ind_c", "ind_d"]);
  assert.equal(panel.rows.length, 48);
  assert.deepEqual(panel.rows.slice(0, 9).map((r) => `${r.iso3} ${r.year}`), [
    "AAA 2015",
    "AAA 2016",
    "AAA 2017",
    "AAA 2018",
    "AAA 2019",
    "AAA 2020",
    "AAA 2021",
    "AAA 2022",
    "BBB 2015",
  ]);
});

Deno.test("synthetic panel: every variable in its stated range; the reporter has no distance or trade", () => {
  const { panel } = syntheticStudy({ seed: 9 });
  const ranges: Record<string, [number, number]> = {
    gdp_pc: [Math.exp(8), Math.exp(10)],
    pop: [Math.exp(14), Math.exp(18)],
    net: [10, 90],
    cpi: [95, 130],
    open: [20, 120],
  };
  for (const [v, [lo, hi]] of Object.entries(ranges)) {
    const xs = panel.rows.map((r) => r.values[v]);
    assert.ok(xs.every((x) => x >= lo && x <= hi), v);
    // 48 uniform draws fill the range: none of its quarters is empty
    for (let q = 0; q < 4; q++) {
      const a = v === "gdp_pc" || v === "pop" ? Math.log(lo) : lo;
      const b = v === "gdp_pc" || v === "pop" ? Math.log(hi) : hi;
      const y = xs.map((x) => v === "gdp_pc" || v === "pop" ? Math.log(x) : x);
      assert.ok(
        y.some((x) => x >= a + (q * (b - a)) / 4 && x < a + ((q + 1) * (b - a)) / 4),
        `${v} quarter ${q}`,
      );
    }
  }
  const rep = panel.rows.filter((r) => r.iso3 === "AAA");
  const par = panel.rows.filter((r) => r.iso3 !== "AAA");
  assert.ok(rep.every((r) => Number.isNaN(r.values.dist) && Number.isNaN(r.values.etrade)));
  // dist = U(2000, 5000) x U(40, 100)
  assert.ok(par.every((r) => r.values.dist >= 80000 && r.values.dist <= 500000));
  assert.ok(par.some((r) => r.values.dist < 150000) && par.some((r) => r.values.dist > 300000));
  assert.ok(par.every((r) => r.values.etrade > 0));
  // the indicators are 10 + (m + 1) f + U(-0.6, 0.6) with f ~ U(-1, 1): ind_d - 4/3 (ind_c - 10)
  // is 10 + U(-0.6, 0.6) - 4/3 U(-0.6, 0.6), within 10 +- 1.4
  for (const r of panel.rows) {
    const f = r.values.ind_a - 10; // f + e_a, |e_a| <= 0.6
    assert.ok(Math.abs(f) <= 1.6);
    assert.ok(Math.abs(r.values.ind_b - 10 - 2 * f) <= 0.6 + 2 * 0.6);
    assert.ok(Math.abs(r.values.ind_d - 10 - (4 / 3) * (r.values.ind_c - 10)) <= 1.4 + 1e-12);
  }
  // and they share the factor: ind_a and ind_d correlate strongly
  const a = panel.rows.map((r) => r.values.ind_a);
  const d = panel.rows.map((r) => r.values.ind_d);
  const mean = (x: number[]) => x.reduce((s, v) => s + v, 0) / x.length;
  const [ma, md] = [mean(a), mean(d)];
  const cov = mean(a.map((x, i) => (x - ma) * (d[i] - md)));
  const r = cov / Math.sqrt(mean(a.map((x) => (x - ma) ** 2)) * mean(d.map((x) => (x - md) ** 2)));
  assert.ok(r > 0.8, `r = ${r}`);
});

/** The design matrix (intercept first) and ln etrade of a synthetic study, by QR. */
function designOf(s: ReturnType<typeof syntheticStudy>) {
  const index = cbecIndex(s.config, s.panel);
  const design = buildDesign(
    s.config,
    s.panel,
    new Map(index.composite.map((c) => [`${c.country}|${c.year}`, c.value])),
  );
  const terms = s.config.terms.map((t) => t.name);
  const X = design.map((r) => [1, ...terms.map((t) => r.x[t] as number)]);
  return { design, terms, X };
}

Deno.test("synthetic truth: ln etrade = X beta + ln K, ln K orthogonal to X and within the spread", () => {
  const beta: Record<string, number> = { ...SYNTHETIC_BETA, ln_pop: 0.5 };
  const s = syntheticStudy({ spread: 0.3, seed: 4, beta });
  const { design, terms, X } = designOf(s);
  assert.equal(s.truth.k.length, 40);
  const b = [beta["(Intercept)"], ...terms.map((t) => beta[t])];
  const u = s.truth.k.map((t) => Math.log(t.k));
  design.forEach((r, i) => {
    assert.deepEqual([s.truth.k[i].country, s.truth.k[i].year], [r.country, r.year]);
    const lin = X[i].reduce((a, x, j) => a + x * b[j], 0);
    assert.ok(Math.abs(Math.log(r.actual!) - lin - u[i]) < 1e-9);
  });
  // X'u = 0: OLS of ln etrade on X gives beta back exactly
  for (let j = 0; j < X[0].length; j++) {
    assert.ok(Math.abs(X.reduce((a, row, i) => a + row[j] * u[i], 0)) < 1e-6 * 40, `col ${j}`);
  }
  const fit = new QrDecomposition(new Matrix(X)).solve(
    Matrix.columnVector(design.map((r) => Math.log(r.actual!))),
  ).getColumn(0);
  fit.forEach((v, j) => assert.ok(Math.abs(v - b[j]) < 1e-8, `beta ${j}`));
  // the raw draws are U(-0.3, 0.3); their residual on X is smaller than 0.6 and not all tiny
  assert.ok(u.every((x) => Math.abs(x) < 0.6));
  assert.ok(Math.max(...u.map(Math.abs)) > 0.1);
  // a term missing from beta has coefficient 0; a missing intercept too
  const { ["(Intercept)"]: _i, ln_open: _o, ...rest } = SYNTHETIC_BETA;
  const s0 = syntheticStudy({ spread: 0, seed: 4, beta: rest });
  const d0 = designOf(s0);
  const b0 = [0, ...d0.terms.map((t) => rest[t] ?? 0)];
  d0.design.forEach((r, i) => {
    const lin = d0.X[i].reduce((a, x, j) => a + x * b0[j], 0);
    assert.ok(Math.abs(Math.log(r.actual!) - lin) < 1e-9);
    assert.equal(s0.truth.k[i].k, 1);
  });
});

Deno.test("synthetic options: reporter, partners, years; noise 'normal' with a partner effect", () => {
  const s = syntheticStudy({
    reporter: "RRR",
    partners: ["PPP", "QQQ"],
    years: { from: 2001, to: 2004 },
    seed: 2,
  });
  assert.equal(s.config.reporter, "RRR");
  assert.deepEqual(s.config.partners, ["PPP", "QQQ"]);
  assert.deepEqual(s.panel.countries, ["RRR", "PPP", "QQQ"]);
  assert.deepEqual(s.panel.years, [2001, 2002, 2003, 2004]);
  assert.equal(s.truth.k.length, 8);
  // noise "normal", spread 0: ln K is the partner effect alone, one value per partner
  const eff = syntheticStudy({ noise: "normal", spread: 0, partnerSpread: 1, seed: 3 });
  const byPartner = new Map<string, Set<number>>();
  for (const k of eff.truth.k) {
    if (!byPartner.has(k.country)) byPartner.set(k.country, new Set());
    byPartner.get(k.country)!.add(k.k);
  }
  // spread 0 means K = 1 whatever the noise (uu = 0)
  for (const set of byPartner.values()) assert.deepEqual([...set], [1]);
  // spread 0.5 with a partner effect of 2: ln K varies within and between partners, is not
  // orthogonal to the design, and its partner means spread far more than 0.5 / sqrt(8)
  const n = syntheticStudy({ noise: "normal", spread: 0.5, partnerSpread: 2, seed: 3 });
  const lnk = n.truth.k.map((k) => Math.log(k.k));
  const means = n.config.partners.map((p) => {
    const xs = n.truth.k.filter((k) => k.country === p).map((k) => Math.log(k.k));
    return xs.reduce((a, v) => a + v, 0) / xs.length;
  });
  assert.ok(Math.max(...means) - Math.min(...means) > 1, means.join(" "));
  assert.ok(Math.abs(lnk.reduce((a, v) => a + v, 0)) > 1e-3);
  // without a partner effect, ln K = 0.5 z: mean near 0, SD near 0.5 (40 draws)
  const z = syntheticStudy({ noise: "normal", spread: 0.5, seed: 3 }).truth.k.map((k) =>
    Math.log(k.k)
  );
  const m = z.reduce((a, v) => a + v, 0) / z.length;
  const sd = Math.sqrt(z.reduce((a, v) => a + (v - m) ** 2, 0) / (z.length - 1));
  assert.ok(Math.abs(m) < 0.3 && sd > 0.3 && sd < 0.7, `${m} ${sd}`);
  // the seed changes the panel; the same seed repeats it
  const a = syntheticStudy({ seed: 8 }).panel.rows[3].values.gdp_pc;
  assert.equal(syntheticStudy({ seed: 8 }).panel.rows[3].values.gdp_pc, a);
  assert.notEqual(syntheticStudy({ seed: 9 }).panel.rows[3].values.gdp_pc, a);
  // the default seed is 20240601
  assert.deepEqual(syntheticStudy().panel.rows, syntheticStudy({ seed: 20240601 }).panel.rows);
});

Deno.test("SYNTHETIC_BETA = the paper's Table 2 coefficients (data/paper/table2.csv)", async () => {
  const csv = await Deno.readTextFile(new URL("../../../data/paper/table2.csv", import.meta.url));
  const [header, ...lines] = csv.trim().split("\n");
  const cols = header.split(",");
  const term = cols.indexOf("term");
  const coef = cols.indexOf("coefficient");
  const paper: Record<string, number> = {};
  for (const l of lines) {
    const f = l.split(",");
    paper[f[term] === "_cons" ? "(Intercept)" : f[term]] = Number(f[coef]);
  }
  assert.deepEqual(SYNTHETIC_BETA, paper);
});

Deno.test("synthetic panel values: mulberry32 drawn in row order (f, five regressors, distance, four indicator noises)", () => {
  const seed = 77;
  const s = syntheticStudy({ seed, years: { from: 2019, to: 2022 } });
  const rand = mulberry32(seed);
  const u = (lo: number, hi: number) => lo + (hi - lo) * rand();
  for (const row of s.panel.rows) {
    const f = u(-1, 1);
    const expect: Record<string, number> = {
      gdp_pc: Math.exp(u(8, 10)),
      pop: Math.exp(u(14, 18)),
      net: u(10, 90),
      cpi: u(95, 130),
      open: u(20, 120),
    };
    if (row.iso3 !== "AAA") expect.dist = u(2000, 5000) * u(40, 100);
    ["ind_a", "ind_b", "ind_c", "ind_d"].forEach((name, m) => {
      expect[name] = 10 + (m + 1) * f + u(-0.6, 0.6);
    });
    for (const [k, v] of Object.entries(expect)) {
      assert.ok(Math.abs(row.values[k] - v) <= 1e-12 * Math.abs(v), `${row.iso3} ${row.year} ${k}`);
    }
  }
});

Deno.test("noise 'normal': ln K = partnerSpread z_partner + spread z_row, z from normalStream(seed + 1)", () => {
  for (const seed of [3, 11]) {
    const s = syntheticStudy({ noise: "normal", spread: 0.5, partnerSpread: 2, seed });
    // one standard normal per partner (in partner order), then one per partner-year of the design
    const z = normalStream(seed + 1);
    const effect = new Map(s.config.partners.map((p) => [p, 2 * z()]));
    for (const t of s.truth.k) {
      const lnk = effect.get(t.country)! + 0.5 * z();
      assert.ok(Math.abs(Math.log(t.k) - lnk) < 1e-12, `${seed} ${t.country} ${t.year}`);
    }
  }
  // the default seed is 20240601 for the normal stream as well; without a partner spread the
  // five partner draws are still taken (as 0 x z)
  const d = syntheticStudy({ noise: "normal", spread: 0.5 });
  const z = normalStream(20240602);
  for (let i = 0; i < 5; i++) z();
  for (const t of d.truth.k) assert.ok(Math.abs(Math.log(t.k) - 0.5 * z()) < 1e-12);
});
