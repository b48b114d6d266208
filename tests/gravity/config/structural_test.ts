/**
 * The `structural` config block (lib/gravity/config/structural.ts): the defaults, the fields and
 * the one-line errors.
 */
import assert from "node:assert/strict";
import {
  parseStructuralConfig,
  STRUCTURAL_DEFAULTS,
  UNTRUSTED_DEFAULTS,
} from "../../../lib/gravity/config/structural.ts";
import { InputError } from "../../../lib/errors.ts";

Deno.test("structural config: defaults and one-line errors", () => {
  assert.equal(parseStructuralConfig(undefined), null);
  assert.deepEqual(parseStructuralConfig({}), STRUCTURAL_DEFAULTS);
  assert.throws(
    () => parseStructuralConfig({ yaers: {} }, "c.json"),
    /^InputError: c\.json: unknown key "yaers" in "structural" \(allowed: enabled, years, distance, partnerExports, untrusted\); did you mean "years"\?$/,
  );
  assert.throws(
    () => parseStructuralConfig({ distance: "km" }, "c.json"),
    /"structural.distance" "km"/,
  );
});

Deno.test("parseStructuralConfig: defaults, fields and one-line errors", () => {
  assert.equal(parseStructuralConfig(undefined), null);
  assert.equal(parseStructuralConfig(null), null);
  assert.deepEqual(parseStructuralConfig({}), STRUCTURAL_DEFAULTS);
  assert.deepEqual(STRUCTURAL_DEFAULTS, {
    enabled: true,
    years: { from: 2010, to: 2020 },
    distance: "dist",
    partnerExports: "trusted",
    untrusted: UNTRUSTED_DEFAULTS,
  });
  assert.deepEqual(
    parseStructuralConfig({ enabled: false, years: { from: 2015, to: 2015 }, distance: "distw" }),
    {
      enabled: false,
      years: { from: 2015, to: 2015 },
      distance: "distw",
      partnerExports: "trusted",
      untrusted: UNTRUSTED_DEFAULTS,
    },
  );
  assert.equal(parseStructuralConfig({ distance: "distcap" })!.distance, "distcap");
  const err = (raw: unknown, msg: string) =>
    assert.throws(() => parseStructuralConfig(raw, "s.json"), (e: Error) => {
      assert.ok(e instanceof InputError);
      assert.equal(e.message, `s.json: ${msg}`);
      return true;
    });
  err([], '"structural" must be an object');
  err(5, '"structural" must be an object');
  err(
    { x: 1 },
    'unknown key "x" in "structural" (allowed: enabled, years, distance, partnerExports, untrusted)',
  );
  err(
    { years: { from: 2016, to: 2015 } },
    '"structural.years.from" (2016) is after "structural.years.to" (2015)',
  );
  err(
    { years: { from: 2015, to: 2016.5 } },
    '"structural.years.to" must be a whole year, not 2016.5',
  );
  err({ years: { from: "2015", to: 2016 } }, '"structural.years.from" must be a number');
  err({ years: { from: 2015 } }, '"structural.years" has no "to" (it is required)');
  err({ years: 7 }, '"structural.years" must be an object');
  err({ enabled: "true" }, '"structural.enabled" must be true or false');
  err({ distance: "km" }, '"structural.distance" "km" is not one of dist, distcap, distw');
  assert.throws(() => parseStructuralConfig([]), /^InputError: study config: /);
});
