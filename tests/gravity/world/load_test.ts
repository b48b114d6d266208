/**
 * loadBenchmarkWorld (lib/gravity/world/load.ts) end to end on a hand-made world in a fresh
 * directory: T/repo holds data/world-trade.csv.gz and data/cepii-iso3.csv, T/shared/data/raw the
 * CEPII and WDI files (the default raw directory ../shared/data/raw seen from T/repo). The world's
 * exports follow an exact structural gravity surface, trade_ij,t = exp(e_i,t + m_j,t - ln dist_ij +
 * 0.5 contig_ij), so lib/stats' PPML with exporter-year and importer-year effects must give ln_dist
 * = -1, contig = 0.5 and a structural K of 1 for every China-partner pair. Checked: the paths
 * (root, default and absolute raw), both caches (hits, and misses when an input file, the years or
 * the partners change), the progress lines on stderr, and the warnings. Then, on small inputs:
 * ppmlFromFitModel with a stand-in fitModel (what it passes, which rows and columns enter the
 * covariance: numpy's CR1 sandwich in tests/fixtures/mutants/uncertainty_truth.py), the structural
 * slopes' covariance on one fixed-effect group (numpy again), and loadBenchmarkWorld's early exits.
 */
import "../../root.ts"; // the repository root is the working directory (relative paths below)
import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import {
  loadBenchmarkWorld,
  loadPpml,
  loadStructuralEstimator,
  type ModelModule,
  ppmlFromFitModel,
} from "../../../lib/gravity/world/load.ts";
import type { StudyConfig } from "../../../lib/gravity/config/study.ts";
import { freshTmp } from "../../tmp.ts";
import { parseBenchmarkConfig } from "../../../lib/gravity/config/benchmark.ts";
import { parseStructuralConfig } from "../../../lib/gravity/config/structural.ts";
import { InputError } from "../../../lib/errors.ts";

const C = ["CHN", "KAZ", "RUS", "DEU"];
/** Symmetric distances (km) and contiguity of the six pairs. */
const PAIRS: Record<string, [number, number]> = {
  "CHN-KAZ": [3000, 1],
  "CHN-RUS": [5800, 0],
  "CHN-DEU": [7400, 0],
  "KAZ-RUS": [2700, 1],
  "KAZ-DEU": [4800, 0],
  "RUS-DEU": [1600, 0],
};
const pair = (i: number, j: number) => PAIRS[`${C[i]}-${C[j]}`] ?? PAIRS[`${C[j]}-${C[i]}`];
/** Exports of C[i] to C[j] in 2010 + t, US$ millions: the exact gravity surface. */
const flow = (i: number, j: number, t: number) => {
  const [d, c] = pair(i, j);
  return Math.exp(10 + (1 + 0.3 * i + 0.1 * t) + (0.2 * j - 0.05 * t) - Math.log(d) + 0.5 * c);
};

function worldCsv(extra = ""): string {
  const rows = ["reporter,partner,flow,year,value_usd_mn,estimate,source"];
  for (let t = 0; t < 2; t++) {
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 4; j++) {
        if (i !== j) rows.push(`${C[i]},${C[j]},X,${2010 + t},${flow(i, j, t)},0,D`);
      }
    }
  }
  rows.push("CHN,KAZ,M,2010,2.5,0,D"); // China's imports: the benchmark panel's trade only
  rows.push("CHN,XKX,X,2010,1,0,D"); // no CEPII pair: left out of the structural fit
  return rows.join("\n") + "\n" + extra;
}

function distCsv(extra = ""): string {
  const rows = ["iso_o,iso_d,contig,comlang_off,colony,comcol,dist,distcap,distw"];
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 4; j++) {
      if (i !== j) rows.push(`${C[i]},${C[j]},${pair(i, j)[1]},0,0,0,${pair(i, j)[0]},1,1`);
    }
  }
  return rows.join("\n") + "\n" + extra;
}

const FILES = {
  geo: "iso3,landlocked\nCHN,0\nKAZ,1\nRUS,0\nDEU,0\n",
  gdp: "Country Name,Country Code,Year,Value\nKazakhstan,KAZ,2010,1.5e11\n",
  pop: "Country Name,Country Code,Year,Value\nKazakhstan,KAZ,2010,16000000\n",
  mapping: "cepii,iso3,carries,note\n",
};

