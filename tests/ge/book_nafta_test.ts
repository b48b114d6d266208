/**
 * The `book` method on the book's second GE application, the NAFTA counterfactual (Yotov,
 * Piermartini, Monteiro and Larch 2016, Chapter 2, Application 2; pachadotdev/tradepolicy @
 * bc5d4da0, 00-application-files/Chapter2/Applications/2_RTAsEffects/RTAsEffects.do): trade costs
 * from a 3-way panel PPML (1986-2006 every 4 years; exporter-year, importer-year and symmetric pair
 * fixed effects, all domestic flows sharing one pair effect), a second-stage PPML of the pair
 * effects on gravity variables for the pairs that never trade, then GE on 1994 with NAFTA's RTA
 * effect removed (sigma 7, reference DEU). Every number checked is printed in the Stata log
 * (same commit, .../2_RTAsEffects/Results/RTAsEffects.log), to its printed digit (+ 2e-7 on the
 * loop summaries, as Stata's `ppml` converges less tightly than ours; + 1e-7 on the second stage
 * and 2e-6 on the baseline fixed effects, which carry the first stage's convergence error through
 * the pair effects).
 */
import assert from "node:assert/strict";
import { readNumericColumns } from "../../lib/data/read/numeric_csv.ts";
import { geBook } from "../../lib/ge/book.ts";
import { pairMatrix } from "../../lib/ge/matrix.ts";
import { fitModel, predict } from "../../lib/stats/model/fit.ts";

const AGTPA = new URL("../../../shared/data/raw/gravity-teaching/agtpa/", import.meta.url).pathname;

function agrees(value: number, printed: string, slack = 0): boolean {
  const decimals = (printed.split(".")[1] ?? "").length;
  return Math.abs(value - Number(printed)) <= 0.5 * 10 ** -decimals * (1 + 1e-9) + slack;
}

