/**
 * The reference text reproduced: Yotov, Piermartini, Monteiro and Larch (2016), "An Advanced Guide
 * to Trade Policy Analysis" (WTO/UNCTAD), on its own datasets (../shared/data/raw/gravity-teaching/
 * agtpa/, SOURCES.md section 13). Every target is a printed figure copied from a file of the
 * public repository pachadotdev/tradepolicy (quoted verbatim below with file and commit), and must
 * agree to every printed digit (|ours - printed| <= half a unit of the last printed digit).
 *
 * Conventions: Stata's `ppml` prints "Semirobust" SEs = the sandwich (our hc0) x sqrt(N/(N-1)).
 * The R edition (capybara felm) clusters with G/(G-1) x (n-1)/(n-K), K = the slopes only: our
 * `seK: "slopes"` (with fixest's default K, which counts the 822 fixed-effect df, the SEs are
 * 1.7% larger).
 */
import assert from "node:assert/strict";
import { readNumericColumns } from "../../../lib/data/read/numeric_csv.ts";
import { fitModel, type ModelResult } from "../../../lib/stats/model/fit.ts";
import { border2006 } from "../agtpa.ts";

const AGTPA =
  new URL("../../../../shared/data/raw/gravity-teaching/agtpa/", import.meta.url).pathname;

/** Whether `value` rounds to the printed figure (Stata prints ".0501494" for 0.0501494). */
function agrees(value: number, printed: string): boolean {
  const p = Number(printed.replace(/^(-?)\./, "$10."));
  const decimals = (printed.split(".")[1] ?? "").length;
  return Math.abs(value - p) <= 0.5 * 10 ** -decimals * (1 + 1e-9);
}

/** Check coefficient and SE rows against printed [term, coef, se] triples. */
function check(r: ModelResult, rows: [string, string, string][], seFactor = 1) {
  for (const [term, coef, se] of rows) {
    const c = r.coefficients.find((c) => c.term === term)!;
    assert.ok(agrees(c.estimate, coef), `${term}: ${c.estimate} vs printed ${coef}`);
    assert.ok(agrees(c.stdError * seFactor, se), `${term} SE: ${c.stdError * seFactor} vs ${se}`);
  }
}

Deno.test("Yotov et al. (2016) ch. 2: the 2006 border-effect PPML, coefficients and semirobust SEs to every printed digit", async () => {
  // pachadotdev/tradepolicy @ 342a6553e67f53912212a35674e066f9344dd655,
  // 00-application-files/Chapter2/Applications/1_TradeWithoutBorder/Results/TradeWithoutBorder.log
  // (`ppml trade EXPORTER_FE* IMPORTER_FE1-IMPORTER_FE$N_1 ln_DIST CNTG INTL_BRDR, iter(30) noconst`):
  //   "      ln_DIST |  -.7912879   .0501494   -15.78   0.000     -.889579   -.6929968"
  //   "         CNTG |   .6736456   .1073719     6.27   0.000     .4632006    .8840906"
  //   "    INTL_BRDR |   -2.47445   .1193816   -20.73   0.000    -2.708434   -2.240467"
  //   "Number of observations: 4761", "R-squared: .99450921", last "deviance =   4542202"
  const r = fitModel({
    dependent: "trade",
    terms: ["ln(DIST)", "CNTG", "INTL_BRDR"],
    fe: ["exporter", "importer"],
    estimator: "ppml",
    se: "hc0",
  }, await border2006());
  assert.equal(r.n, 4761);
  check(r, [
    ["ln(DIST)", "-.7912879", ".0501494"],
    ["CNTG", ".6736456", ".1073719"],
    ["INTL_BRDR", "-2.47445", ".1193816"],
  ], Math.sqrt(r.n / (r.n - 1)));
  assert.ok(agrees(r.r2, ".99450921"), `R2 ${r.r2}`);
  assert.ok(agrees(r.deviance!, "4542202"), `deviance ${r.deviance}`);
});

