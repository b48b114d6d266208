/**
 * The `book` method reproduces Yotov, Piermartini, Monteiro and Larch (2016), Chapter 2,
 * Application 1, "trade without borders" (2006, 69 countries, sigma = 7, reference DEU), as its
 * do-file runs it (pachadotdev/tradepolicy @ bc5d4da0, 00-application-files/Chapter2/Applications/
 * 1_TradeWithoutBorder/TradeWithoutBorder.do).
 *
 * Targets: (1) what the Stata log prints (same path, Results/TradeWithoutBorder.log): the loop stops
 * after 5 passes, and the mean, sd, min and max of the price-change difference at each pass, to the
 * printed digit (plus 2e-7: Stata's `ppml` converges less tightly than ours); (2) the per-country
 * results, which the do-file writes only to a binary .xls: every country and every column to 1e-3
 * percentage points against tests/fixtures/ge/make_book_fixture.py, a statsmodels GLM re-run of the
 * do-file that checks itself against every printed figure above.
 */
import assert from "node:assert/strict";
import { geBook } from "../../lib/ge/book.ts";
import { tradeCosts } from "../../lib/ge/costs.ts";
import { pairMatrix } from "../../lib/ge/matrix.ts";
import { fitModel } from "../../lib/stats/model/fit.ts";
import { book2006 } from "./ge_data.ts";

const expected = JSON.parse(
  Deno.readTextFileSync(new URL("../fixtures/ge/book_expected.json", import.meta.url)),
);

function agrees(value: number, printed: string, slack = 0): boolean {
  const decimals = (printed.split(".")[1] ?? "").length;
  return Math.abs(value - Number(printed)) <= 0.5 * 10 ** -decimals * (1 + 1e-9) + slack;
}

/** The book's inputs: the 2006 world, and ln t with and without the border from its PPML. */
async function bookWorld() {
  const d = await book2006();
  const terms = ["ln(DIST)", "CNTG", "INTL_BRDR"];
  const fit = fitModel(
    { dependent: "trade", terms, fe: ["exporter", "importer"], estimator: "ppml" },
    d,
  );
  const costs = tradeCosts(fit.model.beta, terms, { file: d.file, columns: d.columns }, [
    { term: "INTL_BRDR", value: 0 },
  ]);
  const m = pairMatrix({
    file: d.file,
    exporter: d.labels.exporter,
    importer: d.labels.importer,
    columns: { trade: d.columns.trade, bln: costs.baseline, cfl: costs.counterfactual },
  }, { flow: "trade", values: ["bln", "cfl"] });
  return {
    fit,
    world: {
      countries: m.countries,
      flows: m.flows,
      lnCostBaseline: m.values.bln,
      lnCostCounterfactual: m.values.cfl,
    },
  };
}

Deno.test("book GE = the book's trade-without-borders run: 5 passes and every printed loop summary of the Stata log", async () => {
  const { fit, world } = await bookWorld();
  for (
    const [term, printed] of [["ln(DIST)", "-.7912879"], ["CNTG", ".6736456"], [
      "INTL_BRDR",
      "-2.47445",
    ]]
  ) {
    assert.ok(agrees(fit.model.beta[term], printed), `${term} ${fit.model.beta[term]}`);
  }
  const r = geBook(world, { sigma: 7, reference: "DEU" });
  assert.equal(r.method, "book");
  assert.equal(r.theta, 6);
  assert.equal(r.iterations, 5);
  assert.ok(r.converged);
  const printed = expected.printed.iterations as string[][];
  r.loop!.forEach((it, k) => {
    assert.equal(it.iteration, k + 1);
    (["mean", "sd", "min", "max"] as const).forEach((key, c) => {
      assert.ok(
        agrees(it[key], printed[k][c], 2e-7),
        `pass ${k + 1} ${key}: ${it[key]} vs ${printed[k][c]}`,
      );
    });
  });

  // per-country results: every country, every column, to 1e-3 percentage points
  const cols: [keyof typeof r.countries[0], string][] = [
    ["exportsChangeConditional", "change_Xi_CDL"],
    ["exportsChange", "change_Xi_FULL"],
    ["priceChange", "change_price_FULL"],
    ["inwardResistanceChange", "change_IMR_FULL"],
    ["outwardResistanceChange", "change_OMR_FULL"],
    ["realGdpChange", "change_rGDP_FULL"],
  ];
  let worst = 0;
  for (const row of expected.countries) {
    const c = r.countries.find((c) => c.country === row.country)!;
    for (const [ours, theirs] of cols) {
      const gap = Math.abs((c[ours] as number) - row[theirs]);
      worst = Math.max(worst, gap);
      assert.ok(gap <= 1e-3, `${row.country} ${theirs}: ${c[ours]} vs ${row[theirs]}`);
    }
    assert.ok(Math.abs((c.welfare - 1) * 100 - row.change_rGDP_FULL) <= 1e-3);
  }
  assert.equal(r.countries.length, 69);
  // the reference country's price index is the numeraire
  assert.equal(r.countries.find((c) => c.country === "DEU")!.inwardResistanceChange, 0);
  assert.ok(worst < 1e-5, `largest gap ${worst} pp`);
});
