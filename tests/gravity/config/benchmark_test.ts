/**
 * The `benchmark` config block (lib/gravity/config/benchmark.ts): the defaults, every field and the
 * one-line errors.
 */
import "../../root.ts"; // the repository root is the working directory (relative paths below)
import assert from "node:assert/strict";
import { InputError } from "../../../lib/errors.ts";
import { BENCHMARK_DEFAULTS, parseBenchmarkConfig } from "../../../lib/gravity/config/benchmark.ts";

Deno.test("parseBenchmarkConfig: defaults, every field, and one-line errors", () => {
  assert.equal(parseBenchmarkConfig(undefined), null);
  assert.equal(parseBenchmarkConfig(null), null);
  assert.deepEqual(parseBenchmarkConfig({}), BENCHMARK_DEFAULTS);
  assert.deepEqual(BENCHMARK_DEFAULTS, {
    enabled: true,
    raw: "../shared/data/raw",
    years: { from: 2010, to: 2020 },
    outOfSample: true,
    estimators: ["ols", "ppml"],
    terms: ["ln_gdp", "ln_pop", "ln_dist", "contig", "comlang_off", "colony", "landlocked"],
    distance: "dist",
    fixedEffects: ["year"],
  });
  const full = {
    enabled: false,
    raw: "x/raw",
    years: { from: 2015, to: 2015 },
    outOfSample: false,
    estimators: ["ppml"],
    terms: ["contig"],
    distance: "distw",
    fixedEffects: ["year"],
  };
  assert.deepEqual(parseBenchmarkConfig(full), full);
  assert.equal(parseBenchmarkConfig({ distance: "distcap" })!.distance, "distcap");
  const err = (raw: unknown, msg: string) =>
    assert.throws(() => parseBenchmarkConfig(raw, "c.json"), (e: Error) => {
      assert.ok(e instanceof InputError);
      assert.equal(e.message, `c.json: ${msg}`);
      return true;
    });
  err([], '"benchmark" must be an object');
  err("x", '"benchmark" must be an object');
  err(
    { foo: 1 },
    'unknown key "foo" in "benchmark" (allowed: enabled, raw, years, outOfSample, estimators, terms, distance, fixedEffects)',
  );
  err({ enabled: 1 }, '"benchmark.enabled" must be true or false');
  err({ outOfSample: "no" }, '"benchmark.outOfSample" must be true or false');
  err({ estimators: [] }, '"benchmark.estimators" must be a non-empty list');
  err({ estimators: "ols" }, '"benchmark.estimators" must be a non-empty list');
  err({ estimators: ["ols", "gmm"] }, '"benchmark.estimators[1]" "gmm" is not one of ols, ppml');
  err(
    { terms: ["ln_gdp", "rta"] },
    '"benchmark.terms[1]" "rta" is not one of ln_gdp, ln_pop, ln_dist, contig, comlang_off, colony, landlocked',
  );
  err(
    { fixedEffects: ["partner"] },
    '"benchmark.fixedEffects[0]" "partner" is not one of year',
  );
  err(
    { years: { from: 2016, to: 2015 } },
    '"benchmark.years.from" (2016) is after "benchmark.years.to" (2015)',
  );
  err(
    { years: { from: 2015.5, to: 2016 } },
    '"benchmark.years.from" must be a whole year, not 2015.5',
  );
  err({ years: { from: 2015, to: "2016" } }, '"benchmark.years.to" must be a number');
  err({ years: { to: 2016 } }, '"benchmark.years" has no "from" (it is required)');
  err({ years: 2015 }, '"benchmark.years" must be an object');
  err({ distance: "km" }, '"benchmark.distance" "km" is not one of dist, distcap, distw');
  err(
    { distance: "Distw" },
    '"benchmark.distance" "Distw" is not one of dist, distcap, distw; did you mean "distw"?',
  );
  err({ raw: "" }, '"benchmark.raw" must be a non-empty string');
  err({ raw: 3 }, '"benchmark.raw" must be a non-empty string');
  assert.throws(() => parseBenchmarkConfig([]), /^InputError: study config: /);
});
