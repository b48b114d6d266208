/**
 * The study config (lib/gravity/config/study.ts): the shipped config parses to the paper's equation
 * (2); every default is filled in and every given value kept; each malformed field, each check
 * against the panel and a missing, broken or non-JSON file is its own one-line error naming the
 * file and the field.
 */
import "../../root.ts"; // the repository root is the working directory (relative paths below)
import assert from "node:assert/strict";
import { InputError } from "../../../lib/errors.ts";
import {
  loadStudyConfig,
  parseStudyConfig,
  validateAgainstPanel,
} from "../../../lib/gravity/config/study.ts";
import { syntheticStudy } from "../../../lib/gravity/synthetic/study.ts";

const oneLine = (fn: () => unknown, pattern: RegExp) => {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof InputError, `not an InputError: ${e}`);
    assert.ok(!e.message.includes("\n"), `more than one line: ${e.message}`);
    assert.match(e.message, pattern);
    return true;
  });
};

Deno.test("the default config parses and matches the paper's equation (2)", async () => {
  const c = await loadStudyConfig(
    new URL("../../../data/study.config.json", import.meta.url).pathname,
  );
  assert.equal(c.reporter, "CHN");
  assert.deepEqual(c.partners, ["KAZ", "KGZ", "TJK", "TKM", "UZB"]);
  assert.deepEqual(c.years, { from: 2015, to: 2022 });
  assert.deepEqual(c.terms.map((t) => t.name), [
    "ln_pgdp",
    "ln_pop",
    "cbec",
    "ln_net",
    "ln_cpi",
    "ln_open",
    "ln_dist",
  ]);
  assert.equal(c.cbec.indicators.length, 10);
  assert.deepEqual(c.potential.thresholds, { huge: 0.8, remodelling: 1.2 });
});

