/**
 * The study loader's counterfactual step (lib/gravity/world/load.ts) on a hand-made world in a
 * fresh directory: the baseline matrix of the configured year from the world file, WDI GDP and
 * CEPII, the scenarios solved with the structural fit's coefficients, both cached (the matrix by
 * the year, countries and reporting rule; the solution also by the section and the coefficients),
 * progress on stderr, and a country without GDP left out and named.
 */
import "../../root.ts";
import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import type { StudyConfig } from "../../../lib/gravity/config/study.ts";
import { parseStructuralConfig } from "../../../lib/gravity/config/structural.ts";
import { loadBenchmarkWorld } from "../../../lib/gravity/world/load.ts";
import { freshTmp } from "../../tmp.ts";
import { handCounterfactualConfig } from "./ge_fixture.ts";

const C = ["CHN", "KAZ", "RUS", "DEU"];
const DIST: Record<string, [number, number]> = {
  "CHN-KAZ": [3000, 1],
  "CHN-RUS": [5800, 0],
  "CHN-DEU": [7400, 0],
  "KAZ-RUS": [2700, 1],
  "KAZ-DEU": [4800, 0],
  "RUS-DEU": [1600, 0],
};
const pair = (i: number, j: number) => DIST[`${C[i]}-${C[j]}`] ?? DIST[`${C[j]}-${C[i]}`];
/** Exports of C[i] to C[j] in 2010, US$ mn: an exact gravity surface (ln_dist -1, contig 0.5). */
const flow = (i: number, j: number) =>
  Math.exp(10 + (1 + 0.3 * i) + 0.2 * j - Math.log(pair(i, j)[0]) + 0.5 * pair(i, j)[1]);
/** GDP, US$: DEU has none (left out); the others well above their exports. */
const GDP: Record<string, number> = { CHN: 9e12, KAZ: 3e12, RUS: 4e12 };

function files(dir: string) {
  const repo = `${dir}/repo`, raw = `${dir}/shared/data/raw`;
  for (const d of [`${repo}/data`, `${raw}/geo/cepii`, `${raw}/wdi`]) {
    Deno.mkdirSync(d, { recursive: true });
  }
  const rows = ["reporter,partner,flow,year,value_usd_mn,estimate,source"];
  const dist = ["iso_o,iso_d,contig,comlang_off,colony,comcol,dist,distcap,distw"];
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 4; j++) {
      if (i === j) continue;
      rows.push(`${C[i]},${C[j]},X,2010,${flow(i, j)},0,D`);
      dist.push(`${C[i]},${C[j]},${pair(i, j)[1]},0,0,0,${pair(i, j)[0]},1,1`);
    }
  }
  Deno.writeFileSync(
    `${repo}/data/world-trade.csv.gz`,
    gzipSync(new TextEncoder().encode(rows.join("\n") + "\n")),
  );
  Deno.writeTextFileSync(`${repo}/data/cepii-iso3.csv`, "cepii,iso3,carries,note\n");
  Deno.writeTextFileSync(`${raw}/geo/cepii/dist_cepii.csv`, dist.join("\n") + "\n");
  Deno.writeTextFileSync(
    `${raw}/geo/cepii/geo_cepii.csv`,
    "iso3,landlocked\nCHN,0\nKAZ,1\nRUS,0\nDEU,0\n",
  );
  Deno.writeTextFileSync(
    `${raw}/wdi/gdp-current-usd-long.csv`,
    "Country Name,Country Code,Year,Value\n" +
      Object.entries(GDP).map(([c, v]) => `${c},${c},2010,${v}`).join("\n") + "\n",
  );
  Deno.writeTextFileSync(
    `${raw}/wdi/population-long.csv`,
    "Country Name,Country Code,Year,Value\n",
  );
  return repo;
}

function config(theta = 4): StudyConfig {
  const cf = handCounterfactualConfig();
  return {
    reporter: "CHN",
    partners: ["KAZ", "RUS"],
    potential: { thresholds: { huge: 0.8, remodelling: 1.2 } },
    uncertainty: { enabled: false, level: 0.9, draws: 10, seed: 1, se: "cluster", residual: false },
    benchmark: null,
    structural: parseStructuralConfig({ years: { from: 2010, to: 2010 } }),
    counterfactual: { ...cf, year: 2010, theta },
  } as unknown as StudyConfig;
}

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

