/**
 * Strict configs: a key written twice, an unknown key (with the allowed keys and the nearest
 * suggested), and a partner, country, indicator or year named twice are each one line.
 */
import "../../root.ts"; // the repository root is the working directory (relative paths below)
import assert from "node:assert/strict";
import { parseImportConfig } from "../../../lib/data/import/config.ts";
import {
  assertKnownKeys,
  assertNoRepeats,
  nearestKey,
  parseStrictJson,
} from "../../../lib/data/read/strict_json.ts";
import { parseStudyConfig, STUDY_CONFIG_KEYS } from "../../../lib/gravity/config/study.ts";
import { oneLine } from "../one_line.ts";

const study = JSON.parse(Deno.readTextFileSync("data/study.config.json"));
const importText = Deno.readTextFileSync("data/import.config.json");
const ALLOWED_TOP =
  "title, dataDir, paperDir, reporter, partners, years, dependent, terms, cbec, se, potential, choices, " +
  "sensitivity, uncertainty, benchmark, forecast, structural, frontier, counterfactual";

Deno.test("the shipped configs pass the strict checks", async () => {
  for (const f of ["data/study.config.json", "data/study.eq1.config.json"]) {
    parseStudyConfig(parseStrictJson(await Deno.readTextFile(f), f), f);
  }
  parseStudyConfig(
    parseStrictJson(
      await Deno.readTextFile("tests/fixtures/gravity/study.config.json"),
      "fixture",
    ),
    "fixture",
  );
  const cfg = parseImportConfig(importText, "data/import.config.json");
  assert.equal(cfg.reporter, "CHN");
  parseImportConfig(
    await Deno.readTextFile("tests/fixtures/data/import.config.json"),
    "fixture",
  );
});

Deno.test("nearestKey: case, typos, and nothing when far", () => {
  assert.equal(nearestKey("Partners", ["partners", "reporter"]), "partners");
  assert.equal(nearestKey("partnrs", ["partners", "reporter"]), "partners");
  assert.equal(nearestKey("yaers", ["years", "title"]), "years");
  assert.equal(nearestKey("completely_else", ["years", "title"]), undefined);
});

Deno.test("study config: unknown key at any depth, with the allowed keys and a suggestion", () => {
  oneLine(
    () => parseStudyConfig({ ...study, partnrs: ["KAZ"] }, "s.json"),
    `s.json: unknown key "partnrs" in the top level (allowed: ${ALLOWED_TOP}); ` +
      'did you mean "partners"?',
  );
  oneLine(
    () => parseStudyConfig({ ...study, years: { from: 2015, too: 2022 } }, "s.json"),
    's.json: unknown key "too" in "years" (allowed: from, to); did you mean "to"?',
  );
  const terms = structuredClone(study.terms);
  terms[2].formaton = "partner";
  oneLine(
    () => parseStudyConfig({ ...study, terms }, "s.json"),
    's.json: unknown key "formaton" in "terms[2]" (allowed: name, variable, formation, log, ' +
      'note); did you mean "formation"?',
  );
  oneLine(
    () =>
      parseStudyConfig({
        ...study,
        potential: { thresholds: { huge: 0.8, remodeling: 1.2 } },
      }, "s.json"),
    /^s\.json: unknown key "remodeling" in "potential\.thresholds" \(allowed: huge, remodelling\); did you mean "remodelling"\?$/,
  );
  oneLine(
    () => parseStudyConfig({ ...study, zzz: 1 }, "s.json"),
    `s.json: unknown key "zzz" in the top level (allowed: ${ALLOWED_TOP})`,
  );
});

Deno.test("study config: a partner or CBEC indicator named twice", () => {
  oneLine(
    () => parseStudyConfig({ ...study, partners: ["KAZ", "KGZ", "KAZ"] }, "s.json"),
    's.json: "KAZ" appears twice in "partners"',
  );
  oneLine(
    () =>
      parseStudyConfig({
        ...study,
        cbec: { ...study.cbec, indicators: ["rnd", "broadband", "rnd"] },
      }, "s.json"),
    's.json: "rnd" appears twice in "cbec.indicators"',
  );
});

Deno.test("a key written twice in one object (JSON.parse would keep the last) is refused", () => {
  oneLine(
    () => parseStrictJson('{\n  "years": {\n    "from": 2015,\n    "from": 2016\n  }\n}', "s.json"),
    's.json: "from" appears twice in the keys of "years" (line 4)',
  );
  oneLine(
    () => parseStrictJson('{"a": [{"b": 1, "c": 2, "b": 3}]}', "s.json"),
    's.json: "b" appears twice in the keys of "a[0]" (line 1)',
  );
  oneLine(
    () => parseStrictJson('{"partners": [], "partners": ["KAZ"]}', "s.json"),
    's.json: "partners" appears twice in the top-level keys (line 1)',
  );
  oneLine(() => parseStrictJson("{,}", "s.json"), /^s\.json: not valid JSON \(/);
  assert.deepEqual(parseStrictJson('{"a": {"a": 1}}', "s.json"), { a: { a: 1 } });
});

Deno.test("import config: unknown keys, a country named twice, a year key twice", () => {
  const cfg = JSON.parse(importText);
  const bad = (patch: (c: Record<string, unknown>) => void) => {
    const c = structuredClone(cfg);
    patch(c);
    return JSON.stringify(c);
  };
  oneLine(
    () => parseImportConfig(bad((c) => (c.countires = [])), "i.json"),
    /^i\.json: unknown key "countires" in the top level \(allowed: reporter, countries, .*\); did you mean "countries"\?$/,
  );
  oneLine(
    () =>
      parseImportConfig(
        bad((c) => ((c.sources as { layot?: string }[])[3].layot = "ddf")),
        "i.json",
      ),
    /^i\.json: unknown key "layot" in "sources\[3\]" \(allowed: variable, file, layout, .*\); did you mean "layout"\?$/,
  );
  oneLine(
    () => parseImportConfig(bad((c) => (c.countries as string[]).push("KAZ")), "i.json"),
    'i.json: "KAZ" appears twice in "countries"',
  );
  oneLine(
    () =>
      parseImportConfig(importText.replace('"from": 2010', '"from": 2010, "from": 2011'), "i.json"),
    /^i\.json: "from" appears twice in the keys of "years" \(line \d+\)$/,
  );
});

Deno.test("assertKnownKeys leaves free maps alone and assertNoRepeats compares trimmed text", () => {
  assertKnownKeys("c.json", { m: { anything: 1 } }, { m: "any" });
  // the study config's keys, composed of its parts' keys, describe the whole shipped config
  assertKnownKeys("s.json", study, STUDY_CONFIG_KEYS);
  oneLine(() => assertNoRepeats("c.json", ["KAZ", " KAZ"], '"partners"'), /"KAZ" appears twice/);
  oneLine(
    () => assertNoRepeats("c.json", [2015, 2015], '"years"'),
    'c.json: "2015" appears twice in "years"',
  );
});
