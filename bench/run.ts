/**
 * The benchmark harness: whole-process runs of `deno task cli fit|pca` against Debian's
 * /usr/bin/python3 with pandas + statsmodels / scikit-learn, alternating the two, median of the
 * pairs, peak RSS from `/usr/bin/time -v`, and a check that both sides give the same numbers.
 *
 *   deno task bench [--pairs 3] [--only fit|pca|ppml|study] [--sizes 100k,500k,1m]
 *     [--countries 20,30]
 *
 * `ppml`: PPML with exporter-year and importer-year fixed effects (`cli fit --estimator ppml
 * --fe`) against statsmodels GLM Poisson with dummy columns on synthetic panels of C countries
 * x (C-1) partners x 21 years (lib/gravity/synthetic/gravity.ts), then the world-sized panel (200 countries,
 * about 836k flows: PPML and log-OLS with the same fixed effects, bench/ppml_world.ts).
 *
 * Needs out/bench/*.csv from bench/gen_data.ts (the task makes them first). Prints a markdown
 * table for bench/README.md. Installs nothing: the Python side is Debian's.
 * @module
 */
import { parseArgs } from "node:util";

const { values: flags } = parseArgs({
  args: Deno.args,
  options: {
    pairs: { type: "string", default: "3" },
    only: { type: "string" },
    sizes: { type: "string", default: "100k,500k,1m" },
    countries: { type: "string", default: "20,30" },
  },
});
const pairs = Number(flags.pairs);
const only = flags.only;
const X = "x1,x2,x3,x4,x5,x6,x7,x8";
const P = Array.from({ length: 12 }, (_, j) => `p${j + 1}`).join(",");

interface Run {
  seconds: number;
  rssMiB: number;
  stdout: string;
}