Deno.test("loadBenchmarkWorld: the counterfactuals' world and solution, built then cached; DEU without GDP left out", async () => {
  const repo = files(freshTmp("counterfactual-world-"));
  const cold = await load(config(), repo);
  assert.deepEqual(cold.warnings, []);
  assert.deepEqual(cold.lines, [
    "structural: PPML with exporter-year and importer-year effects ...",
    `world: reading ${repo}/data/world-trade.csv.gz ...`,
    "structural: fitted",
    "counterfactual: the 2010 world matrix ...",
    "counterfactual: world built, scenarios solved",
  ]);
  const b = cold.options.geBaseline!;
  assert.deepEqual(b.countries, ["CHN", "KAZ", "RUS"]);
  assert.deepEqual(b.excluded.noGdp, ["DEU"]);
  // the matrix: exports in US$, the diagonal GDP minus exports to everyone (DEU included)
  const idx = (c: string) => C.indexOf(c);
  for (const [i, o] of b.countries.entries()) {
    const total = [0, 1, 2, 3].filter((j) => j !== idx(o)).reduce(
      (s, j) => s + flow(idx(o), j) * 1e6,
      0,
    );
    for (const [j, d] of b.countries.entries()) {
      const want = i === j ? GDP[o] - total : flow(idx(o), idx(d)) * 1e6;
      assert.ok(Math.abs(b.flows[i * 3 + j] / want - 1) < 1e-12, `${o}-${d}`);
    }
  }
  assert.ok(
    Math.abs(
      b.trade.leftOut / ([0, 1, 2].reduce((s, i) => s + flow(i, 3) + flow(3, i), 0) * 1e6) - 1,
    ) < 1e-12,
  );
  // the solution with the structural fit's coefficients (the exact surface: -1 and 0.5)
  const c = cold.options.counterfactual!;
  assert.ok(c.ok);
  const coef = Object.fromEntries(c.coefficients.map((x) => [x.term, x.estimate]));
  assert.ok(Math.abs(coef.ln_dist + 1) < 1e-6 && Math.abs(coef.contig - 0.5) < 1e-6);
  assert.deepEqual(c.scenarios.map((s) => s.ok), [false, true, true]);
  assert.ok(Math.abs(c.scenarios[1].pairs[0].partial - coef.ln_dist * Math.log(0.8)) < 1e-15);
  const cached = [...Deno.readDirSync(`${repo}/out/cache`)].map((e) => e.name).sort();
  assert.deepEqual(cached.map((n) => n.replace(/-[0-9a-f]{20}\.json$/, "")), [
    "counterfactual",
    "ge-world",
    "structural",
  ]);

  // warm: everything from the cache, the world file not read
  const warm = await load(config(), repo);
  assert.deepEqual(warm.lines, [
    "structural: from the cache",
    "counterfactual: world from the cache, scenarios from the cache",
  ]);
  assert.deepEqual(warm.options.counterfactual, c);
  // another theta: the same world, the scenarios solved again
  const other = await load(config(6), repo);
  assert.deepEqual(other.lines, [
    "structural: from the cache",
    "counterfactual: world from the cache, scenarios solved",
  ]);
  assert.equal(other.options.counterfactual!.config.theta, 6);
  assert.notEqual(
    other.options.counterfactual!.scenarios[1].result!.countries[0].welfare,
    c.scenarios[1].result!.countries[0].welfare,
  );
  // other partners or another partner-export rule: the world matrix built again (its key)
  const kaz = config();
  kaz.partners = ["KAZ"];
  const fewer = await load(kaz, repo);
  assert.equal(fewer.lines.at(-1), "counterfactual: world built, scenarios solved");
  assert.deepEqual(fewer.options.geBaseline!.partners, ["KAZ"]);
  const rule = config();
  rule.structural = parseStructuralConfig({
    years: { from: 2010, to: 2010 },
    partnerExports: "reporter",
  });
  const reporter = await load(rule, repo);
  assert.equal(reporter.lines.at(-1), "counterfactual: world built, scenarios solved");
  // a changed input file (its size and time): both built again
  Deno.writeTextFileSync(
    `${repo}/../shared/data/raw/wdi/population-long.csv`,
    "Country Name,Country Code,Year,Value\nZ,ZZZ,2010,1\n",
  );
  const changed = await load(config(), repo);
  assert.equal(changed.lines.at(-1), "counterfactual: world built, scenarios solved");
  assert.deepEqual(changed.options.counterfactual, c);
  // disabled: neither is loaded
  const off = config();
  off.counterfactual!.enabled = false;
  const none = await load(off, repo);
  assert.equal(none.options.geBaseline, undefined);
  assert.equal(none.options.counterfactual, undefined);
});