Deno.test("Yotov et al. (2016) ch. 2: RTA effect with pair FE (PPML), 84 separated rows dropped, to every printed digit", async () => {
  // pachadotdev/tradepolicy @ bc5d4da01080470d8679e1293216de4e79ab0077,
  // 00-application-files/Chapter2/Applications/2_RTAsEffects/Results/RTAsEffects.log
  // (`ppml trade PAIR_FE1-PAIR_FE$NTij_1 EXPORTER_TIME_FE* IMPORTER_TIME_FE1-... RTA, iter(30) noconst`,
  // years 1986, 1990, ..., 2006; all domestic flows share one pair FE):
  //   "Number of observations excluded: 84", "Number of observations: 28482",
  //   "R-squared: .99877503", last "deviance =   2630487",
  //   "           RTA |   .5571853    .055771     9.99   0.000     .4478762    .6664945"
  const file = AGTPA + "Chapter2Application2.csv";
  const d = await readNumericColumns(file, ["year", "trade", "RTA", "pair_id"], [
    "exporter",
    "importer",
  ]);
  const idx = [...d.columns.year.keys()].filter((i) => (d.columns.year[i] - 1986) % 4 === 0);
  const col = (v: ArrayLike<number>) => Float64Array.from(idx, (i) => v[i]);
  const ex = d.strings.exporter, im = d.strings.importer;
  const r = fitModel({
    dependent: "trade",
    terms: ["RTA"],
    fe: ["exporter^year", "importer^year", "pair"],
    estimator: "ppml",
    se: "hc0",
  }, {
    file,
    columns: { trade: col(d.columns.trade), RTA: col(d.columns.RTA), year: col(d.columns.year) },
    labels: {
      exporter: idx.map((i) => ex[i]),
      importer: idx.map((i) => im[i]),
      pair: idx.map((i) => (ex[i] === im[i] ? "domestic" : String(d.columns.pair_id[i]))),
    },
  });
  assert.equal(r.separated, 84);
  assert.equal(r.n, 28482);
  check(r, [["RTA", ".5571853", ".055771"]], Math.sqrt(r.n / (r.n - 1)));
  assert.ok(agrees(r.r2, ".99877503"), `R2 ${r.r2}`);
  assert.ok(agrees(r.deviance!, "2630487"), `deviance ${r.deviance}`);
});

Deno.test("Yotov et al. (2016) ch. 1 (R edition): log-OLS with exporter-year and importer-year FE, pair-clustered SEs", async () => {
  // pachadotdev/tradepolicy @ 2ff22faa3adade05a3e1e8d1103752d2ebd72dc3,
  // _freeze/01-traditional-gravity/execute-results/html.json, the printed output of
  // `felm(log_trade ~ log_dist + cntg + lang + clny | exp_year + imp_year | pair_id,
  //  data = ch1_application1 |> filter(trade > 0) |> filter(exporter != importer))`:
  //   "| log_dist |  -1.2156 |     0.0376 | -32.3685 | 0.0000 ** |"
  //   "| cntg     |   0.2232 |     0.1995 |   1.1187 | 0.2633    |"
  //   "| lang     |   0.6609 |     0.0807 |   8.1860 | 0.0000 ** |"
  //   "| clny     |   0.6705 |     0.1470 |   4.5614 | 0.0000 ** |"
  //   "R-squared     : 0.8432", "Adj. R-squared: 0.838", "exp_year: 414", "imp_year: 414",
  //   "Number of observations: Full 25689"
  const file = AGTPA + "agtpa_applications.csv";
  const d = await readNumericColumns(
    file,
    ["year", "trade", "dist", "cntg", "lang", "clny", "pair_id"],
    ["exporter", "importer"],
  );
  const ex = d.strings.exporter, im = d.strings.importer;
  const idx = [...d.columns.year.keys()].filter((i) =>
    (d.columns.year[i] - 1986) % 4 === 0 && ex[i] !== im[i]
  );
  const columns = Object.fromEntries(
    Object.entries(d.columns).map(([k, v]) => [k, Float64Array.from(idx, (i) => v[i])]),
  );
  const r = fitModel({
    dependent: "ln(trade)",
    terms: ["ln(dist)", "cntg", "lang", "clny"],
    fe: ["exporter^year", "importer^year"],
    se: "cluster:pair_id",
    seK: "slopes",
  }, {
    file,
    columns,
    labels: { exporter: idx.map((i) => ex[i]), importer: idx.map((i) => im[i]) },
  });
  assert.equal(r.n, 25689);
  assert.deepEqual(r.fe.map((f) => f.levels), [414, 414]);
  check(r, [
    ["ln(dist)", "-1.2156", "0.0376"],
    ["cntg", "0.2232", "0.1995"],
    ["lang", "0.6609", "0.0807"],
    ["clny", "0.6705", "0.1470"],
  ]);
  assert.ok(agrees(r.r2, "0.8432") && agrees(r.adjR2!, "0.838"), `R2 ${r.r2} ${r.adjR2}`);
});
