/**
 * Term formation and the design (lib/gravity/equation/terms.ts), worked by hand: reporter i and
 * partner j formations, panel lookups, ln of 0 or of a negative, the reporter's and the dependent
 * variable's missing pieces, and which rows are complete or only predictable.
 */
import assert from "node:assert/strict";
import { buildDesign, formTerm, panelLookup } from "../../../lib/gravity/equation/terms.ts";
import { parseStudyConfig } from "../../../lib/gravity/config/study.ts";
import type { GravityPanel } from "../../../lib/gravity/types.ts";

Deno.test("term formation from reporter i and partner j", () => {
  const data: Record<string, number> = { "I|x": 4, "J|x": 2, "J|d": 10, "I|z": -1, "J|z": 3 };
  const get = (c: string, _y: number, v: string) => data[`${c}|${v}`] ?? NaN;
  const f = (formation: string, variable = "x", log = true) =>
    formTerm({ name: "t", variable, formation: formation as never, log }, get, "I", "J", 2000);
  assert.equal(f("product").value, Math.log(4) + Math.log(2));
  assert.equal(f("partner").value, Math.log(2));
  assert.equal(f("reporter").value, Math.log(4));
  assert.equal(f("ratio").value, Math.log(2) - Math.log(4));
  assert.equal(f("bilateral", "d").value, Math.log(10));
  assert.equal(f("sum", "z", false).value, 2);
  assert.equal(f("difference", "z", false).value, 4);
  assert.deepEqual(f("product", "z"), { value: NaN, missing: "ln of -1 (z, I 2000)" });
  assert.deepEqual(f("partner", "w"), { value: NaN, missing: "w missing for J 2000" });
});

const panel: GravityPanel = {
  countries: ["I", "J", "K"],
  years: [2000],
  variables: [{ name: "x" }, { name: "y" }],
  rows: [
    { iso3: "I", year: 2000, values: { x: 4, y: NaN } },
    { iso3: "J", year: 2000, values: { x: 0, y: 0 } },
    { iso3: "K", year: 2000, values: { x: -2, y: 5 } },
  ],
};

Deno.test("panelLookup: panel values, derived values by key, NaN for anything absent", () => {
  const get = panelLookup(panel, { d: new Map([["J|2000", 7]]) });
  assert.equal(get("I", 2000, "x"), 4);
  assert.equal(get("J", 2000, "d"), 7);
  assert.ok(Number.isNaN(get("I", 2000, "d")));
  assert.ok(Number.isNaN(get("I", 2000, "nope")));
  assert.ok(Number.isNaN(get("Q", 2000, "x")));
  const odd = panelLookup({
    ...panel,
    rows: [{ iso3: "I", year: 2000, values: { s: "3" as unknown as number } }],
  });
  assert.ok(Number.isNaN(odd("I", 2000, "s")));
});

Deno.test("formTerm: ln of 0 and of a negative, the reporter missing, unlogged negatives allowed", () => {
  const get = panelLookup(panel);
  const f = (formation: string, partner: string, log = true, variable = "x") =>
    formTerm({ name: "t", variable, formation: formation as never, log }, get, "I", partner, 2000);
  assert.deepEqual(f("partner", "J"), { value: NaN, missing: "ln of 0 (x, J 2000)" });
  assert.deepEqual(f("product", "K"), { value: NaN, missing: "ln of -2 (x, K 2000)" });
  assert.deepEqual(f("reporter", "K", true, "y"), { value: NaN, missing: "y missing for I 2000" });
  assert.deepEqual(f("ratio", "K", true, "y"), { value: NaN, missing: "y missing for I 2000" });
  assert.deepEqual(f("difference", "K", false), { value: -6 });
  assert.deepEqual(f("partner", "K", false), { value: -2 });
  assert.deepEqual(f("bilateral", "K", true, "y"), { value: Math.log(5) });
  // a term without "log" is logged (the default)
  assert.deepEqual(
    formTerm({ name: "t", variable: "y", formation: "partner" }, get, "I", "K", 2000),
    { value: Math.log(5) },
  );
});

Deno.test("buildDesign: a dependent of 0 and a missing one are named; predictable vs complete", () => {
  const config = parseStudyConfig({
    reporter: "I",
    partners: ["J", "K"],
    years: { from: 2000, to: 2000 },
    dependent: { variable: "y" },
    terms: [{ name: "lx", variable: "x", formation: "partner", log: false }],
    cbec: { indicators: ["x"] },
  });
  const rows = buildDesign(config, panel);
  assert.deepEqual(rows, [
    {
      country: "J",
      year: 2000,
      actual: null,
      y: null,
      x: { lx: 0 },
      missing: ["y (dependent) = 0, not > 0"],
      complete: false,
      predictable: true,
    },
    {
      country: "K",
      year: 2000,
      actual: 5,
      y: Math.log(5),
      x: { lx: -2 },
      missing: [],
      complete: true,
      predictable: true,
    },
  ]);
  const logged = buildDesign({
    ...config,
    terms: [{ name: "lx", variable: "x", formation: "partner", log: true }],
  }, panel);
  assert.deepEqual(logged.map((r) => [r.x.lx, r.missing, r.complete, r.predictable]), [
    [null, ["y (dependent) = 0, not > 0", "lx: ln of 0 (x, J 2000)"], false, false],
    [null, ["lx: ln of -2 (x, K 2000)"], false, false],
  ]);
  const noDep = buildDesign({ ...config, partners: ["I"] }, panel);
  assert.deepEqual(noDep[0].missing, ["y (dependent) missing"]);
});
