/**
 * loadBenchmarkWorld and the frontier section on a hand-made world in a fresh directory (China's
 * trade with eight partners, 2010-2012, CEPII distances): the China world panel is loaded for the
 * frontier alone, the world frontier fit is cached in out/cache/ and served warm, and a changed
 * setting or set of partners refits it; the panel covers the benchmark's years and the
 * frontier's. The cache key also holds the estimator's source files (their sizes and times).
 */
import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { parseBenchmarkConfig } from "../../../lib/gravity/config/benchmark.ts";
import { parseFrontierConfig } from "../../../lib/gravity/config/frontier.ts";
import type { StudyConfig } from "../../../lib/gravity/config/study.ts";
import { FRONTIER_SOURCES, runWorldFrontier } from "../../../lib/gravity/world/frontier.ts";
import { loadBenchmarkWorld } from "../../../lib/gravity/world/load.ts";
import { freshTmp } from "../../tmp.ts";

const PARTNERS = ["BRA", "DEU", "FRA", "IND", "JPN", "KAZ", "RUS", "USA"];
const DIST = [17000, 7400, 8200, 3800, 2100, 3000, 5800, 11000];
/** A one-sided shortfall per partner and a little noise per year: ln trade on ln distance. */
const SHORT = [0.1, 0.9, 0.4, 1.6, 0.2, 0.7, 1.1, 0.05];
const NOISE = [0.12, -0.08, 0.03, -0.15, 0.1, 0.02, -0.05, 0.09, 0.07, -0.11, 0.04, -0.02];

function world(dir: string) {
  const repo = `${dir}/repo`, raw = `${dir}/shared/data/raw`;
  for (const d of [`${repo}/data`, `${raw}/geo/cepii`, `${raw}/wdi`]) {
    Deno.mkdirSync(d, { recursive: true });
  }
  const trade = ["reporter,partner,flow,year,value_usd_mn,estimate,source"];
  PARTNERS.forEach((p, i) => {
    for (let t = 0; t < 3; t++) {
      const ln = 12 - Math.log(DIST[i]) + 0.05 * t + NOISE[(i + 5 * t) % 12] - SHORT[i];
      // exports and imports (the panel's trade is their sum)
      trade.push(`CHN,${p},X,${2010 + t},${0.6 * Math.exp(ln)},0,D`);
      trade.push(`CHN,${p},M,${2010 + t},${0.4 * Math.exp(ln)},0,D`);
    }
  });
  const dist = ["iso_o,iso_d,contig,comlang_off,colony,comcol,dist,distcap,distw"];
  PARTNERS.forEach((p, i) => dist.push(`CHN,${p},0,0,0,0,${DIST[i]},1,1`));
  Deno.writeFileSync(
    `${repo}/data/world-trade.csv.gz`,
    gzipSync(new TextEncoder().encode(trade.join("\n") + "\n")),
  );
  Deno.writeTextFileSync(`${repo}/data/cepii-iso3.csv`, "cepii,iso3,carries,note\n");
  Deno.writeTextFileSync(`${raw}/geo/cepii/dist_cepii.csv`, dist.join("\n") + "\n");
  Deno.writeTextFileSync(
    `${raw}/geo/cepii/geo_cepii.csv`,
    "iso3,landlocked\nCHN,0\n" + PARTNERS.map((p) => `${p},0`).join("\n") + "\n",
  );
  const wdi = "Country Name,Country Code,Year,Value\n";
  Deno.writeTextFileSync(`${raw}/wdi/gdp-current-usd-long.csv`, wdi);
  Deno.writeTextFileSync(`${raw}/wdi/population-long.csv`, wdi);
  return repo;
}

function config(
  o: { frontier?: unknown; benchmark?: unknown; partners?: string[] } = {},
): StudyConfig {
  return {
    reporter: "CHN",
    partners: o.partners ?? ["KAZ", "RUS"],
    potential: { thresholds: { huge: 0.8, remodelling: 1.2 } },
    uncertainty: { enabled: false, level: 0.9, draws: 10, seed: 1, se: "cluster", residual: false },
    benchmark: o.benchmark === undefined ? null : parseBenchmarkConfig(o.benchmark),
    structural: null,
    frontier: parseFrontierConfig(o.frontier ?? FRONTIER),
  } as unknown as StudyConfig;
}
const FRONTIER = { years: { from: 2010, to: 2012 }, terms: ["ln_dist"], fixedEffects: [] };

