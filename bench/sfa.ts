/**
 * The stochastic frontier benchmark: our `stochasticFrontier` against scipy's optimizer on the
 * same likelihood (bench/sfa_scipy.py), side by side in one run, on
 * - a 50,000-row synthetic cross-section (half-normal, seeded), and
 * - the China world panel (China-reported trade with every partner, 2010-2020, ln trade on the
 *   world benchmark's regressors: ln GDP, ln population, ln distance, contiguity, common
 *   language, colony, landlocked), as a Battese-Coelli (1992) time-varying panel frontier.
 * Both sides time the fit in-process (start values, optimizer, Hessian, efficiencies; reading
 * the data excluded): one cold run (ours includes V8 compiling the code), then 3 warm repeats,
 * the two sides alternating over `--pairs` pairs; medians.
 *
 *   deno run --allow-read --allow-write=out --allow-run=/usr/bin/python3 bench/sfa.ts [--pairs 3]
 *
 * Prints a markdown table for bench/README.md.
 * @module
 */
import { parseArgs } from "node:util";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { loadChinaWorldPanel } from "../lib/gravity/world/china_world.ts";
import { stochasticFrontier } from "../lib/stats/frontier/fit.ts";
import type { FrontierOptions, FrontierResult } from "../lib/stats/frontier/types.ts";

const { values: flags } = parseArgs({
  args: Deno.args,
  options: { pairs: { type: "string", default: "3" } },
});
const pairs = Number(flags.pairs);
Deno.mkdirSync("out/bench", { recursive: true });

interface Case {
  name: string;
  file: string;
  y: number[];
  x: { name: string; values: number[] }[];
  options: FrontierOptions;
  python: string[];
}

/** 50,000 rows: y = 1 + 0.5 x1 + 0.3 x2 + v - u, v ~ N(0, 0.2^2), u ~ N+(0, 0.4^2). */
function crossSection(n: number): Case {
  const g = xoroshiro128plus(20261207);
  const u01 = () => {
    let v = uniformFloat64(g);
    while (v === 0) v = uniformFloat64(g);
    return v;
  };
  const normal = () => Math.sqrt(-2 * Math.log(u01())) * Math.cos(2 * Math.PI * u01());
  const y: number[] = [], x1: number[] = [], x2: number[] = [];
  const lines = ["y,x1,x2"];
  for (let i = 0; i < n; i++) {
    const a = normal(), b = 2 * u01();
    const v = 1 + 0.5 * a + 0.3 * b + 0.2 * normal() - Math.abs(0.4 * normal());
    y.push(v);
    x1.push(a);
    x2.push(b);
    lines.push(`${v},${a},${b}`);
  }
  const file = `out/bench/sfa_${n / 1000}k.csv`;
  Deno.writeTextFileSync(file, lines.join("\n") + "\n");
  return {
    name: `cross-section ${n / 1000}k, half-normal`,
    file,
    y,
    x: [{ name: "x1", values: x1 }, { name: "x2", values: x2 }],
    options: {},
    python: ["--y", "y", "--x", "x1,x2"],
  };
}

/** The China world panel, rows with positive trade and every regressor. */
async function chinaWorld(): Promise<Case> {
  const p = await loadChinaWorldPanel({ years: { from: 2010, to: 2020 } });
  const rows = p.rows.filter((r) =>
    r.trade > 0 && r.gdp > 0 && r.pop > 0 && r.dist > 0 &&
    [r.contig, r.comlang_off, r.colony, r.landlocked].every(Number.isFinite)
  );
  const cols = ["contig", "comlang_off", "colony", "landlocked"] as const;
  const lines = ["partner,year,trade,gdp,pop,dist," + cols.join(",")];
  for (const r of rows) {
    lines.push(
      [r.partner, r.year, r.trade, r.gdp, r.pop, r.dist, ...cols.map((c) => r[c])].join(","),
    );
  }
  const file = "out/bench/china_world.csv";
  Deno.writeTextFileSync(file, lines.join("\n") + "\n");
  return {
    name: `China world panel (${rows.length} rows, ${
      new Set(rows.map((r) => r.partner)).size
    } partners), BC92 time-varying`,
    file,
    y: rows.map((r) => Math.log(r.trade)),
    x: [
      { name: "ln(gdp)", values: rows.map((r) => Math.log(r.gdp)) },
      { name: "ln(pop)", values: rows.map((r) => Math.log(r.pop)) },
      { name: "ln(dist)", values: rows.map((r) => Math.log(r.dist)) },
      ...cols.map((c) => ({ name: c, values: rows.map((r) => r[c]) })),
    ],
    options: {
      panel: { id: rows.map((r) => r.partner), time: rows.map((r) => r.year) },
      timeVarying: true,
    },
    python: [
      "--y",
      "ln:trade",
      "--x",
      `ln:gdp,ln:pop,ln:dist,${cols.join(",")}`,
      "--panel",
      "partner,year",
      "--time-varying",
    ],
  };
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

/** Our fit in this process: the first (cold: JIT compiling) run, then the median of 3 warm. */
function ours(c: Case): { cold: number; seconds: number; result: FrontierResult } {
  const times: number[] = [];
  let result!: FrontierResult;
  for (let i = 0; i < 4; i++) {
    const t0 = performance.now();
    result = stochasticFrontier(c.y, c.x, c.options);
    times.push((performance.now() - t0) / 1000);
  }
  return { cold: times[0], seconds: median(times.slice(1)), result };
}

/** scipy's side: bench/sfa_scipy.py on the same CSV, 3 repeats in its process. */
async function scipy(c: Case) {
  const out = await new Deno.Command("/usr/bin/python3", {
    args: ["bench/sfa_scipy.py", c.file, ...c.python, "--repeat", "3"],
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (out.code !== 0) throw new Error(new TextDecoder().decode(out.stderr));
  return JSON.parse(new TextDecoder().decode(out.stdout));
}

const cases = [crossSection(50_000), await chinaWorld()];
console.log(
  "| case | deno s (warm) | scipy s (warm) | ratio deno/scipy | deno s (cold) | scipy s (cold) | " +
    "deno logLik | scipy logLik | max abs(diff) / SE |",
);
console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
for (const c of cases) {
  const d: number[] = [], s: number[] = [], dCold: number[] = [], sCold: number[] = [];
  let r!: FrontierResult;
  let py!: {
    logLik: number;
    estimates: number[];
    stdErrors: number[];
    seconds: number;
    coldSeconds: number;
  };
  for (let k = 0; k < pairs; k++) {
    const o = ours(c);
    d.push(o.seconds);
    dCold.push(o.cold);
    r = o.result;
    py = await scipy(c);
    s.push(py.seconds);
    sCold.push(py.coldSeconds);
  }
  const est = [
    ...r.coefficients,
    r.sigmaSq,
    r.gamma,
    ...(r.mu ? [r.mu] : []),
    ...(r.eta ? [r.eta] : []),
  ];
  const diff = Math.max(
    ...est.map((e, i) => Math.abs(e.estimate - py.estimates[i]) / py.stdErrors[i]),
  );
  console.log(
    `| ${c.name} | ${median(d).toFixed(3)} | ${median(s).toFixed(3)} | **${
      (median(d) / median(s)).toFixed(2)
    }** | ${median(dCold).toFixed(3)} | ${median(sCold).toFixed(3)} | ${r.logLik.toFixed(6)} | ${
      py.logLik.toFixed(6)
    } | ${diff.toExponential(1)} |`,
  );
  if (r.warnings.length) console.log(`  (ours: ${r.warnings.join("; ")})`);
}