/** T/repo and T/shared/data/raw with the files above; paths of the six inputs. */
function world(dir: string) {
  const repo = `${dir}/repo`, raw = `${dir}/shared/data/raw`;
  for (const d of [`${repo}/data`, `${raw}/geo/cepii`, `${raw}/wdi`]) {
    Deno.mkdirSync(d, { recursive: true });
  }
  const files = {
    world: `${repo}/data/world-trade.csv.gz`,
    mapping: `${repo}/data/cepii-iso3.csv`,
    dist: `${raw}/geo/cepii/dist_cepii.csv`,
    geo: `${raw}/geo/cepii/geo_cepii.csv`,
    gdp: `${raw}/wdi/gdp-current-usd-long.csv`,
    pop: `${raw}/wdi/population-long.csv`,
  };
  Deno.writeFileSync(files.world, gzipSync(new TextEncoder().encode(worldCsv())));
  Deno.writeTextFileSync(files.mapping, FILES.mapping);
  Deno.writeTextFileSync(files.dist, distCsv());
  Deno.writeTextFileSync(files.geo, FILES.geo);
  Deno.writeTextFileSync(files.gdp, FILES.gdp);
  Deno.writeTextFileSync(files.pop, FILES.pop);
  return { repo, raw, files };
}

function config(
  o: { benchmark?: unknown; structural?: unknown; partners?: string[] } = {},
): StudyConfig {
  return {
    reporter: "CHN",
    partners: o.partners ?? ["KAZ", "RUS"],
    potential: { thresholds: { huge: 0.8, remodelling: 1.2 } },
    uncertainty: { enabled: false, level: 0.9, draws: 10, seed: 1, se: "cluster", residual: false },
    benchmark: o.benchmark === undefined ? null : parseBenchmarkConfig(o.benchmark),
    structural: o.structural === undefined ? null : parseStructuralConfig(o.structural),
  } as unknown as StudyConfig;
}
const YEARS = { years: { from: 2010, to: 2011 } };

/** loadBenchmarkWorld with console.error captured. */
async function load(c: StudyConfig, options?: { root?: string }) {
  const lines: string[] = [];
  const error = console.error;
  console.error = (...a: unknown[]) => lines.push(a.join(" "));
  try {
    return { ...(await loadBenchmarkWorld(c, options)), lines };
  } finally {
    console.error = error;
  }
}

const close = (a: number, b: number, tol: number, what: string) =>
  assert.ok(Math.abs(a - b) < tol, `${what}: ${a} vs ${b}`);

