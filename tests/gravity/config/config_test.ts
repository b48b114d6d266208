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