async function load(c: StudyConfig, root: string) {
  const lines: string[] = [];
  const error = console.error;
  console.error = (...a: unknown[]) => lines.push(a.join(" "));
  try {
    return { ...(await loadBenchmarkWorld(c, { root })), lines };
  } finally {
    console.error = error;
  }
}

Deno.test("loadBenchmarkWorld: the frontier alone loads the panel, fits once, then reads the cache", async () => {
  const repo = world(freshTmp("frontier-world-"));
  const c = config();
  const cold = await load(c, repo);
  assert.deepEqual(cold.warnings, []);
  assert.deepEqual(cold.lines, [
    `world: reading ${repo}/data/world-trade.csv.gz ...`,
    "benchmark: China world panel built",
    "frontier: fitted",
  ]);
  const w = cold.options.world!;
  assert.deepEqual(w.years, { from: 2010, to: 2012 });
  assert.equal(cold.options.ppml, undefined); // no benchmark section: no PPML
  const f = cold.options.frontier!;
  assert.ok(f.ok, f.reason ?? "");
  assert.deepEqual([f.n, f.partners, f.years], [24, 8, [2010, 2011, 2012]]);
  assert.deepEqual(f.rows.map((r) => `${r.country}${r.year}`), [
    "KAZ2010",
    "KAZ2011",
    "KAZ2012",
    "RUS2010",
    "RUS2011",
    "RUS2012",
  ]);
  // the cached fit is the fit of the loaded panel
  assert.deepEqual(f, runWorldFrontier(w, c.frontier!, { partners: c.partners }));
  const cached = [...Deno.readDirSync(`${repo}/out/cache`)].map((e) => e.name).sort();
  assert.equal(cached.length, 2);
  assert.match(cached[0], /^china-world-[0-9a-f]{20}\.json$/);
  assert.match(cached[1], /^frontier-[0-9a-f]{20}\.json$/);

  const warm = await load(c, repo);
  assert.deepEqual(warm.lines, [
    "benchmark: China world panel from the cache",
    "frontier: from the cache",
  ]);
  assert.deepEqual(warm.options.frontier, f);

  // another setting or other partners: refitted, the panel from the cache
  for (
    const other of [
      config({ frontier: { ...FRONTIER, level: 0.5 } }),
      config({ partners: ["DEU"] }),
    ]
  ) {
    const again = await load(other, repo);
    assert.deepEqual(again.lines, [
      "benchmark: China world panel from the cache",
      "frontier: fitted",
    ]);
  }
  // a changed input file (its size and time): the panel rebuilt and the frontier refitted
  Deno.writeTextFileSync(
    `${repo}/../shared/data/raw/wdi/population-long.csv`,
    "Country Name,Country Code,Year,Value\nZ,ZZZ,2010,1\n",
  );
  const changed = await load(c, repo);
  assert.deepEqual(changed.lines, [
    `world: reading ${repo}/data/world-trade.csv.gz ...`,
    "benchmark: China world panel built",
    "frontier: fitted",
  ]);
  // disabled: nothing is loaded
  const off = await load(config({ frontier: { ...FRONTIER, enabled: false } }), repo);
  assert.deepEqual([off.lines, off.options], [[], {}]);
});

Deno.test("loadBenchmarkWorld: the panel spans the benchmark's years and the frontier's", async () => {
  const repo = world(freshTmp("frontier-world-span-"));
  const r = await load(
    config({
      benchmark: { years: { from: 2010, to: 2011 }, estimators: ["ols"], terms: ["ln_dist"] },
      frontier: { ...FRONTIER, years: { from: 2011, to: 2012 } },
    }),
    repo,
  );
  assert.deepEqual(r.options.world!.years, { from: 2010, to: 2012 });
  assert.equal(typeof r.options.ppml, "function");
  assert.deepEqual(r.options.frontier!.years, [2011, 2012]);
});

Deno.test("the frontier cache key holds the estimator's source files, and they exist", () => {
  for (const f of FRONTIER_SOURCES) assert.ok(Deno.statSync(f).isFile, f);
  for (
    const name of [
      "stats/frontier/fit.ts",
      "stats/frontier/likelihood.ts",
      "gravity/world/frontier.ts",
    ]
  ) {
    assert.ok(FRONTIER_SOURCES.some((f) => f.endsWith(`/lib/${name}`)), name);
  }
});