Deno.test("loadBenchmarkWorld under a root: the China world panel, PPML and the structural fit from hand-made files; both caches", async () => {
  const { repo, files } = world(freshTmp("benchmark-world-"));
  const c = config({ benchmark: YEARS, structural: YEARS });
  const r = await load(c, { root: repo });
  assert.deepEqual(r.warnings, []);
  assert.deepEqual(r.lines, [
    `world: reading ${repo}/data/world-trade.csv.gz ...`,
    "benchmark: China world panel built",
    "structural: PPML with exporter-year and importer-year effects ...",
    "structural: fitted",
  ]);
  // the China world panel: China's partners, exports + imports, CEPII and WDI joined
  const w = r.options.world!;
  assert.deepEqual([w.reporter, w.years, w.partners], ["CHN", YEARS.years, [
    "DEU",
    "KAZ",
    "RUS",
    "XKX",
  ]]);
  const kaz = w.rows.find((x) => x.partner === "KAZ" && x.year === 2010)!;
  close(kaz.exports, flow(0, 1, 0) * 1e6, 1e-3, "exports");
  close(kaz.trade, (flow(0, 1, 0) + 2.5) * 1e6, 1e-3, "trade");
  assert.deepEqual([kaz.dist, kaz.contig, kaz.landlocked, kaz.gdp, kaz.pop], [
    3000,
    1,
    1,
    1.5e11,
    16e6,
  ]);
  assert.equal(typeof r.options.ppml, "function");
  // the structural fit: 4 x 3 flows in each of 2 years; XKX has no geography
  const s = r.options.structural!;
  assert.equal(s.ok, true);
  assert.deepEqual([s.n, s.exporters, s.importers, s.years, s.excluded], [24, 4, 4, [2010, 2011], {
    noGeography: 1,
  }]);
  const b = Object.fromEntries(s.coefficients.map((x) => [x.term, x.estimate]));
  close(b.ln_dist, -1, 1e-6, "ln_dist");
  close(b.contig, 0.5, 1e-6, "contig");
  assert.deepEqual(s.k.map((k) => `${k.country}${k.year}`), [
    "KAZ2010",
    "KAZ2011",
    "RUS2010",
    "RUS2011",
  ]);
  for (const k of s.k) close(k.k, 1, 1e-6, `K ${k.country} ${k.year}`);
  const cached = [...Deno.readDirSync(`${repo}/out/cache`)].map((e) => e.name).sort();
  assert.equal(cached.length, 2);
  assert.match(cached[0], /^china-world-[0-9a-f]{20}\.json$/);
  assert.match(cached[1], /^structural-[0-9a-f]{20}\.json$/);

  // warm: both from the cache, the world file not read
  const warm = await load(c, { root: repo });
  assert.deepEqual(warm.lines, [
    "benchmark: China world panel from the cache",
    "structural: from the cache",
  ]);
  assert.deepEqual(warm.options.world, w);
  assert.deepEqual(warm.options.structural!.k.map((k) => k.actual), s.k.map((k) => k.actual));

  // any input file changed (size and time): both rebuilt
  const built = [
    `world: reading ${repo}/data/world-trade.csv.gz ...`,
    "benchmark: China world panel built",
    "structural: PPML with exporter-year and importer-year effects ...",
    "structural: fitted",
  ];
  const change: [keyof typeof files, () => void][] = [
    ["world", () =>
      Deno.writeFileSync(
        files.world,
        gzipSync(new TextEncoder().encode(worldCsv("ZZA,ZZB,M,2010,1,0,D\n"))),
      )],
    ["mapping", () => Deno.writeTextFileSync(files.mapping, FILES.mapping + 'ZZX,ZZZ,all,"x"\n')],
    ["dist", () => Deno.writeTextFileSync(files.dist, distCsv("ZZA,ZZB,0,0,0,0,1,1,1\n"))],
    ["geo", () => Deno.writeTextFileSync(files.geo, FILES.geo + "ZZZ,0\n")],
    ["gdp", () => Deno.writeTextFileSync(files.gdp, FILES.gdp + "Z,ZZZ,2010,1\n")],
    ["pop", () => Deno.writeTextFileSync(files.pop, FILES.pop + "Z,ZZZ,2010,1\n")],
  ];
  for (const [name, write] of change) {
    write();
    const again = await load(c, { root: repo });
    assert.deepEqual(again.lines, built, `after changing ${name}`);
    assert.deepEqual(again.warnings, []);
  }
  // other benchmark years: the China world panel again, the structural fit from the cache
  const y2010 = await load(
    config({ benchmark: { years: { from: 2010, to: 2010 } }, structural: YEARS }),
    { root: repo },
  );
  assert.deepEqual(y2010.lines, [
    `world: reading ${repo}/data/world-trade.csv.gz ...`,
    "benchmark: China world panel built",
    "structural: from the cache",
  ]);
  assert.deepEqual(y2010.options.world!.years, { from: 2010, to: 2010 });
  // other partners: the structural fit again (K of DEU), the panel from the cache
  const deu = await load(config({ benchmark: YEARS, structural: YEARS, partners: ["DEU"] }), {
    root: repo,
  });
  assert.deepEqual(deu.lines, [
    "benchmark: China world panel from the cache",
    "structural: PPML with exporter-year and importer-year effects ...",
    `world: reading ${repo}/data/world-trade.csv.gz ...`,
    "structural: fitted",
  ]);
  assert.deepEqual(deu.options.structural!.k.map((k) => `${k.country}${k.year}`), [
    "DEU2010",
    "DEU2011",
  ]);
});