Deno.test("config errors against the panel are one line each", () => {
  const { config, panel } = syntheticStudy({ spread: 0 });
  const f = "my.config.json";
  oneLine(
    () => validateAgainstPanel({ ...config, partners: ["BBB", "XYZ"] }, panel, f),
    /^my\.config\.json: unknown country "XYZ" \(the panel has AAA, BBB/,
  );
  oneLine(
    () => validateAgainstPanel({ ...config, years: { from: 2015, to: 2030 } }, panel, f),
    /^my\.config\.json: year 2030 is outside the data \(2015-2022\)$/,
  );
  oneLine(
    () =>
      validateAgainstPanel(
        { ...config, cbec: { ...config.cbec, indicators: ["ind_a", "bogus"] } },
        panel,
        f,
      ),
    /^my\.config\.json: unknown CBEC indicator "bogus"/,
  );
  oneLine(
    () =>
      validateAgainstPanel(
        { ...config, terms: [{ name: "ln_x", variable: "nothing", formation: "product" }] },
        panel,
        f,
      ),
    /^my\.config\.json: term "ln_x": unknown variable "nothing"/,
  );
});

Deno.test("malformed configs are one-line errors", () => {
  const base = {
    reporter: "CHN",
    partners: ["KAZ"],
    years: { from: 2015, to: 2022 },
    dependent: { variable: "y" },
    terms: [{ name: "a", variable: "x", formation: "product" }],
    cbec: { indicators: ["i"] },
  };
  oneLine(() => parseStudyConfig({ ...base, years: { from: 2022, to: 2015 } }, "c.json"), /after/);
  oneLine(
    () => parseStudyConfig({ ...base, terms: [{ name: "a", variable: "x", formation: "cube" }] }),
    /"terms\[0\]\.formation" "cube" is not one of/,
  );
  oneLine(
    () =>
      parseStudyConfig({
        ...base,
        terms: [{ name: "c", variable: "cbec_index", formation: "partner" }],
      }),
    /can be negative, so "log" must be false/,
  );
  oneLine(
    () => parseStudyConfig({ ...base, potential: { thresholds: { huge: 1.3 } } }),
    /must be below "remodelling"/,
  );
  oneLine(() => parseStudyConfig({ ...base, se: "robust" }), /"se" "robust" is not one of/);
  oneLine(() => parseStudyConfig({ ...base, partners: ["CHN"] }), /reporter CHN is also a partner/);
});

Deno.test("a missing or broken config file is a one-line error", async () => {
  await assert.rejects(
    () => loadStudyConfig("tests/fixtures/gravity/no-such.json"),
    /^InputError: tests\/fixtures\/gravity\/no-such\.json: cannot read the config \(NotFound\)$/,
  );
});

const BASE = {
  reporter: "CHN",
  partners: ["KAZ"],
  years: { from: 2015, to: 2022 },
  dependent: { variable: "y" },
  terms: [{ name: "a", variable: "x", formation: "product" }],
  cbec: { indicators: ["i"] },
};

Deno.test("defaults: title, directories, log, retention, coverage, SE, K definition, thresholds", () => {
  assert.deepEqual(parseStudyConfig(BASE, "c.json"), {
    title: "Extended gravity study",
    dataDir: "data",
    paperDir: "data/paper",
    reporter: "CHN",
    partners: ["KAZ"],
    years: { from: 2015, to: 2022 },
    dependent: { variable: "y" },
    terms: [{ name: "a", variable: "x", formation: "product", log: true }],
    cbec: {
      indicators: ["i"],
      retention: { rule: "kaiser" },
      includeReporter: false,
      minCoverage: 0,
    },
    se: "classical",
    potential: { definition: "level", thresholds: { huge: 0.8, remodelling: 1.2 } },
    choices: [],
    // K intervals, world benchmark and structural K (their own tests check these fields)
    uncertainty: {
      enabled: true,
      level: 0.9,
      draws: 2000,
      seed: 20240601,
      se: "cluster",
      residual: false,
    },
    benchmark: null,
    structural: null,
  });
});

Deno.test("given values are kept: notes, directories, rules, SE, definition, thresholds, choices", () => {
  const c = parseStudyConfig({
    ...BASE,
    title: "T",
    dataDir: "d",
    paperDir: "p",
    dependent: { variable: "y", note: "dep note" },
    terms: [
      { name: "a", variable: "x", formation: "sum", log: false, note: "term note" },
      { name: "b", variable: "z", formation: "difference", log: false },
    ],
    cbec: {
      indicators: ["i", "j"],
      retention: { rule: "cumulative", share: 1 },
      includeReporter: true,
      minCoverage: 1,
    },
    se: "hc3",
    potential: { definition: "smearing", thresholds: { huge: 0.5, remodelling: 2 } },
    choices: ["one", 2],
  });
  assert.equal(c.title, "T");
  assert.deepEqual([c.dataDir, c.paperDir], ["d", "p"]);
  assert.deepEqual(c.dependent, { variable: "y", note: "dep note" });
  assert.deepEqual(c.terms, [
    { name: "a", variable: "x", formation: "sum", log: false, note: "term note" },
    { name: "b", variable: "z", formation: "difference", log: false },
  ]);
  assert.deepEqual(c.cbec, {
    indicators: ["i", "j"],
    retention: { rule: "cumulative", share: 1 },
    includeReporter: true,
    minCoverage: 1,
  });
  assert.equal(c.se, "hc3");
  assert.deepEqual(c.potential, {
    definition: "smearing",
    thresholds: { huge: 0.5, remodelling: 2 },
  });
  assert.deepEqual(c.choices, ["one", "2"]);
  assert.deepEqual(
    parseStudyConfig({ ...BASE, cbec: { ...BASE.cbec, retention: { rule: "first" } } }).cbec
      .retention,
    {
      rule: "first",
    },
  );
  assert.equal(
    parseStudyConfig({ ...BASE, cbec: { ...BASE.cbec, minCoverage: 0 } }).cbec.minCoverage,
    0,
  );
  assert.equal(
    parseStudyConfig({ ...BASE, potential: { definition: "log-ratio" } }).potential.definition,
    "log-ratio",
  );
  assert.equal(parseStudyConfig({ ...BASE, se: "cluster" }).se, "cluster");
});

const CASES: [unknown, string][] = [
  [[], "the config must be an object"],
  [null, "the config must be an object"],
  [{ ...BASE, years: 2015 }, '"years" must be an object'],
  [{ ...BASE, years: { from: "2015", to: 2022 } }, '"years.from" must be a number'],
  [{ ...BASE, years: { from: 2015, to: Infinity } }, '"years.to" must be a number'],
  [{ ...BASE, years: { from: 2016, to: 2015 } }, '"years.from" (2016) is after "years.to" (2015)'],
  [{ ...BASE, dependent: "y" }, '"dependent" must be an object'],
  [{ ...BASE, terms: [] }, '"terms" must be a non-empty list'],
  [{ ...BASE, terms: {} }, '"terms" must be a non-empty list'],
  [{ ...BASE, terms: ["a"] }, '"terms[0]" must be an object'],
  [
    { ...BASE, terms: [{ name: "a", variable: "x" }] },
    '"terms[0]" has no "formation" (it is required)',
  ],
  [
    { ...BASE, terms: [{ name: "a", variable: "x", formation: "cube" }] },
    '"terms[0].formation" "cube" is not one of product, partner, reporter, ratio, bilateral, sum, difference',
  ],
  [
    { ...BASE, terms: [{ name: "a", variable: "x", formation: "partner", log: "yes" }] },
    '"terms[0].log" must be true or false',
  ],
  [
    { ...BASE, terms: [{ name: "a", variable: "", formation: "partner" }] },
    '"terms[0].variable" must be a non-empty string',
  ],
  [
    { ...BASE, terms: [{ name: "c", variable: "cbec_index", formation: "partner", log: true }] },
    '"terms[0]": the CBEC composite can be negative, so "log" must be false',
  ],
  [
    { ...BASE, terms: [{ name: "a", variable: "x", formation: "product", log: false }] },
    '"terms[0]": formation "product" needs "log": true',
  ],
  [
    { ...BASE, terms: [{ name: "a", variable: "x", formation: "ratio", log: false }] },
    '"terms[0]": formation "ratio" needs "log": true',
  ],
  [
    { ...BASE, terms: [{ name: "a", variable: "x", formation: "sum" }] },
    '"terms[0]": formation "sum" needs "log": false',
  ],
  [
    { ...BASE, terms: [{ name: "a", variable: "x", formation: "difference" }] },
    '"terms[0]": formation "difference" needs "log": false',
  ],
  [
    { ...BASE, terms: [{ variable: "x", formation: "partner" }] },
    '"terms[0]" has no "name" (it is required)',
  ],
  [
    {
      ...BASE,
      terms: [{ name: "a", variable: "x", formation: "partner" }, {
        name: "a",
        variable: "z",
        formation: "partner",
      }],
    },
    '"a" appears twice in the names of "terms"',
  ],
  [{ ...BASE, cbec: [] }, '"cbec" must be an object'],
  [
    { ...BASE, cbec: { indicators: ["i"], retention: "kaiser" } },
    '"cbec.retention" must be an object',
  ],
  [
    { ...BASE, cbec: { indicators: ["i"], retention: { rule: "cumulative" } } },
    '"cbec.retention.share" must be a number',
  ],
  [
    { ...BASE, cbec: { indicators: ["i"], retention: { rule: "cumulative", share: 0 } } },
    '"cbec.retention.share" must be in (0, 1], not 0',
  ],
  [
    { ...BASE, cbec: { indicators: ["i"], retention: { rule: "cumulative", share: 1.01 } } },
    '"cbec.retention.share" must be in (0, 1], not 1.01',
  ],
  [
    { ...BASE, cbec: { indicators: ["i"], retention: { rule: "all" } } },
    '"cbec.retention.rule" "all" is not one of kaiser, first, cumulative',
  ],
  [
    { ...BASE, cbec: { indicators: ["i"], minCoverage: "half" } },
    '"cbec.minCoverage" must be a number',
  ],
  [
    { ...BASE, cbec: { indicators: ["i"], minCoverage: -0.01 } },
    '"cbec.minCoverage" must be in [0, 1], not -0.01',
  ],
  [
    { ...BASE, cbec: { indicators: ["i"], minCoverage: 1.01 } },
    '"cbec.minCoverage" must be in [0, 1], not 1.01',
  ],
  [{ ...BASE, cbec: { indicators: [] } }, '"cbec.indicators" must be a non-empty list'],
  [{ ...BASE, cbec: { indicators: ["i", 3] } }, '"cbec.indicators[1]" must be a non-empty string'],
  [{ ...BASE, se: "robust" }, '"se" "robust" is not one of classical, hc0, hc1, hc2, hc3, cluster'],
  [
    { ...BASE, potential: { definition: "ratio" } },
    '"potential.definition" "ratio" is not one of level, smearing, log-ratio',
  ],
  [
    { ...BASE, potential: { thresholds: { huge: "low" } } },
    '"potential.thresholds.huge" must be a number',
  ],
  [
    { ...BASE, potential: { thresholds: { remodelling: null } } },
    '"potential.thresholds.remodelling" must be a number',
  ],
  [
    { ...BASE, potential: { thresholds: { huge: 1.2, remodelling: 1.2 } } },
    '"potential.thresholds.huge" (1.2) must be below "remodelling" (1.2)',
  ],
  [{ ...BASE, reporter: "" }, '"reporter" must be a non-empty string'],
  [{ ...BASE, partners: [] }, '"partners" must be a non-empty list'],
  [{ ...BASE, partners: ["CHN"] }, "the reporter CHN is also a partner"],
  [{ ...BASE, dependent: { variable: 1 } }, '"dependent.variable" must be a non-empty string'],
  // one reader per kind of field: a missing required key is named, an explicit null is checked
  // (only an absent key takes the default), and a word near an allowed one is suggested
  [
    {
      partners: ["KAZ"],
      years: BASE.years,
      dependent: BASE.dependent,
      terms: BASE.terms,
      cbec: BASE.cbec,
    },
    'the config has no "reporter" (it is required)',
  ],
  [{ ...BASE, dependent: {} }, '"dependent" has no "variable" (it is required)'],
  [{ ...BASE, se: null }, '"se" null is not one of classical, hc0, hc1, hc2, hc3, cluster'],
  [
    { ...BASE, se: "HC3" },
    '"se" "HC3" is not one of classical, hc0, hc1, hc2, hc3, cluster; did you mean "hc3"?',
  ],
  [{ ...BASE, title: 3 }, '"title" must be a non-empty string'],
  [{ ...BASE, dataDir: "" }, '"dataDir" must be a non-empty string'],
  [{ ...BASE, paperDir: null }, '"paperDir" must be a non-empty string'],
  [{ ...BASE, years: { from: 2015.5, to: 2022 } }, '"years.from" must be a whole year, not 2015.5'],
  [
    { ...BASE, cbec: { indicators: ["i"], includeReporter: "yes" } },
    '"cbec.includeReporter" must be true or false',
  ],
  [
    { ...BASE, cbec: { indicators: ["i"], retention: {} } },
    '"cbec.retention" has no "rule" (it is required)',
  ],
  [{ ...BASE, potential: null }, '"potential" must be an object'],
  [{ ...BASE, choices: "one choice" }, '"choices" must be a list'],
];

Deno.test("every malformed field is its own one-line error naming the file", () => {
  for (const [raw, message] of CASES) {
    assert.throws(
      () => parseStudyConfig(raw, "c.json"),
      (e: unknown) => {
        assert.ok(e instanceof InputError, `${message}: ${e}`);
        assert.equal(e.message, `c.json: ${message}`);
        return true;
      },
    );
  }
  // the default file name
  assert.throws(() => parseStudyConfig(null), /^InputError: study config: the config must be/);
});

Deno.test("validation against the panel: the first year and the dependent variable too", () => {
  const { config, panel } = syntheticStudy({ spread: 0 });
  const msg = (fn: () => void) => {
    try {
      fn();
    } catch (e) {
      return (e as Error).message;
    }
    return "no error";
  };
  assert.equal(msg(() => validateAgainstPanel(config, panel, "f")), "no error");
  assert.equal(
    msg(() => validateAgainstPanel({ ...config, years: { from: 2014, to: 2020 } }, panel, "f")),
    "f: year 2014 is outside the data (2015-2022)",
  );
  assert.equal(
    msg(() => validateAgainstPanel({ ...config, reporter: "ZZZ" }, panel)),
    'study config: unknown country "ZZZ" (the panel has AAA, BBB, CCC, DDD, EEE, FFF)',
  );
  assert.equal(
    msg(() => validateAgainstPanel({ ...config, dependent: { variable: "nope" } }, panel, "f")),
    'f: unknown dependent variable "nope" (not a panel variable)',
  );
  // the CBEC composite is not a panel variable, and needs not be
  assert.ok(config.terms.some((t) => t.variable === "cbec_index"));
});

Deno.test("a config file that is not JSON is a one-line error naming it", async () => {
  const { freshTmp } = await import("../../tmp.ts");
  const path = `${freshTmp("config-")}/broken.json`;
  await Deno.writeTextFile(path, "{ not json\n");
  await assert.rejects(
    () => loadStudyConfig(path),
    (e: unknown) => {
      assert.ok(e instanceof InputError);
      assert.match(
        e.message,
        new RegExp(`^${path}: not valid JSON \\([^\\n]*JSON at position 2[^\\n]*\\)$`),
      );
      return true;
    },
  );
  await Deno.writeTextFile(path, JSON.stringify({ ...BASE, title: "from a file" }));
  assert.equal((await loadStudyConfig(path)).title, "from a file");
});
