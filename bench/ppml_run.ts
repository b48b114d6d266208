/**
 * The PPML benchmark: `deno task cli fit --estimator ppml --fe ...` (whole process, reading the
 * CSV) against the numpy IPF + Newton reference (bench/ppml_ipf_newton.py, reading the same CSV
 * with pandas), alternating the two, on synthetic gravity panels of 100k, 800k and 3M rows with
 * 58-81% zeros and on the IMF DOTS world panel, with exporter-year and importer-year fixed effects
 * and with pair fixed effects too; on a 20-country panel statsmodels GLM with dummy columns too.
 * Reports medians of wall time, user CPU time and peak RSS (`/usr/bin/time -v`), their ratios,
 * and the agreement of the estimates and HC0 SEs; then the DOTS fit timed in-process
 * (bench/ppml_dots.ts).
 *
 *   deno run --allow-read --allow-write=out --allow-run bench/ppml_run.ts [--pairs 3] [--cases a,b]
 *
 * Data: out/bench/ppml_*.csv from bench/ppml_data.ts (run here when missing).
 * @module
 */
import { parseArgs } from "node:util";
import { median, type Run, timed } from "./timing.ts";

/** A benchmark case: the CSV, the terms and the fixed effects. */
interface Case {
  label: string;
  file: string;
  terms: string;
  fe: string;
  /** Also run statsmodels GLM with dummies (small panels only). */
  statsmodels?: boolean;
}

const SYN = "ln(dist),contig,rta", DOTS = "ln(dist),contig,lang,colony";
const TWO = "exporter^year,importer^year", THREE = `${TWO},exporter^importer`;

/** The cases by name (default: all of them). */
export const CASES: Record<string, Case> = {
  "20": {
    label: "synthetic 20 x 19 x 21, 2 FE",
    file: "out/bench/ppml_20.csv",
    terms: SYN,
    fe: TWO,
    statsmodels: true,
  },
  "100k": { label: "synthetic 100k, 2 FE", file: "out/bench/ppml_100k.csv", terms: SYN, fe: TWO },
  "800k": { label: "synthetic 800k, 2 FE", file: "out/bench/ppml_800k.csv", terms: SYN, fe: TWO },
  "800k-sparse": {
    label: "synthetic 800k sparse, 2 FE",
    file: "out/bench/ppml_800k-sparse.csv",
    terms: SYN,
    fe: TWO,
  },
  "800k-3fe": {
    label: "synthetic 800k, 3 FE",
    file: "out/bench/ppml_800k.csv",
    terms: "rta",
    fe: THREE,
  },
  "3m": { label: "synthetic 3M, 2 FE", file: "out/bench/ppml_3m.csv", terms: SYN, fe: TWO },
  dots: {
    label: "DOTS world 2000-2020, 2 FE",
    file: "out/bench/ppml_dots.csv",
    terms: DOTS,
    fe: TWO,
  },
  "dots-3fe": {
    label: "DOTS world 2000-2020, 3 FE (ln dist x trend)",
    file: "out/bench/ppml_dots.csv",
    terms: "dist_trend",
    fe: THREE,
  },
};

interface Row {
  c: Case;
  deno: Run[];
  numpy: Run[];
  sm: Run[];
  agreement: string;
  rows: number;
  zeros: number;
}

/** Rows and zero flows of a CSV whose fourth column is trade. */
async function count(file: string): Promise<{ rows: number; zeros: number }> {
  const text = await Deno.readTextFile(file);
  let rows = 0, zeros = 0;
  for (const line of text.split("\n").slice(1)) {
    if (!line) continue;
    rows++;
    if (Number(line.split(",")[3]) === 0) zeros++;
  }
  return { rows, zeros };
}

/** Largest relative difference between two lists of numbers. */
const maxRel = (a: number[], b: number[]) =>
  Math.max(...a.map((v, i) => Math.abs(v - b[i]) / Math.abs(b[i])));

