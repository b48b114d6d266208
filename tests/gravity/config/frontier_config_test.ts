/**
 * The `frontier` section of the study config: defaults, given values kept, and every bad key or
 * value refused in one line naming the file and the field (an unknown key with the nearest one
 * suggested).
 */
import "../../root.ts"; // the repository root is the working directory (relative paths below)
import assert from "node:assert/strict";
import { InputError } from "../../../lib/errors.ts";
import { FRONTIER_DEFAULTS, parseFrontierConfig } from "../../../lib/gravity/config/frontier.ts";
import { parseStudyConfig } from "../../../lib/gravity/config/study.ts";

const STUDY = JSON.parse(await Deno.readTextFile("data/study.config.json"));

/** The shipped config with its frontier section replaced, parsed as "s.json". */
const withFrontier = (frontier: unknown) => () =>
  parseStudyConfig({ ...structuredClone(STUDY), frontier }, "s.json");

function refused(fn: () => unknown, message: string | RegExp) {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof InputError, String(e));
    assert.ok(!e.message.includes("\n"), e.message);
    if (typeof message === "string") assert.equal(e.message, message);
    else assert.match(e.message, message);
    return true;
  });
}

Deno.test("frontier config: absent or null is no section; {} is every default", () => {
  assert.equal(parseFrontierConfig(undefined), null);
  assert.equal(parseFrontierConfig(null), null);
  assert.deepEqual(parseFrontierConfig({}), FRONTIER_DEFAULTS);
  assert.deepEqual(FRONTIER_DEFAULTS, {
    enabled: true,
    years: { from: 2010, to: 2020 },
    terms: ["ln_gdp", "ln_pop", "ln_dist", "contig", "comlang_off", "colony", "landlocked"],
    distance: "dist",
    fixedEffects: ["year"],
    inefficiency: "halfnormal",
    timeVarying: true,
    efficiency: "bc",
    level: 0.9,
  });
  // a config without the key has no frontier key at all (configs written before the section)
  const { frontier: _, ...without } = structuredClone(STUDY);
  assert.ok(!("frontier" in parseStudyConfig(without)));
  assert.equal(withFrontier(null)().frontier, null);
});

Deno.test("frontier config: the shipped study config turns it on with the defaults", () => {
  assert.deepEqual(parseStudyConfig(STUDY).frontier, FRONTIER_DEFAULTS);
});

Deno.test("frontier config: given values are kept (an empty fixedEffects list means none)", () => {
  const given = {
    enabled: false,
    years: { from: 2012, to: 2019 },
    terms: ["ln_gdp", "ln_dist"],
    distance: "distw",
    fixedEffects: [],
    inefficiency: "truncnormal",
    timeVarying: false,
    efficiency: "jlms",
    level: 0.95,
  };
  assert.deepEqual(parseFrontierConfig(given), given);
  assert.deepEqual(withFrontier(given)().frontier, given);
});

Deno.test("frontier config: an unknown key is refused with the allowed keys and the nearest", () => {
  refused(
    withFrontier({ timeVaring: true }),
    's.json: unknown key "timeVaring" in "frontier" (allowed: enabled, years, terms, distance, ' +
      'fixedEffects, inefficiency, timeVarying, efficiency, level); did you mean "timeVarying"?',
  );
  refused(
    withFrontier({ levle: 0.9 }),
    /unknown key "levle" in "frontier" .*did you mean "level"\?$/,
  );
  refused(
    withFrontier({ years: { from: 2010, too: 2020 } }),
    /unknown key "too" in "frontier.years" \(allowed: from, to\); did you mean "to"\?$/,
  );
  // and at the top level, the section's own name
  refused(
    () => parseStudyConfig({ ...structuredClone(STUDY), fronteir: {} }, "s.json"),
    /unknown key "fronteir" in the top level .*, frontier, counterfactual\); did you mean "frontier"\?$/,
  );
});

Deno.test("frontier config: bad values are refused in one line naming the field", () => {
  refused(
    withFrontier({ inefficiency: "exponential" }),
    's.json: "frontier.inefficiency" "exponential" is not one of halfnormal, truncnormal',
  );
  refused(
    withFrontier({ inefficiency: "halfnormall" }),
    /"frontier.inefficiency" "halfnormall" is not one of .*; did you mean "halfnormal"\?$/,
  );
  refused(
    withFrontier({ terms: ["ln_gdp", "ln_gdpp"] }),
    /"frontier.terms\[1\]" "ln_gdpp" is not one of ln_gdp, .*; did you mean "ln_gdp"\?$/,
  );
  refused(withFrontier({ terms: [] }), 's.json: "frontier.terms" must be a non-empty list');
  refused(withFrontier({ level: 1.5 }), 's.json: "frontier.level" must be in (0, 1), not 1.5');
  refused(withFrontier({ level: "90%" }), 's.json: "frontier.level" must be a number');
  refused(
    withFrontier({ timeVarying: "yes" }),
    's.json: "frontier.timeVarying" must be true or false',
  );
  refused(
    withFrontier({ efficiency: "te" }),
    's.json: "frontier.efficiency" "te" is not one of bc, jlms',
  );
  refused(
    withFrontier({ fixedEffects: ["partner"] }),
    /"frontier.fixedEffects\[0\]" "partner" is not one of year/,
  );
  refused(
    withFrontier({ distance: "km" }),
    /"frontier.distance" "km" is not one of dist, distcap, distw/,
  );
  refused(
    withFrontier({ years: { from: 2020, to: 2010 } }),
    /"frontier.years.from" \(2020\) is after "frontier.years.to" \(2010\)/,
  );
  refused(withFrontier([]), /"frontier" must be an object|frontier/);
});

Deno.test('frontier config: parseFrontierConfig called without a file name says "study config" in its errors', () => {
  assert.throws(
    () => parseFrontierConfig({ level: 2 }),
    (e: Error) => {
      assert.ok(e instanceof InputError);
      assert.equal(e.message, 'study config: "frontier.level" must be in (0, 1), not 2');
      return true;
    },
  );
});
