/**
 * PPML with an offset (`ModelSpec.offset`: a column added to the linear predictor with its
 * coefficient fixed at 1) against statsmodels GLM Poisson with `offset=` and dummy fixed effects
 * (tests/fixtures/stats/make_ppml_offset_fixture.py): with exporter and importer fixed effects and
 * slopes, without fixed effects (intercept), and with the fixed effects alone (the constrained step
 * of the book's GE procedure). Predictions from the recovered fixed effects must reproduce the
 * fitted values (the offset is part of the model and is added back).
 */
import assert from "node:assert/strict";
import { readNumericColumns } from "../../../lib/data/read/numeric_csv.ts";
import { fitModel, predict } from "../../../lib/stats/model/fit.ts";
import type { ModelSpec } from "../../../lib/stats/model/spec.ts";

const FIX = new URL("../../fixtures/stats/", import.meta.url).pathname;
const expected = JSON.parse(Deno.readTextFileSync(FIX + "ppml_offset_expected.json"));

async function data() {
  const d = await readNumericColumns(FIX + "gravity_synthetic.csv", [
    "year",
    "trade",
    "dist",
    "cntg",
    "rta",
  ], ["exporter", "importer"]);
  const idx = [...d.columns.year.keys()].filter((i) => d.columns.year[i] === 2000);
  const col = (v: ArrayLike<number>) => Float64Array.from(idx, (i) => v[i]);
  const rta = col(d.columns.rta);
  return {
    file: "gravity_synthetic.csv",
    columns: {
      trade: col(d.columns.trade),
      dist: col(d.columns.dist),
      cntg: col(d.columns.cntg),
      off: rta.map((v, t) => 0.3 * v + 0.01 * (t % 7)),
    },
    labels: {
      exporter: idx.map((i) => d.strings.exporter[i]),
      importer: idx.map((i) => d.strings.importer[i]),
    },
  };
}

const maxRel = (a: ArrayLike<number>, b: number[]) =>
  Math.max(...b.map((v, i) => Math.abs(a[i] - v) / Math.max(Math.abs(v), 1e-3)));

Deno.test("PPML offset: slopes with exporter and importer FE equal statsmodels GLM offset= (1e-9), fitted and predicted mu too", async () => {
  const d = await data();
  const spec: ModelSpec = {
    dependent: "trade",
    terms: ["ln(dist)", "cntg"],
    fe: ["exporter", "importer"],
    estimator: "ppml",
    offset: "off",
  };
  const r = fitModel(spec, d);
  assert.equal(r.n, expected.n);
  for (const term of ["ln(dist)", "cntg"]) {
    const b = r.coefficients.find((c) => c.term === term)!.estimate;
    assert.ok(Math.abs(b - expected.fe[term]) < 1e-9, `${term}: ${b} vs ${expected.fe[term]}`);
  }
  assert.ok(Math.abs(r.deviance! / expected.fe.deviance - 1) < 1e-10);
  assert.ok(maxRel(r.fitted, expected.fe.mu) < 1e-8, "fitted mu");
  assert.ok(maxRel(predict(r, d), expected.fe.mu) < 1e-8, "predicted mu (offset added back)");
  // without the offset the slopes differ: the offset is not ignored
  const none = fitModel({ ...spec, offset: undefined }, d);
  const b0 = none.coefficients.find((c) => c.term === "ln(dist)")!.estimate;
  assert.ok(Math.abs(b0 - expected.fe["ln(dist)"]) > 1e-4);
});

Deno.test("PPML offset: without fixed effects (intercept and slopes) equals statsmodels (1e-9)", async () => {
  const d = await data();
  const r = fitModel(
    { dependent: "trade", terms: ["ln(dist)", "cntg"], estimator: "ppml", offset: "off" },
    d,
  );
  for (const term of ["(Intercept)", "ln(dist)", "cntg"]) {
    const b = r.coefficients.find((c) => c.term === term)!.estimate;
    assert.ok(
      Math.abs(b - expected.plain[term]) < 1e-9,
      `${term}: ${b} vs ${expected.plain[term]}`,
    );
  }
  assert.ok(maxRel(r.fitted, expected.plain.mu) < 1e-8);
  assert.ok(maxRel(predict(r, d), expected.plain.mu) < 1e-8);
});

Deno.test("PPML offset: fixed effects alone (no slopes) give statsmodels' fitted values (1e-8)", async () => {
  const d = await data();
  const r = fitModel(
    {
      dependent: "trade",
      terms: [],
      fe: ["exporter", "importer"],
      estimator: "ppml",
      offset: "off",
    },
    d,
  );
  assert.ok(Math.abs(r.deviance! / expected.feOnly.deviance - 1) < 1e-10);
  assert.ok(maxRel(r.fitted, expected.feOnly.mu) < 1e-8);
  assert.ok(maxRel(predict(r, d), expected.feOnly.mu) < 1e-8);
});

Deno.test("PPML offset: bad offsets are one-line errors naming the file, row and column", async () => {
  const d = await data();
  const spec: ModelSpec = { dependent: "trade", terms: ["cntg"], estimator: "ppml", offset: "off" };
  const inf = {
    ...d,
    columns: { ...d.columns, off: d.columns.off.map((v, t) => (t === 4 ? Infinity : v)) },
  };
  assert.throws(
    () => fitModel(spec, inf),
    /gravity_synthetic\.csv: row 6, column "off": infinite offset/,
  );
  assert.throws(() => fitModel({ ...spec, offset: "nope" }, d), /no column "nope" \(offset\)/);
  assert.throws(
    () => fitModel({ ...spec, estimator: "ols" }, d),
    /an offset is supported with PPML only/,
  );
});
