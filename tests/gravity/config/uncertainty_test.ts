/**
 * The `uncertainty` config block (lib/gravity/config/uncertainty.ts): the defaults, every field,
 * the boundaries and the one-line errors.
 */
import assert from "node:assert/strict";
import {
  parseUncertaintyConfig,
  UNCERTAINTY_DEFAULTS,
} from "../../../lib/gravity/config/uncertainty.ts";

Deno.test("parseUncertaintyConfig: defaults, every field, boundaries and one-line errors", () => {
  assert.deepEqual(parseUncertaintyConfig(undefined), UNCERTAINTY_DEFAULTS);
  assert.deepEqual(UNCERTAINTY_DEFAULTS, {
    enabled: true,
    level: 0.9,
    draws: 2000,
    seed: 20240601,
    se: "cluster",
    residual: false,
  });
  assert.deepEqual(parseUncertaintyConfig({}), UNCERTAINTY_DEFAULTS);
  assert.deepEqual(
    parseUncertaintyConfig({
      enabled: false,
      level: 0.95,
      draws: 100,
      seed: -3,
      se: "hc1",
      residual: true,
    }),
    { enabled: false, level: 0.95, draws: 100, seed: -3, se: "hc1", residual: true },
  );
  for (const se of ["classical", "hc1", "cluster"]) {
    assert.equal(parseUncertaintyConfig({ se }).se, se);
  }
  const err = (raw: unknown, msg: string) =>
    assert.throws(() => parseUncertaintyConfig(raw, "cfg.json"), (e: Error) => {
      assert.equal(e.name, "InputError");
      assert.equal(e.message, `cfg.json: ${msg}`);
      return true;
    });
  err(null, '"uncertainty" must be an object');
  err([], '"uncertainty" must be an object');
  err(3, '"uncertainty" must be an object');
  err(
    { levl: 1 },
    'unknown key "levl" in "uncertainty" (allowed: enabled, level, draws, seed, se, residual); ' +
      'did you mean "level"?',
  );
  for (const level of [0, 1, -0.5, 1.5]) {
    err({ level }, `"uncertainty.level" must be in (0, 1), not ${level}`);
  }
  err({ level: "0.9" }, '"uncertainty.level" must be a number');
  err({ draws: 99 }, '"uncertainty.draws" must be >= 100, not 99');
  err({ draws: 100.5 }, '"uncertainty.draws" must be a whole number, not 100.5');
  err({ draws: "2000" }, '"uncertainty.draws" must be a number');
  err({ seed: 1.5 }, '"uncertainty.seed" must be a whole number, not 1.5');
  err({ seed: "1" }, '"uncertainty.seed" must be a number');
  err(
    { se: "hc3" },
    '"uncertainty.se" "hc3" is not one of classical, hc1, cluster; did you mean "hc1"?',
  );
  err({ enabled: "yes" }, '"uncertainty.enabled" must be true or false');
  err({ residual: 1 }, '"uncertainty.residual" must be true or false');
  assert.throws(() => parseUncertaintyConfig(null), /^InputError: study config: /);
});
