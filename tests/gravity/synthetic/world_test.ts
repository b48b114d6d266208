// The synthetic China world (lib/gravity/synthetic/world.ts) against its documentation: sizes and
// names, the geography rules, the export shares, trade = exp(year effect + X beta + u) with the
// documented beta recomputed exactly from the generated GDP, population and geography, the noise
// structure (partner effect sd 0.2 + noise sd 0.3; the Gamma variance 2e4 x mean with "poisson"),
// GDP and population paths, and the seed (mutation record:
// tests/mutation/gravity_synthetic_world.json).
import assert from "node:assert/strict";
import {
  SYNTHETIC_WORLD_BETA,
  SYNTHETIC_WORLD_CA5,
  syntheticWorld,
} from "../../../lib/gravity/synthetic/world.ts";
import { normalStream } from "../../../lib/stats/random.ts";

const YEARS = Array.from({ length: 11 }, (_, i) => 2010 + i);
const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const variance = (v: number[]) => {
  const m = mean(v);
  return v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1);
};
const within = (x: number, lo: number, hi: number, what: string) =>
  assert.ok(x >= lo && x <= hi, `${what}: ${x} not in [${lo}, ${hi}]`);

type World = ReturnType<typeof syntheticWorld>;

/** Per partner-year: exports, imports, GDP, population; per partner: geography. */
function index(w: World) {
  const flows = new Map<string, { exports: number; imports: number }>();
  for (let i = 0; i < w.trade.reporter.length; i++) {
    assert.equal(w.trade.reporter[i], "CHN");
    assert.equal(w.trade.estimate[i], false);
    const key = `${w.trade.partner[i]}|${w.trade.year[i]}`;
    const f = flows.get(key) ?? { exports: NaN, imports: NaN };
    f[w.trade.flow[i] as "exports" | "imports"] = w.trade.value[i];
    flows.set(key, f);
  }
  const gdp = new Map(w.gdp.map((o) => [`${o.iso3}|${o.year}`, o.value]));
  const pop = new Map(w.pop.map((o) => [`${o.iso3}|${o.year}`, o.value]));
  const geo = new Map(w.geo.map((g) => [g.destination, g]));
  return { flows, gdp, pop, geo };
}

/** The documented linear index: -2 + 0.02 (year - 2010) + X beta (beta written out by hand). */
function linear(ix: ReturnType<typeof index>, p: string, year: number) {
  const { gdp, pop, geo } = ix;
  const g = geo.get(p)!;
  return -2 + 0.02 * (year - 2010) + 0.9 * Math.log(gdp.get(`${p}|${year}`)!) +
    0.1 * Math.log(pop.get(`${p}|${year}`)!) - 1.1 * Math.log(g.dist) + 0.6 * g.contig +
    0.3 * g.comlang_off + 0 * g.colony - 0.5 * g.landlocked;
}