/** Run a command under `/usr/bin/time -v`; wall time and peak RSS from its report. */
async function timed(cmd: string[], env: Record<string, string> = {}): Promise<Run> {
  const out = await new Deno.Command("/usr/bin/time", {
    args: ["-v", ...cmd],
    env: { NO_COLOR: "1", ...env },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const err = new TextDecoder().decode(out.stderr);
  if (!out.success) throw new Error(`${cmd.join(" ")} failed:\n${err.slice(-2000)}`);
  const wall = err.match(
    /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/,
  );
  const rss = err.match(/Maximum resident set size \(kbytes\): (\d+)/);
  if (!wall || !rss) throw new Error(`cannot read /usr/bin/time -v output:\n${err.slice(-1000)}`);
  const seconds = Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]);
  return { seconds, rssMiB: Number(rss[1]) / 1024, stdout: new TextDecoder().decode(out.stdout) };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Largest relative difference between two coefficient vectors. */
function maxRel(a: number[], b: number[]): number {
  if (a.length !== b.length) return Infinity;
  return Math.max(...a.map((v, i) => Math.abs(v - b[i]) / Math.max(Math.abs(b[i]), 1e-300)));
}

interface Row {
  label: string;
  deno: Run[];
  ref: Run[];
  agreement: string;
}

async function alternate(label: string, deno: string[], ref: string[]): Promise<Row> {
  const d: Run[] = [], r: Run[] = [];
  await timed(deno); // warm-up: deno's module cache and the OS file cache, not counted
  for (let i = 0; i < pairs; i++) {
    d.push(await timed(deno));
    r.push(await timed(ref));
  }
  return { label, deno: d, ref: r, agreement: "" };
}

const rows: Row[] = [];
const deno = Deno.execPath();
if (!only || only === "fit") {
  for (const size of flags.sizes!.split(",")) {
    const file = `out/bench/fit_${size}.csv`;
    const row = await alternate(
      `fit ${size} x 8`,
      [deno, "task", "-q", "cli", "fit", "--data", file, "--y", "y", "--x", X, "--format", "json"],
      ["/usr/bin/python3", "bench/statsmodels_fit.py", file],
    );
    const ours = JSON.parse(row.deno[0].stdout).coefficients;
    const theirs = JSON.parse(row.ref[0].stdout).coefficients;
    const est = maxRel(
      ours.map((c: { estimate: number }) => c.estimate),
      theirs.map((c: { estimate: number }) => c.estimate),
    );
    const se = maxRel(
      ours.map((c: { stdError: number }) => c.stdError),
      theirs.map((c: { stdError: number }) => c.stdError),
    );
    row.agreement = `coef ${est.toExponential(1)}, SE ${se.toExponential(1)}` +
      (est <= 1e-8 && se <= 1e-8 ? " (ok <= 1e-8)" : " (FAILS 1e-8)");
    rows.push(row);
  }
}
if (!only || only === "pca") {
  const file = "out/bench/pca_1m.csv";
  const row = await alternate(
    "pca 1m x 12",
    [deno, "task", "-q", "cli", "pca", "--data", file, "--columns", P, "--format", "text"],
    ["/usr/bin/python3", "bench/sklearn_pca.py", file],
  );
  // The CLI's text output rounds; the eigenvalues at full precision come from the same library
  // functions via bench/profile.ts.
  const prof = await timed([deno, "run", "--allow-read", "bench/profile.ts", "pca", file]);
  const ours = JSON.parse(prof.stdout).eigenvalues as number[];
  const theirs = JSON.parse(row.ref[0].stdout).eigenvalues as number[];
  const rel = maxRel(ours, theirs);
  row.agreement = `eigenvalues ${rel.toExponential(1)}` +
    (rel <= 1e-8 ? " (ok <= 1e-8)" : " (FAILS 1e-8)");
  rows.push(row);
}

let world = "";
if (!only || only === "ppml") {
  const terms = "ln(dist),contig,rta";
  for (const c of flags.countries!.split(",")) {
    const file = `out/bench/gravity_${c}.csv`;
    await timed([
      deno,
      "run",
      "--allow-write=out",
      "lib/gravity/synthetic/gravity.ts",
      c,
      "21",
      file,
    ]);
    const row = await alternate(
      `ppml FE ${c}x${Number(c) - 1}x21`,
      [
        deno,
        "task",
        "-q",
        "cli",
        "fit",
        "--data",
        file,
        "--y",
        "trade",
        "--x",
        terms,
        "--estimator",
        "ppml",
        "--fe",
        "exporter^year,importer^year",
        "--format",
        "json",
      ],
      ["/usr/bin/python3", "bench/statsmodels_ppml.py", file],
    );
    const ours = JSON.parse(row.deno[0].stdout), theirs = JSON.parse(row.ref[0].stdout);
    const diff = Math.max(
      ...ours.coefficients.map((o: { estimate: number }, i: number) =>
        Math.abs(o.estimate - theirs.coefficients[i].estimate)
      ),
    );
    row.agreement = `n ${ours.n} vs ${theirs.n}, max coef diff ${diff.toExponential(1)}` +
      (diff <= 1e-6 && ours.n === theirs.n ? " (ok)" : " (FAILS)");
    rows.push(row);
  }
  const w = await timed([deno, "run", "bench/ppml_world.ts", "200", "21"]);
  const j = JSON.parse(w.stdout);
  world =
    `\nworld-sized panel (200 x 199 x 21 = ${j.rows} flows, ${j.zeros} zeros; exporter-year ` +
    `and importer-year FE): PPML ${
      j.ppml.seconds.toFixed(1)
    } s (${j.ppml.iterations} iterations, ` +
    `${j.ppml.separated} separated, n ${j.ppml.n}), log-OLS ${j.ols.seconds.toFixed(1)} s ` +
    `(n ${j.ols.n}); whole process ${w.seconds.toFixed(1)} s, peak RSS ${w.rssMiB.toFixed(0)} MiB`;
  try {
    await Deno.stat("data/world-trade.csv.gz");
    const r = await timed([deno, "run", "--allow-read", "bench/ppml_dots.ts", "2000", "2020"]);
    const k = JSON.parse(r.stdout);
    world += `\nIMF DOTS world panel 2000-2020 (exports, ${k.rows} flows, ${k.zeros} zeros, ` +
      `${k.unmatched} without CEPII distance): PPML ${k.ppml.seconds.toFixed(1)} s ` +
      `(${k.ppml.iterations} iterations, ${k.ppml.separated} separated), log-OLS ` +
      `${k.ols.seconds.toFixed(1)} s; whole process ${r.seconds.toFixed(1)} s, peak RSS ` +
      `${r.rssMiB.toFixed(0)} MiB`;
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
    world += "\nIMF DOTS world panel: data/world-trade.csv.gz missing (deno task import)";
  }
}

console.log(`\n${pairs} alternating pairs per row after one unrecorded deno warm-up; medians.\n`);
console.log(
  "| case | deno s | python s | ratio deno/python | deno peak RSS MiB | python peak RSS MiB | agreement |",
);
console.log("|---|---:|---:|---:|---:|---:|---|");
for (const r of rows) {
  const ds = median(r.deno.map((x) => x.seconds)), ps = median(r.ref.map((x) => x.seconds));
  const dm = median(r.deno.map((x) => x.rssMiB)), pm = median(r.ref.map((x) => x.rssMiB));
  console.log(
    `| ${r.label} | ${ds.toFixed(2)} | ${ps.toFixed(2)} | ${(ds / ps).toFixed(2)} | ${
      dm.toFixed(0)
    } | ${pm.toFixed(0)} | ${r.agreement} |`,
  );
}

if (world) console.log(world);

if (!only || only === "study") {
  try {
    await timed([deno, "task", "-q", "study"]); // warm
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await timed([deno, "task", "-q", "study"]));
    console.log(
      `\ndeno task study (warm): median ${median(runs.map((r) => r.seconds)).toFixed(2)} s, ` +
        `peak RSS ${median(runs.map((r) => r.rssMiB)).toFixed(0)} MiB`,
    );
  } catch (e) {
    console.log(`\ndeno task study: not measured (${(e as Error).message.split("\n")[0]})`);
  }
}