async function runCase(c: Case, pairs: number): Promise<Row> {
  const deno = [
    Deno.execPath(),
    "task",
    "-q",
    "cli",
    "fit",
    "--data",
    c.file,
    "--y",
    "trade",
    "--x",
    c.terms,
    "--estimator",
    "ppml",
    "--fe",
    c.fe,
    "--se",
    "hc0",
    "--format",
    "json",
  ];
  const numpy = ["/usr/bin/python3", "bench/ppml_ipf_newton.py", c.file, "trade", c.terms, c.fe];
  const sm = ["/usr/bin/python3", "bench/statsmodels_ppml.py", c.file];
  const row: Row = { c, deno: [], numpy: [], sm: [], agreement: "", ...(await count(c.file)) };
  await timed(deno); // warm-up: deno's module cache and the OS file cache, not counted
  for (let i = 0; i < pairs; i++) {
    row.deno.push(await timed(deno));
    row.numpy.push(await timed(numpy));
    if (c.statsmodels) row.sm.push(await timed(sm));
  }
  const ours = JSON.parse(row.deno[0].stdout), ref = JSON.parse(row.numpy[0].stdout);
  const est = maxRel(
    ours.coefficients.map((o: { estimate: number }) => o.estimate),
    ref.coefficients.map((o: { estimate: number }) => o.estimate),
  );
  const se = maxRel(
    ours.coefficients.map((o: { stdError: number }) => o.stdError),
    ref.coefficients.map((o: { hc0: number }) => o.hc0),
  );
  row.agreement =
    `n ${ours.n} vs ${ref.n}; coef ${est.toExponential(1)}, HC0 SE ${se.toExponential(1)}` +
    (ours.n === ref.n && est <= 1e-8 && se <= 1e-6 ? " (ok)" : " (FAILS)");
  if (c.statsmodels) {
    const s = JSON.parse(row.sm[0].stdout);
    const d = maxRel(
      ours.coefficients.map((o: { estimate: number }) => o.estimate),
      s.coefficients.map((o: { estimate: number }) => o.estimate),
    );
    row.agreement += `; statsmodels coef ${d.toExponential(1)}`;
  }
  return row;
}

/**
 * Run the cases (default: all) and return the markdown table and the in-process DOTS timing.
 *
 * @example
 * ```ts
 * console.log(await ppmlBench({ pairs: 3, cases: ["800k", "dots"] }));
 * ```
 */
export async function ppmlBench(o: { pairs: number; cases?: string[] }): Promise<string> {
  const names = o.cases ?? Object.keys(CASES);
  const files = new Set(names.map((n) => CASES[n].file));
  const missing: string[] = [];
  for (const f of files) {
    try {
      await Deno.stat(f);
    } catch {
      missing.push(f.replace(/^out\/bench\/ppml_|\.csv$/g, ""));
    }
  }
  if (missing.length) {
    await timed([
      Deno.execPath(),
      "run",
      "--allow-read",
      "--allow-write=out",
      "bench/ppml_data.ts",
      ...missing,
    ]);
  }
  const rows: Row[] = [];
  for (const n of names) rows.push(await runCase(CASES[n], o.pairs));
  const out = [
    `\nPPML with high-dimensional FE: ${o.pairs} alternating pairs per row after one unrecorded deno warm-up; medians.\n`,
    "| case | rows | zeros | deno s | numpy IPF+Newton s | ratio | deno user s | numpy user s | deno MiB | numpy MiB | memory ratio | statsmodels s | agreement (deno vs numpy) |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
  ];
  for (const r of rows) {
    const ds = median(r.deno.map((x) => x.seconds)), ns = median(r.numpy.map((x) => x.seconds));
    const du = median(r.deno.map((x) => x.userSeconds));
    const nu = median(r.numpy.map((x) => x.userSeconds));
    const dm = median(r.deno.map((x) => x.rssMiB)), nm = median(r.numpy.map((x) => x.rssMiB));
    const ss = r.sm.length ? median(r.sm.map((x) => x.seconds)).toFixed(2) : "";
    out.push(
      `| ${r.c.label} | ${r.rows} | ${(100 * r.zeros / r.rows).toFixed(0)}% | ${ds.toFixed(2)} | ${
        ns.toFixed(2)
      } | **${(ds / ns).toFixed(2)}** | ${du.toFixed(2)} | ${nu.toFixed(2)} | ${dm.toFixed(0)} | ${
        nm.toFixed(0)
      } | ${(dm / nm).toFixed(2)} | ${ss} | ${r.agreement} |`,
    );
  }
  if (names.some((n) => n.startsWith("dots"))) {
    const r = await timed([Deno.execPath(), "run", "--allow-read", "bench/ppml_dots.ts"]);
    const k = JSON.parse(r.stdout);
    out.push(
      `\nIMF DOTS world panel 2000-2020 in-process (bench/ppml_dots.ts, ${k.rows} flows, ` +
        `exporter-year and importer-year FE, pair-clustered SEs): PPML ${
          k.ppml.seconds.toFixed(2)
        } s (${k.ppml.iterations} iterations), log-OLS ${k.ols.seconds.toFixed(2)} s`,
    );
  }
  return out.join("\n");
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: { pairs: { type: "string", default: "3" }, cases: { type: "string" } },
  });
  console.log(await ppmlBench({ pairs: Number(values.pairs), cases: values.cases?.split(",") }));
}
