import assert from "node:assert/strict";
import {
  classifyK,
  linearPrediction,
  potentialTable,
  smearingFactor,
} from "../../../lib/gravity/potential/k.ts";
import { formTerm } from "../../../lib/gravity/equation/terms.ts";

Deno.test("classes follow the thresholds, boundaries included", () => {
  assert.equal(classifyK(-4.691), "huge");
  assert.equal(classifyK(0.8), "huge");
  assert.equal(classifyK(0.8000001), "expanding");
  assert.equal(classifyK(1.1999999), "expanding");
  assert.equal(classifyK(1.2), "remodelling");
  assert.equal(classifyK(1, { huge: 0.5, remodelling: 1 }), "remodelling");
});

Deno.test("K definitions: level, smearing, log ratio", () => {
  const design = [
    {
      country: "A",
      year: 1,
      actual: Math.exp(2),
      y: 2,
      x: { t: 1 },
      missing: [],
      complete: true,
      predictable: true,
    },
    {
      country: "B",
      year: 1,
      actual: null,
      y: null,
      x: { t: 2 },
      missing: ["y"],
      complete: false,
      predictable: true,
    },
    {
      country: "C",
      year: 1,
      actual: 5,
      y: Math.log(5),
      x: { t: null },
      missing: ["t"],
      complete: false,
      predictable: false,
    },
  ];
  const coefs = { "(Intercept)": 0.5, t: 1 };
  const level = potentialTable(design, coefs);
  assert.equal(level.length, 2);
  assert.equal(level[0].fitted, 1.5);
  assert.ok(Math.abs(level[0].k! - Math.exp(0.5)) < 1e-15);
  assert.equal(level[0].class, "remodelling");
  assert.equal(level[1].k, null);
  assert.equal(level[1].inSample, false);
  assert.equal(level[1].predicted, Math.exp(2.5));
  const sm = potentialTable(design, coefs, { definition: "smearing", residuals: [0.5, -0.5] });
  const s = (Math.exp(0.5) + Math.exp(-0.5)) / 2;
  assert.equal(smearingFactor([0.5, -0.5]), s);
  assert.ok(Math.abs(sm[0].k! - Math.exp(0.5) / s) < 1e-15);
  const lr = potentialTable(design, coefs, { definition: "log-ratio" });
  assert.equal(lr[0].k, 2 / 1.5);
  assert.equal(linearPrediction(coefs, { t: 3 }), 3.5);
});

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
