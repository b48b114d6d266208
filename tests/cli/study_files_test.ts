/**
 * `deno task study` as people read it, end to end on the bundled data: the terminal summary is at
 * most 120 lines and leads with the findings of results.json; `--full` still prints every
 * section; `out/study/tables.tex` and `cli fit --compare --format latex` compile with pdflatex and
 * their PDF text carries every coefficient to 3 decimals (skipped, with the reason, where pdflatex
 * is absent); `out/study/tables.xlsx` read back by read-excel-file, and by openpyxl
 * (tests/fixtures/gravity/xlsx_openpyxl.py) where /usr/bin/python3 has it, holds Table 2's
 * coefficients as numbers equal to results.json's to 1e-12.
 */
import "../root.ts"; // the repository root is the working directory (relative paths below)
import assert from "node:assert/strict";
import readXlsxFile from "read-excel-file/universal";
import { freshTmp } from "../tmp.ts";
import { cli } from "./run_cli.ts";
import { compileLatex, LATEX_MISSING } from "../report/latex_compile.ts";

const STUDY = ["--allow-read", "--allow-write=out", "--allow-env=NO_COLOR"];
const TMP = freshTmp("study-files-");
const SYNTHETIC = "tests/fixtures/stats/gravity_synthetic.csv";
const COMPARE = [
  "fit",
  "--data",
  SYNTHETIC,
  "--y",
  "trade",
  "--x",
  "ln(dist),cntg,rta",
  "--fe",
  "exporter^year,importer^year",
  "--compare",
];
// started together (each test awaits its own); the machine has 2 cores
const RUNS = {
  summary: cli(["study", "--out", `${TMP}/summary`], STUDY),
  full: cli(["study", "--full", "--out", `${TMP}/full`], STUDY),
  latex: cli([...COMPARE, "--format", "latex"]),
  json: cli([...COMPARE, "--format", "json"]),
};

interface Coefficient {
  term: string;
  estimate: number;
  stdError: number;
}
const results = async (dir: string) => JSON.parse(await Deno.readTextFile(`${dir}/results.json`));
const oneLine = (s: string) => s.replace(/\s+/g, " ");

Deno.test("deno task study prints at most 120 lines: the findings of results.json first, then the tables", async () => {
  const r = await RUNS.summary;
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trimEnd().split("\n");
  assert.ok(lines.length <= 120, `${lines.length} lines`);
  for (const l of lines) assert.ok(l.length <= 120, l);
  const res = await results(`${TMP}/summary`);
  assert.equal(lines[3], "What we found:");
  const flat = oneLine(r.stdout);
  for (const s of res.findings.sentences) assert.ok(flat.includes(oneLine(s)), s);
  // the findings name every section the result has
  assert.deepEqual(
    res.findings.sections.map((s: { section: string }) => s.section),
    ["benchmark", "structural", "sensitivity", "frontier", "counterfactual", "forecast"].filter((
      k,
    ) => res[k]),
  );
  for (const s of ["Table 2. Gravity regression", "Table 3 (compact)", "Warnings:"]) {
    assert.ok(flat.includes(s), s);
  }
  assert.ok(flat.includes(`Full report: ${TMP}/summary/report.html`));
  assert.ok(flat.includes("tables.tex (LaTeX tables, booktabs), tables.xlsx (Excel"));
});

Deno.test("report.html opens with the findings and the figures that carry them; the choices follow, linked", async () => {
  const r = await RUNS.summary;
  assert.equal(r.code, 0, r.stderr);
  const html = await Deno.readTextFile(`${TMP}/summary/report.html`);
  const h2 = [...html.matchAll(/<h2>([^<]*)<\/h2>/g)].map((m) => m[1]);
  assert.deepEqual(h2.slice(0, 3), [
    "Findings",
    "Choices of the method",
    "Table 1. Variables, sources and coverage",
  ]);
  const findings = html.slice(html.indexOf("<h2>Findings</h2>"), html.indexOf("</section>"));
  const res = await results(`${TMP}/summary`);
  const esc = (s: string) =>
    s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  for (const s of res.findings.sentences) assert.ok(findings.includes(`<li>${esc(s)}</li>`), s);
  assert.equal((findings.match(/<figure>/g) ?? []).length, 2);
  assert.match(findings, /data-kind="coefficientPlot"/);
  assert.match(html, /<a href="#s2-choices-of-the-method">Choices of the method<\/a>/);
});

Deno.test("deno task study --full prints every section printed before the summary existed", async () => {
  const r = await RUNS.full;
  assert.equal(r.code, 0, r.stderr);
  for (
    const heading of [
      "Choices:",
      "Table 1. Variables, sources and coverage",
      "CBEC index (PCA",
      "Table 2. Gravity regression",
      "Table 3. Trade potential K",
      "Table 3b. ",
      "Table 3c. ",
      "Table 1b. ",
      "Benchmark: ",
      "Sensitivity: ",
      "Comparison with the paper",
      "Why they differ",
      "Forecast 1. ",
      "Forecast 2. ",
      "Forecast 3. ",
      'Scenario "',
      "How the forecasts are made:",
      "Warnings:",
      "Table 4. ",
      "Table 4b. ",
      "General-equilibrium counterfactuals:",
      "Table 5. ",
      "Wrote ",
    ]
  ) {
    assert.match(r.stdout, new RegExp(`^${heading.replace(/[.()]/g, "\\$&")}`, "m"), heading);
  }
  // the count printed is the count written
  const wrote = Number(r.stdout.match(/^Wrote (\d+) files to (\S+)\/:/m)![1]);
  const dir = r.stdout.match(/^Wrote \d+ files to (\S+)\/:/m)![1];
  let n = 0;
  for (const e of Deno.readDirSync(dir)) {
    if (e.isFile) n++;
    else for (const f of Deno.readDirSync(`${dir}/${e.name}`)) if (f.isFile) n++;
  }
  assert.equal(wrote, n);
});

