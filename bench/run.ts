/**
 * The benchmark harness: whole-process runs of `deno task cli fit|pca` against Debian's
 * /usr/bin/python3 with pandas + statsmodels / scikit-learn, alternating the two, median of the
 * pairs, peak RSS from `/usr/bin/time -v`, and a check that both sides give the same numbers.
 *
 *   deno task bench [--pairs 3] [--only fit|pca|ppml|study] [--sizes 100k,500k,1m]
 *     [--cases 100k,800k,...]
 *
 * `ppml`: bench/ppml_run.ts (PPML with high-dimensional fixed effects against the numpy IPF +
 * Newton reference and, on a small panel, statsmodels).
 *
 * Needs out/bench/*.csv from bench/gen_data.ts and bench/ppml_data.ts (the task makes them first). Prints a markdown
 * table for bench/README.md. Installs nothing: the Python side is Debian's.
 * @module
 */
import { parseArgs } from "node:util";
import { median, type Run, timed } from "./timing.ts";
import { ppmlBench } from "./ppml_run.ts";

const { values: flags } = parseArgs({
  args: Deno.args,
  options: {
    pairs: { type: "string", default: "3" },
    only: { type: "string" },
    sizes: { type: "string", default: "100k,500k,1m" },
    cases: { type: "string" },
  },
});
const pairs = Number(flags.pairs);
const only = flags.only;
const X = "x1,x2,x3,x4,x5,x6,x7,x8";
const P = Array.from({ length: 12 }, (_, j) => `p${j + 1}`).join(",");

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
  world = await ppmlBench({ pairs, cases: flags.cases?.split(",") });
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