Deno.test("loadBenchmarkWorld defaults: root '.', raw ../shared/data/raw, structural alone; an absolute raw under another root", async () => {
  const dir = freshTmp("benchmark-world-defaults-");
  const { repo, raw } = world(dir);
  const cwd = Deno.cwd();
  Deno.chdir(repo);
  let alone, missing;
  try {
    // structural alone (no benchmark section): raw is the default ../shared/data/raw
    alone = await load(config({ structural: YEARS }));
    // a missing world file under the default root is named as the config gives it
    Deno.renameSync("data/world-trade.csv.gz", "data/moved.csv.gz");
    missing = await load(config({ benchmark: YEARS }));
  } finally {
    Deno.chdir(cwd);
  }
  assert.deepEqual(alone.warnings, []);
  assert.deepEqual(alone.lines, [
    "structural: PPML with exporter-year and importer-year effects ...",
    "world: reading data/world-trade.csv.gz ...",
    "structural: fitted",
  ]);
  assert.equal(alone.options.world, undefined);
  assert.equal(alone.options.structural!.n, 24);
  assert.equal([...Deno.readDirSync(`${repo}/out/cache`)].length, 1);
  assert.equal(missing.warnings.length, 1);
  assert.match(
    missing.warnings[0],
    /^world benchmark not run: data\/world-trade\.csv\.gz: the world bilateral panel is missing/,
  );
  // an absolute raw directory is used as it is, whatever the root
  Deno.renameSync(`${repo}/data/moved.csv.gz`, `${repo}/data/world-trade.csv.gz`);
  const abs = await load(config({ benchmark: { ...YEARS, raw } }), { root: repo });
  assert.deepEqual(abs.warnings, []);
  assert.deepEqual(abs.options.world!.partners, ["DEU", "KAZ", "RUS", "XKX"]);
});

Deno.test("loadBenchmarkWorld: a cache that cannot be written is a warning per cache, the results still returned", async () => {
  const { repo } = world(freshTmp("benchmark-world-nocache-"));
  Deno.writeTextFileSync(`${repo}/out`, "a file where the cache directory should be");
  const r = await load(config({ benchmark: YEARS, structural: YEARS }), { root: repo });
  assert.equal(r.warnings.length, 2);
  assert.match(
    r.warnings[0],
    new RegExp(`^cache ${repo}/out/cache/china-world-[0-9a-f]{20}\\.json not written \\(\\w+\\)$`),
  );
  assert.match(
    r.warnings[1],
    new RegExp(`^cache ${repo}/out/cache/structural-[0-9a-f]{20}\\.json not written \\(\\w+\\)$`),
  );
  assert.equal(r.options.world!.partners.length, 4);
  assert.equal(r.options.structural!.ok, true);
});

Deno.test("loadBenchmarkWorld, structural alone: a missing CEPII or mapping file is one warning naming it; a bug is not hidden", async () => {
  const { repo, files } = world(freshTmp("benchmark-world-missing-"));
  Deno.removeSync(files.dist);
  const r = await load(config({ structural: YEARS }), { root: repo });
  assert.deepEqual(r.warnings, [
    `world benchmark not run: ${repo}/../shared/data/raw/geo/cepii/dist_cepii.csv: ` +
    "cannot read the file (NotFound)",
  ]);
  assert.deepEqual(r.options, {});
  const other = world(freshTmp("benchmark-world-missing-mapping-"));
  Deno.removeSync(other.files.mapping);
  const m = await load(config({ structural: YEARS }), { root: other.repo });
  assert.deepEqual(m.warnings, [
    `world benchmark not run: ${other.repo}/data/cepii-iso3.csv: cannot read the file (NotFound)`,
  ]);
  // only input errors become warnings: a config without its potential section is a TypeError
  const broken = {
    ...config({ structural: YEARS }),
    potential: undefined,
  } as unknown as StudyConfig;
  await assert.rejects(() => load(broken, { root: repo }), TypeError);
});

Deno.test("structural slopes' covariance: a slope the fit omitted has NaN variance, not an exception", () => {
  const data = {
    columns: { trade: [5, 3, 2, 6], ln_dist: [1, 2, 3, 1.5], contig: [1, 0, 0, 1] },
    labels: {
      exporter: ["E", "E", "E", "E"],
      importer: ["I", "I", "I", "I"],
      year: [2019, 2019, 2019, 2019],
      pair: ["p1", "p1", "p2", "p2"],
    },
  };
  const fit = {
    n: 4,
    coefficients: [{ term: "ln_dist", estimate: -1, stdError: 0.2, p: 0 }], // contig omitted
    separated: 0,
    singletons: 0,
    rows: [0, 1, 2, 3],
    fitted: [4, 3.5, 2.5, 5],
    model: { fe: [] },
  };
  const v = loadStructuralEstimator().slopeCovariance!(fit, data);
  close(v[0][0], 0.04, 1e-12, "ln_dist variance = its SE squared");
  assert.ok(Number.isNaN(v[1][1]) && Number.isNaN(v[0][1]));
});

