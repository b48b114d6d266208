/**
 * The config's later sections as parseStudyConfig and validateAgainstPanel wire them (found by
 * mutation testing of lib/gravity/config/study.ts): the forecast block gets the study's first year and
 * dependent variable as its defaults, every section parser names the config file in its errors,
 * the sensitivity variants keep their notes, and the forecast is checked against the panel with
 * the study's reporter, partners and logged regressors.
 */
import assert from "node:assert/strict";
import { parseSensitivity } from "../../../lib/gravity/config/sensitivity.ts";
import { parseStudyConfig, validateAgainstPanel } from "../../../lib/gravity/config/study.ts";
import { syntheticStudy } from "../../../lib/gravity/synthetic/study.ts";

/** The synthetic study's config as raw JSON (AAA; BBB..FFF; 2015-2022; dependent etrade). */
function raw(): Record<string, unknown> {
  return structuredClone(syntheticStudy({ spread: 0 }).config) as unknown as Record<
    string,
    unknown
  >;
}

const throwsLine = (f: () => unknown, re: RegExp) =>
  assert.throws(f, (e: Error) => {
    assert.equal(e.name, "InputError");
    assert.match(e.message, re);
    assert.ok(!e.message.includes("\n"), e.message);
    return true;
  });

Deno.test("config sections: no forecast block, no forecast key; sections absent are null or defaults", () => {
  const r = raw();
  delete r.forecast;
  delete r.sensitivity;
  delete r.uncertainty;
  delete r.benchmark;
  delete r.structural;
  const c = parseStudyConfig(r, "cfg.json");
  assert.equal("forecast" in c, false);
  assert.equal("sensitivity" in c, false);
  assert.equal(c.benchmark, null);
  assert.equal(c.structural, null);
  assert.equal(c.uncertainty.enabled, true);
});

Deno.test("config sections: forecast defaults come from the study's first year and dependent variable", () => {
  const r = { ...raw(), years: { from: 2012, to: 2022 }, forecast: {} };
  const f = parseStudyConfig(r, "cfg.json").forecast!;
  assert.equal(f.trainFrom, 2012);
  assert.equal(f.actual, "etrade");
  assert.equal(f.cutoff, 2020);
  // a trainFrom after the cutoff is the forecast parser's error, naming this config file
  throwsLine(
    () => parseStudyConfig({ ...r, forecast: { cutoff: 2011 } }, "cfg.json"),
    /^cfg\.json: "forecast\.trainFrom" \(2012\) must be before "forecast\.cutoff" \(2011\)$/,
  );
});

Deno.test("config sections: each section parser names the config file", () => {
  const r = raw();
  throwsLine(
    () => parseStudyConfig({ ...r, uncertainty: "yes" }, "cfg.json"),
    /^cfg\.json: "uncertainty" must be an object$/,
  );
  throwsLine(
    () => parseStudyConfig({ ...r, benchmark: [] }, "cfg.json"),
    /^cfg\.json: "benchmark" must be an object$/,
  );
  throwsLine(
    () => parseStudyConfig({ ...r, structural: [] }, "cfg.json"),
    /^cfg\.json: "structural" must be an object$/,
  );
  throwsLine(
    () => parseStudyConfig({ ...r, forecast: 3 }, "cfg.json"),
    /^cfg\.json: "forecast" must be an object$/,
  );
});

Deno.test("config sections: sensitivity variants keep label, dependent and a string note only", () => {
  const c = parseStudyConfig({
    ...raw(),
    sensitivity: {
      variants: [
        { label: "Mirror", dependent: "etrade_m", note: "mirror flows" },
        { label: "Plain", dependent: "etrade", note: 7 },
      ],
    },
  }, "cfg.json");
  assert.deepEqual(c.sensitivity, {
    variants: [
      { label: "Mirror", dependent: "etrade_m", note: "mirror flows" },
      { label: "Plain", dependent: "etrade" },
    ],
  });
  throwsLine(
    () => parseStudyConfig({ ...raw(), sensitivity: [] }, "cfg.json"),
    /^cfg\.json: "sensitivity" must be an object$/,
  );
  throwsLine(
    () => parseStudyConfig({ ...raw(), sensitivity: {} }, "cfg.json"),
    /^cfg\.json: "sensitivity" has no "variants" \(it is required\)$/,
  );
  throwsLine(
    () => parseStudyConfig({ ...raw(), sensitivity: { variants: "x" } }, "cfg.json"),
    /^cfg\.json: "sensitivity\.variants" must be a list$/,
  );
  throwsLine(
    () =>
      parseStudyConfig(
        { ...raw(), sensitivity: { variants: [{ label: "a", dependent: "b" }, 4] } },
        "cfg.json",
      ),
    /^cfg\.json: "sensitivity\.variants\[1\]" must be an object$/,
  );
  throwsLine(
    () =>
      parseStudyConfig(
        { ...raw(), sensitivity: { variants: [{ label: "", dependent: "b" }] } },
        "cfg.json",
      ),
    /^cfg\.json: "sensitivity\.variants\[0\]\.label" must be a non-empty string$/,
  );
});

