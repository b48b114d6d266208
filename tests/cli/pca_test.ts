/** The `pca` command end to end: JSON contract against numpy values, and one-line errors. */
import assert from "node:assert/strict";
import { cli } from "./run_cli.ts";
import { freshTmp } from "../tmp.ts";

const FIX = new URL("../fixtures/stats/", import.meta.url).pathname;
const expected = JSON.parse(Deno.readTextFileSync(FIX + "expected.json"));

Deno.test("cli pca --format json matches numpy (eigenvalues, loadings, scores, KMO, Bartlett)", async () => {
  const ref = expected.pca;
  const r = await cli([
    "pca",
    "--data",
    FIX + "pca_panel.csv",
    "--columns",
    ref.variables.join(","),
    "--format",
    "json",
  ]);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  for (
    const key of [
      "n",
      "variables",
      "scaled",
      "eigenvalues",
      "proportion",
      "cumulative",
      "loadings",
      "scores",
    ]
  ) {
    assert.ok(key in j, key);
  }
  assert.equal(j.n, ref.n);
  assert.equal(j.scaled, true);
  assert.equal(j.nDropped, ref.nDropped);
  j.eigenvalues.forEach((v: number, i: number) =>
    assert.ok(Math.abs(v - ref.eigenvalues[i]) < 1e-9)
  );
  j.loadings.forEach((row: number[], v: number) =>
    row.forEach((x, c) => assert.ok(Math.abs(x - ref.loadings[v][c]) < 1e-9))
  );
  assert.equal(j.scores.length, ref.n);
  assert.ok(Math.abs(j.scores[5][1] - ref.scores[5][1]) < 1e-9);
  assert.ok(Math.abs(j.kmo.overall - ref.kmo.overall) < 1e-9);
  assert.ok(Math.abs(j.bartlett.chi2 - ref.bartlett.chi2) < 1e-7);
  const cov = await cli([
    "pca",
    "--data",
    FIX + "pca_panel.csv",
    "--columns",
    ref.variables.join(","),
    "--no-scale",
    "--format",
    "json",
  ]);
  const jc = JSON.parse(cov.stdout);
  assert.equal(jc.scaled, false);
  assert.ok(Math.abs(jc.eigenvalues[0] / expected.pcaCovariance.eigenvalues[0] - 1) < 1e-9);
  const text = await cli([
    "pca",
    "--data",
    FIX + "pca_panel.csv",
    "--columns",
    ref.variables.join(","),
  ]);
  assert.ok(text.stdout.includes("Eigenvalue") && text.stdout.includes("KMO overall = 0.7112"));
});

Deno.test("cli pca: bad input gives one line, exit 1", async () => {
  const TMP = freshTmp("cli-pca-") + "/";
  const flat = TMP + "flat.csv";
  Deno.writeTextFileSync(flat, "a,b,c\n1,5,2\n2,5,1\n3,5,x\n");
  const cases: [string[], RegExp][] = [
    [["--data", flat, "--columns", "a,zz"], /flat\.csv: no column "zz"/],
    [["--data", flat, "--columns", "a,b"], /flat\.csv: column "b" has zero variance/],
    [["--data", flat, "--columns", "a,c"], /flat\.csv: row 4, column "c": "x" is not a number/],
    [["--data", flat], /missing --columns/],
  ];
  for (const [args, re] of cases) {
    const r = await cli(["pca", ...args]);
    assert.equal(r.code, 1);
    const lines = r.stderr.trim().split("\n");
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0], re);
  }
});