// ---- Small inputs: ppmlFromFitModel with a stand-in fitModel, the structural slopes' covariance
// on one fixed-effect group, loadBenchmarkWorld's early exits.

// python3 tests/fixtures/mutants/uncertainty_truth.py ("ppml", "slope_correlation")
const PPML = [[0.011767895687095327, -0.004946420535804504], [
  -0.004946420535804511,
  0.003802417738753566,
]];
const SLOPE_CORRELATION = 0.9902284705012148;

Deno.test("ppmlFromFitModel: the spec, the columns, the kept rows and terms in the covariance", () => {
  const calls: { spec: Record<string, unknown>; data: Parameters<ModelModule["fitModel"]>[1] }[] =
    [];
  const fake = (converged?: boolean): ModelModule["fitModel"] => (spec, data) => {
    calls.push({ spec, data });
    return {
      coefficients: [
        { term: "(Intercept)", estimate: 0.5, stdError: 0.3, p: 0.1 },
        { term: "g", estimate: 0.2, stdError: 0.05, p: 0.01 },
      ],
      omitted: ["h"],
      rows: [0, 1, 2, 3], // row 4 dropped (e.g. separated)
      fitted: [1.2, 1.8, 3.5, 5.5],
      ...(converged === undefined ? {} : { converged }),
    };
  };
  const y = [1, 2, 4, 5, 0];
  const x = [[1, 0, 7], [1, 1, 7], [1, 2, 7], [1, 3, 7], [1, 9, 7]];
  const r = ppmlFromFitModel(fake())(y, x, ["(Intercept)", "g", "h"], ["a", "a", "b", "c", "d"]);
  assert.deepEqual(calls[0].spec, {
    dependent: "trade",
    terms: ["g", "h"],
    estimator: "ppml",
    se: "cluster:partner",
    intercept: true,
    maxIterations: 1000,
  });
  assert.deepEqual(
    Object.fromEntries(Object.entries(calls[0].data.columns).map(([k, v]) => [k, Array.from(v)])),
    { trade: y, g: [0, 1, 2, 3, 9], h: [7, 7, 7, 7, 7] },
  );
  assert.deepEqual(calls[0].data.labels, { partner: ["a", "a", "b", "c", "d"] });
  assert.deepEqual(r.estimate, [0.5, 0.2]);
  r.cov.forEach((row, i) =>
    row.forEach((v, j) => assert.ok(Math.abs(v - PPML[i][j]) < 1e-12, `${i}${j}`))
  );
  assert.deepEqual([r.df, r.omitted, r.se], [Infinity, ["h"], "cluster"]);
  assert.deepEqual(r.coefficients, [
    { term: "(Intercept)", estimate: 0.5, stdError: 0.3, p: 0.1 },
    { term: "g", estimate: 0.2, stdError: 0.05, p: 0.01 },
  ]);
  assert.doesNotThrow(() =>
    ppmlFromFitModel(fake(true))(y, x, ["(Intercept)", "g", "h"], ["a", "a", "b", "c", "d"])
  );
  assert.throws(
    () => ppmlFromFitModel(fake(false))(y, x, ["(Intercept)", "g", "h"], ["a", "a", "b", "c", "d"]),
    (e: Error) => e instanceof InputError && e.message === "PPML did not converge",
  );
  // the real estimator on an exact Poisson-mean surface: y = exp(0.1 + 0.3 g) recovered
  const g = [0, 1, 2, 3, 4, 5, 6, 7];
  const real = loadPpml()(
    g.map((v) => Math.exp(0.1 + 0.3 * v)),
    g.map((v) => [1, v]),
    ["(Intercept)", "g"],
    g.map((v) => `p${v % 4}`),
  );
  assert.ok(Math.abs(real.estimate[0] - 0.1) < 1e-6 && Math.abs(real.estimate[1] - 0.3) < 1e-6);
});