Deno.test("validateAgainstPanel checks the forecast with the study's countries, dependent and logged regressors", () => {
  const { config, panel } = syntheticStudy({ spread: 0 });
  const withForecast = (forecast: unknown) => parseStudyConfig({ ...raw(), forecast }, "cfg.json");
  // the reporter and every partner may carry scenario rules; the unlogged CBEC composite may
  // take any fixed value, a logged variable (gdp_pc) only a positive one
  const ok = withForecast({
    scenarios: [{
      horizon: 2030,
      variables: { cbec_index: { value: -2 } },
      countries: { AAA: { gdp_pc: { value: 5 } }, FFF: { pop: "hold" } },
    }],
  });
  validateAgainstPanel(ok, panel, "cfg.json");
  throwsLine(
    () =>
      validateAgainstPanel(
        withForecast({ scenarios: [{ variables: { gdp_pc: { value: 0 } } }] }),
        panel,
        "cfg.json",
      ),
    /^cfg\.json: forecast\.scenarios\[0\] \("scenario 1"\)\.variables: gdp_pc \(taken in logs\) must be positive, not 0$/,
  );
  throwsLine(
    () =>
      validateAgainstPanel(
        withForecast({ scenarios: [{ countries: { ZZZ: {} } }] }),
        panel,
        "cfg.json",
      ),
    /^cfg\.json: forecast\.scenarios\[0\] \("scenario 1"\): unknown country "ZZZ" \(the study has AAA, BBB, CCC, DDD, EEE, FFF\)$/,
  );
  throwsLine(
    () =>
      validateAgainstPanel(
        withForecast({ scenarios: [{ variables: { etrade: "hold" } }] }),
        panel,
        "cfg.json",
      ),
    /: "etrade" is not a regressor of the study \(gdp_pc, pop, cbec_index, net, cpi, open, dist\)$/,
  );
  // the last data year is that of the study's dependent variable among the partners (2022)
  throwsLine(
    () =>
      validateAgainstPanel(
        withForecast({ scenarios: [{ horizon: 2021 }] }),
        panel,
        "cfg.json",
      ),
    /: horizon 2021 is before the last data year 2022$/,
  );
  // without a forecast block the same panel passes, and the forecast's actual series is checked
  validateAgainstPanel(config, panel, "cfg.json");
  throwsLine(
    () => validateAgainstPanel(withForecast({ actual: "nope" }), panel, "cfg.json"),
    /^cfg\.json: "forecast\.actual": unknown variable "nope" \(not a panel variable\)$/,
  );
});

Deno.test("config: a missing years, dependent or cbec block is named; a repeated indicator or partner too", () => {
  for (
    const [key, message] of [
      ["years", 'the config has no "years" (it is required)'],
      ["dependent", 'the config has no "dependent" (it is required)'],
      ["cbec", 'the config has no "cbec" (it is required)'],
    ]
  ) {
    const r = raw();
    delete r[key];
    assert.throws(() => parseStudyConfig(r, "cfg.json"), (e: Error) => {
      assert.equal(e.message, `cfg.json: ${message}`);
      return true;
    });
  }
  const r = raw();
  throwsLine(
    () =>
      parseStudyConfig({
        ...r,
        cbec: { ...(r.cbec as object), indicators: ["ind_a", "ind_b", "ind_a"] },
      }, "cfg.json"),
    /^cfg\.json: "ind_a" appears twice in "cbec\.indicators"/,
  );
  throwsLine(
    () => parseStudyConfig({ ...r, partners: ["BBB", "CCC", "BBB"] }, "cfg.json"),
    /^cfg\.json: "BBB" appears twice in "partners"/,
  );
  // a one-year window is allowed (from = to)
  assert.deepEqual(
    parseStudyConfig({ ...r, years: { from: 2016, to: 2016 } }, "cfg.json").years,
    { from: 2016, to: 2016 },
  );
  // sensitivity: an empty list of variants, a variant without a dependent variable
  throwsLine(
    () => parseStudyConfig({ ...r, sensitivity: { variants: [] } }, "cfg.json"),
    /^cfg\.json: "sensitivity\.variants" must be a non-empty list$/,
  );
  throwsLine(
    () => parseStudyConfig({ ...r, sensitivity: { variants: [{ label: "a" }] } }, "cfg.json"),
    /^cfg\.json: "sensitivity\.variants\[0\]" has no "dependent" \(it is required\)$/,
  );
});

Deno.test("validateAgainstPanel: a term without 'log' (a config built in code) is taken in logs", () => {
  const { panel } = syntheticStudy({ spread: 0 });
  const c = parseStudyConfig({
    ...raw(),
    forecast: { scenarios: [{ variables: { open: { value: -1 } } }] },
  }, "cfg.json");
  // TermSpec.log is optional and defaults to true: open (log omitted) must stay positive
  const terms = c.terms.map((t) => {
    if (t.variable !== "open") return t;
    const { log: _log, ...rest } = t;
    return rest;
  });
  throwsLine(
    () => validateAgainstPanel({ ...c, terms }, panel, "cfg.json"),
    /\.variables: open \(taken in logs\) must be positive, not -1$/,
  );
});

Deno.test("config sections: an unknown key in the sensitivity block or a variant is refused, with a suggestion", () => {
  const variants = [{ label: "a", dependent: "etrade" }];
  let r = raw();
  r.sensitivity = { variants, varients: [] };
  throwsLine(
    () => parseStudyConfig(r, "s.json"),
    /^s\.json: unknown key "varients" in "sensitivity" \(allowed: variants\); did you mean "variants"\?$/,
  );
  r = raw();
  r.sensitivity = { variants: [{ label: "a", dependent: "etrade", nots: "x" }] };
  throwsLine(
    () => parseStudyConfig(r, "s.json"),
    /^s\.json: unknown key "nots" in "sensitivity\.variants\[0\]" \(allowed: label, dependent, note\); did you mean "note"\?$/,
  );
  r = raw();
  r.sensitivity = { variants };
  assert.deepEqual(parseStudyConfig(r, "s.json").sensitivity, { variants });
});

Deno.test('config sections: parseSensitivity called without a file name says "study config" in its errors', () => {
  throwsLine(
    () => parseSensitivity({}),
    /^study config: "sensitivity" has no "variants" \(it is required\)$/,
  );
});
