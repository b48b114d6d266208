/**
 * The structural section's rule for the partners' exports to China (`partnerExports`,
 * `untrusted`): parsed with one-line errors, and the untrusted partner-years are exactly the
 * partner-reported IMF DOTS cells the importer rejects (data/import.config.json), in the code's
 * defaults and in data/study.config.json.
 */
import "../../root.ts"; // the repository root is the working directory (relative paths below)
import assert from "node:assert/strict";
import { InputError } from "../../../lib/errors.ts";
import {
  parseStructuralConfig,
  UNTRUSTED_DEFAULTS,
} from "../../../lib/gravity/config/structural.ts";
import { loadStudyConfig } from "../../../lib/gravity/config/study.ts";

Deno.test("structural.partnerExports and structural.untrusted: values, defaults, one-line errors", () => {
  const c = parseStructuralConfig({
    partnerExports: "reporter",
    untrusted: [{ partner: "KGZ", from: 2011, to: 2012, reason: "a test" }],
  })!;
  assert.equal(c.partnerExports, "reporter");
  assert.deepEqual(c.untrusted, [{ partner: "KGZ", from: 2011, to: 2012, reason: "a test" }]);
  assert.deepEqual(parseStructuralConfig({ untrusted: [] })!.untrusted, []);
  // a single year (from = to) is a span, not an error
  const one = { partner: "KGZ", from: 2012, to: 2012, reason: "one year" };
  assert.deepEqual(parseStructuralConfig({ untrusted: [one] })!.untrusted, [one]);
  // absent: the defaults, a copy
  const d = parseStructuralConfig({})!;
  assert.equal(d.partnerExports, "trusted");
  assert.deepEqual(d.untrusted, UNTRUSTED_DEFAULTS);
  assert.notEqual(d.untrusted[0], UNTRUSTED_DEFAULTS[0]);
  const err = (raw: unknown, msg: string) =>
    assert.throws(() => parseStructuralConfig(raw, "s.json"), (e: Error) => {
      assert.ok(e instanceof InputError);
      assert.equal(e.message, `s.json: ${msg}`);
      return true;
    });
  err(
    { partnerExports: "partners" },
    '"structural.partnerExports" "partners" is not one of trusted, partner, reporter; ' +
      'did you mean "partner"?',
  );
  err({ untrusted: {} }, '"structural.untrusted" must be a list');
  err(
    { untrusted: [{ partner: "UZB", from: 2000, to: 2015 }] },
    '"structural.untrusted[0]" has no "reason" (it is required)',
  );
  err(
    { untrusted: [{ partner: "UZB", from: 2016, to: 2015, reason: "r" }] },
    '"structural.untrusted[0].from" (2016) is after "structural.untrusted[0].to" (2015)',
  );
  err(
    { untrusted: [{ partner: "", from: 2000, to: 2015, reason: "r" }] },
    '"structural.untrusted[0].partner" must be a non-empty string',
  );
  err(
    { untrusted: [{ partner: "UZB", from: 2000, to: 2015, reason: "r", note: 1 }] },
    'unknown key "note" in "structural.untrusted[0]" (allowed: partner, from, to, reason)',
  );
});

Deno.test("the untrusted partner reports are the DOTS cells the importer rejects, in the defaults and the study config", async () => {
  const imports = JSON.parse(await Deno.readTextFile("data/import.config.json")) as {
    sources: {
      variable?: string;
      layout?: string;
      reportedBy?: string;
      rejectCells?: { reporter: string; from: number; to: number; partner?: string }[];
    }[];
  };
  const rejected = imports.sources
    .filter((s) =>
      s.variable === "trade_mirror_usd" && s.layout === "imf-dots" && s.reportedBy === "partner"
    )
    .flatMap((s) => s.rejectCells ?? [])
    .map((r) => `${r.reporter} ${r.from}-${r.to}`)
    .sort();
  assert.deepEqual(rejected, ["TKM 2004-2019", "UZB 2000-2015"]);
  const span = (u: { partner: string; from: number; to: number }) =>
    `${u.partner} ${u.from}-${u.to}`;
  assert.deepEqual(UNTRUSTED_DEFAULTS.map(span).sort(), rejected);
  const study = await loadStudyConfig("data/study.config.json");
  assert.equal(study.structural!.partnerExports, "trusted");
  assert.deepEqual(study.structural!.untrusted, UNTRUSTED_DEFAULTS);
});