Deno.test("structural slopes' covariance: its diagonal is the estimator's SEs squared, its correlation numpy's", () => {
  const est = loadStructuralEstimator();
  const data = {
    columns: {
      trade: [5, 3, 2, 6, 1, 4],
      ln_dist: [1, 2, 3, 1.5, 2.5, 0.5],
      contig: [1, 0, 0, 1, 0, 1],
    },
    labels: {
      exporter: ["E", "E", "E", "E", "E", "E"],
      importer: ["I", "I", "I", "I", "I", "I"],
      year: [2019, 2019, 2019, 2019, 2019, 2019],
      pair: ["p1", "p1", "p2", "p2", "p3", "p3"],
    },
  };
  const fit = {
    n: 5,
    coefficients: [
      { term: "contig", estimate: 0.4, stdError: 0.3, p: 0 },
      { term: "ln_dist", estimate: -1, stdError: 0.2, p: 0 },
    ],
    separated: 0,
    singletons: 0,
    rows: [1, 2, 3, 4, 5],
    fitted: [3.2, 2.1, 5.5, 1.5, 4.2],
    model: { fe: [] },
  };
  const v = est.slopeCovariance!(fit, data);
  assert.ok(Math.abs(v[0][0] - 0.04) < 1e-12, `${v[0][0]}`);
  assert.ok(Math.abs(v[1][1] - 0.09) < 1e-12, `${v[1][1]}`);
  assert.ok(Math.abs(v[0][1] / 0.06 - SLOPE_CORRELATION) < 1e-9, `${v[0][1] / 0.06}`);
  assert.ok(Math.abs(v[1][0] - v[0][1]) < 1e-15);
  assert.equal(typeof est.fitModel, "function");
});

Deno.test("loadBenchmarkWorld: nothing enabled reads nothing; a missing world file is one warning", async () => {
  const base = { reporter: "CHN", partners: ["KAZ"] } as unknown as StudyConfig;
  assert.deepEqual(await loadBenchmarkWorld(base), { options: {}, warnings: [] });
  assert.deepEqual(
    await loadBenchmarkWorld({
      ...base,
      benchmark: { enabled: false },
      structural: { enabled: false },
    } as unknown as StudyConfig),
    { options: {}, warnings: [] },
  );
  // a fresh, empty root (a fixed one would keep the cache of an earlier run, e.g. a mutant's)
  const root = freshTmp("no-such-root-");
  const r = await loadBenchmarkWorld({
    ...base,
    benchmark: { enabled: true, years: { from: 2010, to: 2011 }, raw: "raw" },
  } as unknown as StudyConfig, { root });
  assert.equal(r.warnings.length, 1);
  assert.equal(
    r.warnings[0].split(": the world bilateral panel is missing")[0],
    `world benchmark not run: ${root}/data/world-trade.csv.gz`,
  );
  assert.deepEqual(r.options, {});
});

Deno.test("loadBenchmarkWorld: the structural K under the study's definition, thresholds and intervals; the cached fit holds none of them", async () => {
  const { repo } = world(freshTmp("benchmark-world-settings-"));
  const c = {
    ...config({ structural: YEARS }),
    potential: { thresholds: { huge: 1.5, remodelling: 2 }, definition: "smearing" },
    uncertainty: { enabled: true, level: 0.9, draws: 20, seed: 1, se: "cluster", residual: false },
  } as unknown as StudyConfig;
  const r = await load(c, { root: repo });
  assert.deepEqual(r.warnings, []);
  const s = r.options.structural!;
  // smearing does not apply to PPML: the level ratio, said so
  assert.deepEqual(
    [s.kDefinition.definition, s.kDefinition.applied, s.kDefinition.factor],
    ["smearing", "level", 1],
  );
  assert.match(s.kDefinition.reason!, /^Duan's smearing does not apply/);
  // K = 1 on the exact surface: "huge" under thresholds 1.5 / 2 (not the default 0.8 / 1.2)
  assert.equal(s.k.length, 4);
  for (const k of s.k) {
    close(k.k, 1, 1e-6, `K ${k.country} ${k.year}`);
    assert.equal(k.class, "huge");
    assert.ok(k.kLower !== null && k.kUpper !== null && k.classProbabilities !== null);
  }
  // the cache is keyed without these settings, so it holds the fit alone: no intervals
  const file = [...Deno.readDirSync(`${repo}/out/cache`)].find((e) =>
    e.name.startsWith("structural-")
  )!;
  const cached = JSON.parse(Deno.readTextFileSync(`${repo}/out/cache/${file.name}`));
  assert.equal(cached.k.length, 4);
  for (const k of cached.k) {
    assert.deepEqual([k.kLower, k.kUpper, k.classProbabilities], [null, null, null]);
  }
});