Deno.test({
  name:
    "out/study/tables.tex compiles with pdflatex; the PDF has every Table 2 coefficient to 3 decimals",
  ignore: LATEX_MISSING !== null,
  async fn() {
    const r = await RUNS.summary;
    assert.equal(r.code, 0, r.stderr);
    const tex = await Deno.readTextFile(`${TMP}/summary/tables.tex`);
    assert.match(
      tex,
      /^% .*\n% \\input\{tables\.tex\} in a document whose preamble has \\usepackage\{booktabs\}/,
    );
    for (const label of ["table1", "table2", "table3", "sensitivity", "benchmark", "table3b"]) {
      assert.ok(tex.includes(`\\label{tab:${label}}`), label);
    }
    const pdf = await compileLatex(`\\input{${TMP}/summary/tables.tex}`);
    // Table 2's part of the PDF: from its caption to its significance note
    const start = pdf.indexOf("Gravity regression, dependent");
    const text = pdf.slice(start, pdf.indexOf("Signif. codes", start));
    assert.ok(start >= 0 && text.length > 0, "Table 2 in the PDF");
    const res = await results(`${TMP}/summary`);
    for (const c of res.regression.fit.coefficients as Coefficient[]) {
      assert.ok(text.includes(c.estimate.toFixed(3)), `ours ${c.term} ${c.estimate.toFixed(3)}`);
      assert.ok(text.includes(`(${c.stdError.toFixed(3)})`), `ours SE ${c.term}`);
    }
    for (const p of res.paper.table2 as { term: string; coefficient: number }[]) {
      assert.ok(text.includes(p.coefficient.toFixed(3)), `paper ${p.term}`);
    }
  },
});

Deno.test({
  name:
    "cli fit --compare --format latex compiles; the PDF has every coefficient of the four models",
  ignore: LATEX_MISSING !== null,
  async fn() {
    const [latex, json] = [await RUNS.latex, await RUNS.json];
    assert.equal(latex.code, 0, latex.stderr);
    assert.equal(json.code, 0, json.stderr);
    assert.match(latex.stdout, /^\\begin\{table\}\[htbp\]\n/);
    assert.ok(latex.stdout.includes("& OLS & OLS + FE & PPML & PPML + FE \\\\"));
    const text = await compileLatex(latex.stdout);
    const models = JSON.parse(json.stdout) as { coefficients: Coefficient[] }[];
    assert.equal(models.length, 4);
    for (const m of models) {
      for (const c of m.coefficients) {
        assert.ok(text.includes(c.estimate.toFixed(3)), `${c.term} ${c.estimate.toFixed(3)}`);
        assert.ok(text.includes(`(${c.stdError.toFixed(3)})`), `SE ${c.term}`);
      }
    }
  },
});

Deno.test("out/study/tables.xlsx: one sheet per table; Table 2's coefficients are numbers equal to results.json", async () => {
  const r = await RUNS.summary;
  assert.equal(r.code, 0, r.stderr);
  const bytes = await Deno.readFile(`${TMP}/summary/tables.xlsx`);
  const sheets = await readXlsxFile(bytes.buffer as ArrayBuffer);
  assert.deepEqual(sheets.slice(0, 4).map((s) => s.sheet), [
    "Table 1",
    "CBEC index",
    "Table 2",
    "Table 3",
  ]);
  const t2 = sheets.find((s) => s.sheet === "Table 2")!.data;
  assert.equal(t2[0][0], "Table 2. Gravity regression: ours beside the paper's");
  const header = t2[1] as string[];
  const [term, coef, se] = ["Term", "Coef.", "SE"].map((h) => header.indexOf(h));
  const res = await results(`${TMP}/summary`);
  const fit = res.regression.fit.coefficients as Coefficient[];
  for (const c of fit) {
    const name = c.term === "(Intercept)" ? "_cons" : c.term;
    const row = t2.find((row) => row[term] === name)!;
    assert.equal(typeof row[coef], "number", `${name}: stored as a number`);
    assert.ok(Math.abs((row[coef] as number) - c.estimate) <= 1e-12, name);
    assert.ok(Math.abs((row[se] as number) - c.stdError) <= 1e-12, `SE ${name}`);
  }
  // the notes under the table, as in the text
  assert.ok(t2.some((row) => String(row[0]).startsWith("Ours: N = ")));
});

Deno.test("out/study/tables.xlsx read by openpyxl (tests/fixtures/gravity/xlsx_openpyxl.py): floats equal to results.json", async () => {
  const r = await RUNS.summary;
  assert.equal(r.code, 0, r.stderr);
  let out;
  try {
    out = await new Deno.Command("/usr/bin/python3", {
      args: [
        "tests/fixtures/gravity/xlsx_openpyxl.py",
        `${TMP}/summary/tables.xlsx`,
        `${TMP}/summary/results.json`,
      ],
      stdout: "piped",
      stderr: "piped",
    }).output();
  } catch {
    console.log("skipped: /usr/bin/python3 not found");
    return;
  }
  const report = JSON.parse(new TextDecoder().decode(out.stdout));
  if (out.code === 2) {
    console.log(`skipped: ${report.skip}`);
    return;
  }
  assert.deepEqual(report.problems, []);
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
  const cells = report.table2 as { coefType: string; seType: string }[];
  assert.equal(cells.length, (await results(`${TMP}/summary`)).regression.fit.coefficients.length);
  assert.ok(cells.every((c) => c.coefType === "float" && c.seType === "float"));
  assert.ok(report.largestDifference <= 1e-12);
});