Deno.test("syntheticWorld: sizes, partner names, geography rules, export shares, default seed 7", () => {
  assert.deepEqual(SYNTHETIC_WORLD_CA5, ["KAZ", "KGZ", "TJK", "TKM", "UZB"]);
  assert.deepEqual(SYNTHETIC_WORLD_BETA, {
    ln_gdp: 0.9,
    ln_pop: 0.1,
    ln_dist: -1.1,
    contig: 0.6,
    comlang_off: 0.3,
    colony: 0,
    landlocked: -0.5,
  });
  const w = syntheticWorld();
  const partners = [
    ...SYNTHETIC_WORLD_CA5,
    ...Array.from({ length: 55 }, (_, i) => `X${String(i).padStart(2, "0")}`),
  ];
  assert.deepEqual(w.geo.map((g) => g.destination), partners);
  assert.equal(partners[59], "X54");
  assert.deepEqual(
    [w.trade.reporter.length, w.gdp.length, w.pop.length, w.geo.length, w.trueLnK.size],
    [60 * 11 * 2, 60 * 11, 60 * 11, 60, 60 * 11],
  );
  // the row order: partner by partner, years ascending, exports then imports
  assert.deepEqual(Array.from(w.trade.partner).slice(0, 23), [
    ...Array(22).fill("KAZ"),
    "KGZ",
  ]);
  assert.deepEqual(Array.from(w.trade.year).slice(0, 4), [2010, 2010, 2011, 2011]);
  assert.deepEqual(Array.from(w.trade.flow).slice(0, 4), [
    "exports",
    "imports",
    "exports",
    "imports",
  ]);
  assert.deepEqual(w.gdp.slice(0, 2).map((o) => [o.iso3, o.year]), [["KAZ", 2010], ["KAZ", 2011]]);
  const { flows } = index(w);
  partners.forEach((p, i) => {
    const g = w.geo[i];
    assert.deepEqual(
      [g.origin, g.contig, g.comlang_off, g.colony, g.landlocked, g.comcol],
      ["CHN", i % 7 === 0 ? 1 : 0, i % 11 === 0 ? 1 : 0, 0, i % 4 === 0 ? 1 : 0, 0],
      p,
    );
    assert.ok(g.dist > 0 && g.distcap === g.dist && g.distw === g.dist, p);
    // exports share 0.3 + 0.4 x ((37 i) mod 10) / 10, the same every year
    for (const y of YEARS) {
      const f = flows.get(`${p}|${y}`)!;
      const share = 0.3 + 0.4 * ((i * 37) % 10) / 10;
      assert.ok(Math.abs(f.exports / (f.exports + f.imports) - share) < 1e-12, `${p} ${y}`);
    }
  });
  // the seed: 7 by default, fixed, and another seed is another world
  assert.deepEqual(syntheticWorld(7), w);
  assert.notDeepEqual(syntheticWorld(8).gdp, w.gdp);
  // fewer partners: the CA5 first, then X00...
  assert.deepEqual(syntheticWorld(7, 8).geo.map((g) => g.destination), [
    ...SYNTHETIC_WORLD_CA5,
    "X00",
    "X01",
    "X02",
  ]);
});

Deno.test("syntheticWorld (lognormal): trade = exp(year effect + X beta + u) exactly, u = partner effect (sd 0.2) + noise (sd 0.3)", () => {
  const w = syntheticWorld(7);
  const ix = index(w);
  const { flows, gdp, pop, geo } = ix;
  const partners = w.geo.map((g) => g.destination);
  const uWithin: number[] = [];
  const uMeans: number[] = [];
  const gdpWithin: number[] = [];
  const gdpGrowth: number[] = [];
  const lnGdp2010: number[] = [];
  const lnPop2010: number[] = [];
  for (const p of partners) {
    const u = YEARS.map((y) => {
      const f = flows.get(`${p}|${y}`)!;
      const lnK = w.trueLnK.get(`${p}|${y}`)!;
      const lin = linear(ix, p, y);
      assert.ok(Math.abs(Math.log(f.exports + f.imports) - (lin + lnK)) < 1e-9, `${p} ${y}`);
      // population grows by exactly 1% a year (in logs)
      const lnPop = Math.log(pop.get(`${p}|${y}`)!) - Math.log(pop.get(`${p}|2010`)!);
      assert.ok(Math.abs(lnPop - 0.01 * (y - 2010)) < 1e-9, `${p} pop ${y}`);
      return lnK;
    });
    const m = mean(u);
    uMeans.push(m);
    uWithin.push(...u.map((x) => x - m));
    const g = YEARS.map((y) => Math.log(gdp.get(`${p}|${y}`)!) - 0.03 * (y - 2010));
    const gm = mean(g);
    gdpWithin.push(...g.map((x) => x - gm));
    gdpGrowth.push(Math.log(gdp.get(`${p}|2020`)!) - Math.log(gdp.get(`${p}|2010`)!));
    lnGdp2010.push(Math.log(gdp.get(`${p}|2010`)!));
    lnPop2010.push(Math.log(pop.get(`${p}|2010`)!));
  }
  // noise: within-partner variance 0.3^2 (10 df per partner); partner means: 0.2^2 + 0.09 / 11
  const vWithin = uWithin.reduce((a, b) => a + b * b, 0) / (60 * 10);
  within(vWithin, 0.07, 0.11, "within-partner variance of u");
  within(variance(uMeans), 0.025, 0.08, "variance of the partner means of u");
  // GDP: ln GDP = lnGdp0 + 0.03 (year - 2010) + 0.05 z, lnGdp0 ~ 24 + 1.5 z; population 16 + 1.2 z
  within(gdpWithin.reduce((a, b) => a + b * b, 0) / (60 * 10), 0.0017, 0.0034, "GDP noise");
  within(mean(gdpGrowth), 0.27, 0.33, "GDP growth 2010-2020");
  within(mean(lnGdp2010), 23.4, 24.6, "mean ln GDP");
  within(Math.sqrt(variance(lnGdp2010)), 1.1, 1.9, "sd ln GDP");
  within(mean(lnPop2010), 15.5, 16.5, "mean ln population");
  within(Math.sqrt(variance(lnPop2010)), 0.85, 1.55, "sd ln population");
  // distance: exp(8 + 0.6 z)
  const lnDist = partners.map((p) => Math.log(geo.get(p)!.dist));
  within(mean(lnDist), 7.75, 8.25, "mean ln distance");
  within(Math.sqrt(variance(lnDist)), 0.45, 0.85, "sd ln distance");
});

