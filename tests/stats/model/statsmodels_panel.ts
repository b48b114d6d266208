/**
 * A small panel (48 rows, two regressors, weights, a count outcome, two label columns) with
 * statsmodels' fits of it: tests/fixtures/stats/model_mutants_expected.json (made by
 * tests/fixtures/stats/make_model_mutants_fixture.py), and its data as the columns and labels
 * `fitModel` reads.
 */

const FIX = new URL("../../fixtures/stats/", import.meta.url).pathname;

/** The fixture: `data` plus statsmodels' expected values. */
export const ex = JSON.parse(Deno.readTextFileSync(FIX + "model_mutants_expected.json"));

const D = ex.data;

/** The fixture's panel as fitModel's data argument. */
export const data = {
  file: "mutants.csv",
  columns: {
    x1: Float64Array.from(D.x1 as number[]),
    x2: Float64Array.from(D.x2 as number[]),
    w: Float64Array.from(D.w as number[]),
    y: Float64Array.from(D.y as number[]),
    count: Float64Array.from(D.count as number[]),
  },
  labels: { g: D.g as string[], h: D.h as string[] },
};
