/**
 * Every part of the study config reports an unknown key the same way, through strict_json's
 * check: one line naming the file and the object, the allowed keys, and the nearest suggested.
 */
import "../../root.ts"; // the repository root is the working directory (relative paths below)
import assert from "node:assert/strict";
import { InputError } from "../../../lib/errors.ts";
import { parseStudyConfig } from "../../../lib/gravity/config/study.ts";

const STUDY = JSON.parse(await Deno.readTextFile("data/study.config.json"));

/** The shipped config with `key` added to the object at `path`, parsed as "s.json". */
function withKey(path: (string | number)[], key: string): () => unknown {
  const c = structuredClone(STUDY);
  let o = c;
  for (const p of path) o = o[p];
  o[key] = 1;
  return () => parseStudyConfig(c, "s.json");
}

function refused(fn: () => unknown, message: string) {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof InputError, String(e));
    assert.equal(e.message, message);
    return true;
  });
}

Deno.test("nearest key: the study's own blocks (years, dependent, terms, cbec, potential)", () => {
  refused(
    withKey(["years"], "form"),
    's.json: unknown key "form" in "years" (allowed: from, to); did you mean "from"?',
  );
  refused(
    withKey(["dependent"], "variabel"),
    's.json: unknown key "variabel" in "dependent" (allowed: variable, note); ' +
      'did you mean "variable"?',
  );
  refused(
    withKey(["cbec"], "minCoverag"),
    's.json: unknown key "minCoverag" in "cbec" (allowed: indicators, retention, ' +
      'includeReporter, minCoverage); did you mean "minCoverage"?',
  );
  refused(
    withKey(["cbec", "retention"], "shar"),
    's.json: unknown key "shar" in "cbec.retention" (allowed: rule, share); did you mean "share"?',
  );
  refused(
    withKey(["potential"], "Definition"),
    's.json: unknown key "Definition" in "potential" (allowed: definition, thresholds); ' +
      'did you mean "definition"?',
  );
  refused(
    withKey(["terms", 0], "lg"),
    's.json: unknown key "lg" in "terms[0]" (allowed: name, variable, formation, log, note); ' +
      'did you mean "log"?',
  );
});

Deno.test("nearest key: the uncertainty section", () => {
  refused(
    withKey(["uncertainty"], "drawz"),
    's.json: unknown key "drawz" in "uncertainty" (allowed: enabled, level, draws, seed, se, ' +
      'residual); did you mean "draws"?',
  );
});

Deno.test("nearest key: the benchmark section and its years", () => {
  refused(
    withKey(["benchmark"], "estimator"),
    's.json: unknown key "estimator" in "benchmark" (allowed: enabled, raw, years, outOfSample, ' +
      'estimators, terms, distance, fixedEffects); did you mean "estimators"?',
  );
  refused(
    withKey(["benchmark", "years"], "form"),
    's.json: unknown key "form" in "benchmark.years" (allowed: from, to); did you mean "from"?',
  );
});

Deno.test("nearest key: the structural section", () => {
  refused(
    withKey(["structural"], "distanse"),
    's.json: unknown key "distanse" in "structural" (allowed: enabled, years, distance, partnerExports, untrusted); ' +
      'did you mean "distance"?',
  );
});

Deno.test("nearest key: the forecast section, a scenario and a rule", () => {
  refused(
    withKey(["forecast"], "rollng"),
    's.json: unknown key "rollng" in "forecast" (allowed: cutoff, trainFrom, rolling, level, ' +
      'actual, scenarios); did you mean "rolling"?',
  );
  refused(
    withKey(["forecast", "scenarios", 1], "defualt"),
    's.json: unknown key "defualt" in "forecast.scenarios[1]" (allowed: name, note, horizon, ' +
      'default, variables, countries); did you mean "default"?',
  );
  refused(
    withKey(["forecast", "scenarios", 0, "variables", "internet_users"], "mx"),
    's.json: unknown key "mx" in "forecast.scenarios[0].variables.internet_users" (allowed: ' +
      'growth, value, trend, hold, min, max); did you mean "max"?',
  );
});

Deno.test("nearest key: the sensitivity section and a variant", () => {
  refused(
    withKey(["sensitivity"], "variant"),
    's.json: unknown key "variant" in "sensitivity" (allowed: variants); did you mean "variants"?',
  );
  refused(
    withKey(["sensitivity", "variants", 1], "dependant"),
    's.json: unknown key "dependant" in "sensitivity.variants[1]" (allowed: label, dependent, ' +
      'note); did you mean "dependent"?',
  );
});

Deno.test("nearest key: none when no allowed key is near", () => {
  refused(
    withKey(["structural"], "zzzzzz"),
    's.json: unknown key "zzzzzz" in "structural" (allowed: enabled, years, distance, partnerExports, untrusted)',
  );
});