Deno.test("syntheticWorld (poisson): Gamma trade with mean exp(year effect + X beta), variance 2e4 x mean, ln K = ln(trade / mean)", () => {
  const w = syntheticWorld(7, 60, "poisson");
  const ix = index(w);
  const { flows } = ix;
  let sumTrade = 0, sumMean = 0, sumSq = 0;
  const partners = w.geo.map((g) => g.destination);
  for (const p of partners) {
    for (const y of YEARS) {
      const f = flows.get(`${p}|${y}`)!;
      const total = f.exports + f.imports;
      const mu = Math.exp(linear(ix, p, y));
      const k = w.trueLnK.get(`${p}|${y}`)!;
      assert.ok(Math.abs(Math.log(total / mu) - k) < 1e-9, `${p} ${y}`);
      sumTrade += total;
      sumMean += mu;
      sumSq += (total - mu) ** 2;
    }
  }
  within(sumTrade / sumMean, 0.97, 1.03, "sum trade / sum mean");
  within(sumSq / sumMean, 1.5e4, 2.6e4, "variance / mean");
});

Deno.test("syntheticWorld: the seed's normal stream read in the documented order gives every value", () => {
  // per partner: ln distance 8 + 0.6 z, partner effect 0.2 z, ln GDP0 24 + 1.5 z, ln population0
  // 16 + 1.2 z; per year: ln GDP = ln GDP0 + 0.03 (year - 2010) + 0.05 z, u = effect + 0.3 z
  // (normalStream of lib/stats/random.ts: the stream the module documents it draws from)
  for (const seed of [7, 3]) {
    const w = syntheticWorld(seed, 7);
    const z = normalStream(seed);
    const rel = (a: number, b: number, what: string) =>
      assert.ok(Math.abs(a / b - 1) < 1e-12, `seed ${seed} ${what}: ${a} vs ${b}`);
    w.geo.forEach((g, i) => {
      const p = g.destination;
      rel(g.dist, Math.exp(8 + 0.6 * z()), `${p} dist`);
      const effect = 0.2 * z();
      const lnGdp0 = 24 + 1.5 * z();
      const lnPop0 = 16 + 1.2 * z();
      YEARS.forEach((y, t) => {
        rel(w.gdp[11 * i + t].value, Math.exp(lnGdp0 + 0.03 * t + 0.05 * z()), `${p} GDP ${y}`);
        rel(w.pop[11 * i + t].value, Math.exp(lnPop0 + 0.01 * t), `${p} population ${y}`);
        const u = effect + 0.3 * z();
        assert.ok(Math.abs(w.trueLnK.get(`${p}|${y}`)! - u) < 1e-12, `seed ${seed} ${p} u ${y}`);
      });
    });
  }
});