Deno.test("book GE = the book's NAFTA application: both stages' coefficients, the 1994 baseline fixed effects and the 3 printed loop summaries of the Stata log", async () => {
  const file = AGTPA + "Chapter2Application2.csv";
  const d = await readNumericColumns(
    file,
    ["year", "trade", "RTA", "pair_id", "DIST", "CNTG", "LANG", "CLNY"],
    ["exporter", "importer"],
  );
  const ex = d.strings.exporter, im = d.strings.importer;
  const panel = [...d.columns.year.keys()].filter((i) => (d.columns.year[i] - 1986) % 4 === 0);
  const col = (rows: number[], v: ArrayLike<number>) => Float64Array.from(rows, (i) => v[i]);
  const pairOf = (i: number) => (ex[i] === im[i] ? "domestic" : String(d.columns.pair_id[i]));
  // stage 1: "ppml trade PAIR_FE1-PAIR_FE$NTij_1 EXPORTER_TIME_FE* IMPORTER_TIME_FE1-... RTA"
  const s1 = fitModel({
    dependent: "trade",
    terms: ["RTA"],
    fe: ["exporter^year", "importer^year", "pair"],
    estimator: "ppml",
  }, {
    file,
    columns: {
      trade: col(panel, d.columns.trade),
      RTA: col(panel, d.columns.RTA),
      year: col(panel, d.columns.year),
    },
    labels: {
      exporter: panel.map((i) => ex[i]),
      importer: panel.map((i) => im[i]),
      pair: panel.map(pairOf),
    },
  });
  const rta = s1.model.beta.RTA;
  assert.ok(agrees(rta, ".5571853"), `RTA ${rta}`);
  // gamma_ij: the pair effect against the domestic one (the omitted PAIR_FE); none for the pairs
  // that never trade (separated: "Number of observations excluded: 84")
  const pairFe = s1.model.fe.find((f) => f.dimension === "pair")!.effects;
  const gamma = (i: number) => pairFe[pairOf(i)] - pairFe.domestic;
  const y94 = [...d.columns.year.keys()].filter((i) => d.columns.year[i] === 1994);
  const known = y94.filter((i) => ex[i] !== im[i] && Number.isFinite(gamma(i)));
  assert.equal(known.length, 4678);
  // stage 2: "ppml tij EXPORTER_FE* IMPORTER_FE* ln_DIST CNTG LANG CLNY if exporter != importer"
  const cols = (rows: number[]) => ({
    tij: Float64Array.from(rows, (i) => Math.exp(gamma(i))),
    DIST: col(rows, d.columns.DIST),
    CNTG: col(rows, d.columns.CNTG),
    LANG: col(rows, d.columns.LANG),
    CLNY: col(rows, d.columns.CLNY),
  });
  const labels = (rows: number[]) => ({
    exporter: rows.map((i) => ex[i]),
    importer: rows.map((i) => im[i]),
  });
  const s2 = fitModel({
    dependent: "tij",
    terms: ["ln(DIST)", "CNTG", "LANG", "CLNY"],
    fe: ["exporter", "importer"],
    estimator: "ppml",
  }, { file, columns: cols(known), labels: labels(known) });
  for (
    const [term, printed] of [
      ["ln(DIST)", "-.8475027"],
      ["CNTG", ".2940831"],
      ["LANG", ".3632659"],
      ["CLNY", ".2394163"],
    ]
  ) {
    // + 1e-7: the stage-1 pair effects carry Stata's looser convergence (CLNY is 6e-8 off)
    assert.ok(agrees(s2.model.beta[term], printed, 1e-7), `${term} ${s2.model.beta[term]}`);
  }
  // t_bar: exp(gamma), the stage-2 prediction where gamma is missing, 1 at home; t = t_bar e^(RTA b)
  const tHat = predict(s2, { file, columns: cols(y94), labels: labels(y94) });
  const tBar = y94.map((
    i,
    k,
  ) => (ex[i] === im[i] ? 1 : Number.isFinite(gamma(i)) ? Math.exp(gamma(i)) : tHat[k]));
  const nafta = new Set(["CAN-USA", "CAN-MEX", "MEX-USA", "MEX-CAN", "USA-MEX", "USA-CAN"]);
  const m = pairMatrix({
    file,
    exporter: y94.map((i) => ex[i]),
    importer: y94.map((i) => im[i]),
    columns: {
      trade: col(y94, d.columns.trade),
      bln: y94.map((i, k) => Math.log(tBar[k]) + rta * d.columns.RTA[i]),
      cfl: y94.map((i, k) =>
        Math.log(tBar[k]) + rta * (nafta.has(`${ex[i]}-${im[i]}`) ? 0 : d.columns.RTA[i])
      ),
    },
  }, { flow: "trade", values: ["bln", "cfl"] });
  // the baseline PPML with ln t_BLN as the offset: printed fixed effects (DEU's importer effect 0;
  // Stata's dummies in its order: DEU renamed ZZZ, last)
  const world = { countries: m.countries, flows: m.flows };
  const base = fitModel({
    dependent: "trade",
    terms: [],
    fe: ["exporter", "importer"],
    estimator: "ppml",
    offset: "off",
  }, {
    file,
    columns: { trade: m.flows, off: m.values.bln },
    labels: {
      exporter: m.countries.flatMap((c) => m.countries.map(() => c)),
      importer: m.countries.flatMap(() => m.countries),
    },
  });
  const [fx, fm] = base.model.fe.map((f) => f.effects);
  const shift = fm.DEU;
  const order = [...m.countries.filter((c) => c !== "DEU"), "DEU"];
  const printedFe: [string, number, string][] = [
    ["exporter", 1, "12.08384"],
    ["exporter", 34, "14.4404"],
    ["exporter", 67, "14.04105"],
    ["exporter", 69, "13.59538"],
    ["importer", 1, "-.6991487"],
    ["importer", 34, ".3093833"],
    ["importer", 67, ".8286692"],
    ["importer", 68, "-1.004596"],
  ];
  for (const [side, k, printed] of printedFe) {
    const c = order[k - 1];
    const v = side === "exporter" ? fx[c] + shift : fm[c] - shift;
    assert.ok(agrees(v, printed, 2e-6), `${side.toUpperCase()}_FE${k} (${c}): ${v} vs ${printed}`);
  }
  const r = geBook(
    { ...world, lnCostBaseline: m.values.bln, lnCostCounterfactual: m.values.cfl },
    { sigma: 7, reference: "DEU" },
  );
  assert.equal(r.iterations, 3);
  const printed = [
    [".9994758", ".0031412", ".978553", "1.000545"],
    [".0006048", ".0036707", "-.0006441", ".025059"],
    ["-.0001521", ".000977", "-.0066189", ".0001341"],
  ];
  r.loop!.forEach((it, k) => {
    (["mean", "sd", "min", "max"] as const).forEach((key, c) => {
      assert.ok(
        agrees(it[key], printed[k][c], 2e-7),
        `pass ${k + 1} ${key}: ${it[key]} vs ${printed[k][c]}`,
      );
    });
  });
  // NAFTA's members lose most when it is removed
  const welfare = Object.fromEntries(r.countries.map((c) => [c.country, c.welfare]));
  for (const c of ["CAN", "MEX", "USA"]) assert.ok(welfare[c] < 1, c);
  assert.ok(welfare.MEX < welfare.DEU && welfare.CAN < welfare.DEU);
});
