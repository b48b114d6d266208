/**
 * The `counterfactual` config section (lib/gravity/config/counterfactual.ts): the defaults, the
 * fields, and every problem as one line naming the file and the field: an unknown key with the
 * nearest suggested, theta <= 0, sigma <= 1, both given, a reference that is not a study country,
 * a year outside the structural section's, a scenario with neither or both changes, a name given
 * twice; and the study config's own section, through parseStudyConfig.
 */
import "../../root.ts";
import assert from "node:assert/strict";
import { InputError } from "../../../lib/errors.ts";
import {
  COUNTERFACTUAL_KEYS,
  type CounterfactualContext,
  parseCounterfactualConfig,
} from "../../../lib/gravity/config/counterfactual.ts";
import { loadStudyConfig, parseStudyConfig } from "../../../lib/gravity/config/study.ts";

const CONTEXT: CounterfactualContext = {
  reporter: "CHN",
  partners: ["KAZ", "UZB"],
  structuralYears: { from: 2010, to: 2020 },
};
const CORRIDOR = {
  name: "corridor",
  title: "A corridor",
  term: "ln_dist",
  distanceFactor: 0.8,
  assumptions: "shorter trips",
};
const parse = (raw: unknown, context = CONTEXT) =>
  parseCounterfactualConfig(raw, "c.json", context);
const err = (raw: unknown, msg: string | RegExp, context = CONTEXT) =>
  assert.throws(() => parse(raw, context), (e: Error) => {
    assert.ok(e instanceof InputError, String(e));
    assert.doesNotMatch(e.message, /\n/);
    if (typeof msg === "string") assert.equal(e.message, `c.json: ${msg}`);
    else assert.match(e.message, msg);
    return true;
  });

Deno.test("counterfactual config: defaults (year = the structural section's last, theta 4, additive, world output), sigma read as theta + 1", () => {
  assert.equal(parse(undefined), null);
  assert.equal(parse(null), null);
  assert.deepEqual(parse({ scenarios: [CORRIDOR] }), {
    enabled: true,
    year: 2020,
    theta: 4,
    deficits: "additive",
    reference: null,
    domestic: "gdp-minus-exports",
    scenarios: [{ ...CORRIDOR, pairs: "reporter-partners" }],
  });
  const c = parse({
    year: 2019,
    sigma: 7,
    deficits: "multiplicative",
    reference: "KAZ",
    scenarios: [
      { name: "o", title: "t", term: "contig", set: 1, pairs: "all", assumptions: "a" },
    ],
  })!;
  assert.equal(c.theta, 6);
  assert.equal(c.year, 2019);
  assert.equal(c.deficits, "multiplicative");
  assert.equal(c.reference, "KAZ");
  assert.deepEqual(c.scenarios[0], {
    name: "o",
    title: "t",
    pairs: "all",
    term: "contig",
    set: 1,
    assumptions: "a",
  });
  // disabled: no structural section needed (then the year has no default)
  const off = parse({ enabled: false, year: 2019, scenarios: [CORRIDOR] }, {
    ...CONTEXT,
    structuralYears: null,
  })!;
  assert.equal(off.enabled, false);
  assert.equal(off.year, 2019);
});

Deno.test("counterfactual config: one-line errors (bad keys with the nearest hint, theta <= 0, sigma <= 1, unknown reference, ...)", () => {
  const allowed = Object.keys(COUNTERFACTUAL_KEYS).map((k) => k.replace("!", "")).join(", ");
  err(
    { thetta: 4, scenarios: [CORRIDOR] },
    `unknown key "thetta" in "counterfactual" (allowed: ${allowed}); did you mean "theta"?`,
  );
  err(
    { scenarios: [{ ...CORRIDOR, distanceFactr: 0.8 }] },
    /unknown key "distanceFactr" in "counterfactual.scenarios\[0\]" .*; did you mean "distanceFactor"\?$/,
  );
  err({}, /"counterfactual" has no "scenarios" \(it is required\)/);
  err({ scenarios: [] }, '"counterfactual.scenarios" must be a non-empty list');
  err({ theta: 0, scenarios: [CORRIDOR] }, '"counterfactual.theta" must be > 0, not 0');
  err({ theta: -2, scenarios: [CORRIDOR] }, '"counterfactual.theta" must be > 0, not -2');
  err({ theta: "4", scenarios: [CORRIDOR] }, '"counterfactual.theta" must be a number');
  err({ sigma: 1, scenarios: [CORRIDOR] }, '"counterfactual.sigma" must be > 1, not 1');
  err(
    { theta: 4, sigma: 5, scenarios: [CORRIDOR] },
    'give "counterfactual.theta" or "counterfactual.sigma", not both (theta = sigma - 1)',
  );
  err(
    { reference: "KAX", scenarios: [CORRIDOR] },
    '"counterfactual.reference" "KAX" is not one of CHN, KAZ, UZB; did you mean "KAZ"?',
  );
  err(
    { reference: "DEU", scenarios: [CORRIDOR] },
    /"counterfactual.reference" "DEU" is not one of CHN, KAZ, UZB/,
  );
  err(
    { deficits: "additve", scenarios: [CORRIDOR] },
    /"counterfactual.deficits" "additve" is not one of additive, multiplicative; did you mean "additive"\?/,
  );
  err(
    { year: 2021, scenarios: [CORRIDOR] },
    `"counterfactual.year" (2021) is outside the structural section's years 2010-2020 (its PPML ` +
      `gives the trade costs)`,
  );
  err(
    { scenarios: [CORRIDOR] },
    /"counterfactual" needs the "structural" section enabled/,
    { ...CONTEXT, structuralYears: null },
  );
  err(
    { scenarios: [{ ...CORRIDOR, term: "rtaa" }] },
    /"counterfactual.scenarios\[0\].term" "rtaa" is not one of ln_dist, contig, rta; did you mean "rta"\?/,
  );
  err(
    { scenarios: [{ ...CORRIDOR, distanceFactor: undefined }] },
    `"counterfactual.scenarios[0]" needs exactly one of "set" (the term's new value) and ` +
      `"distanceFactor"`,
  );
  err(
    { scenarios: [{ ...CORRIDOR, set: 1 }] },
    /needs exactly one of "set" .* and "distanceFactor"/,
  );
  err(
    { scenarios: [{ ...CORRIDOR, term: "contig" }] },
    '"counterfactual.scenarios[0].distanceFactor" applies to the term ln_dist only (this ' +
      "scenario's term is contig)",
  );
  err(
    { scenarios: [{ ...CORRIDOR, distanceFactor: 0 }] },
    '"counterfactual.scenarios[0].distanceFactor" must be > 0, not 0',
  );
  err(
    { scenarios: [CORRIDOR, CORRIDOR] },
    'scenario name "corridor" appears twice in "scenarios"',
  );
  err(
    { scenarios: [{ ...CORRIDOR, name: "a/b" }] },
    `"counterfactual.scenarios[0].name" must be letters, digits, "_" or "-" (it names files), ` +
      `not "a/b"`,
  );
  err(
    { scenarios: [{ ...CORRIDOR, assumptions: "" }] },
    /"counterfactual.scenarios\[0\].assumptions" must be a non-empty string/,
  );
  err(
    { scenarios: [{ ...CORRIDOR, pairs: "partner" }] },
    /"counterfactual.scenarios\[0\].pairs" "partner" is not one of reporter-partners, partners, all; did you mean "partners"\?/,
  );
});

Deno.test("the study config's counterfactual section: its scenarios, each with assumptions in words, through parseStudyConfig", async () => {
  const cfg = await loadStudyConfig("data/study.config.json");
  const c = cfg.counterfactual!;
  assert.ok(c.enabled);
  assert.ok(c.year >= cfg.structural!.years.from && c.year <= cfg.structural!.years.to);
  assert.ok(c.theta > 0);
  assert.ok(c.scenarios.length >= 2);
  for (const s of c.scenarios) assert.ok(s.assumptions.length > 40, s.name);
  // an unknown key inside the section is refused through the study parser, with its place
  const raw = JSON.parse(await Deno.readTextFile("data/study.config.json"));
  raw.counterfactual.refrence = "CHN";
  assert.throws(
    () => parseStudyConfig(raw, "s.json"),
    /^InputError: s\.json: unknown key "refrence" in "counterfactual" .*; did you mean "reference"\?$/,
  );
  // without the structural section the counterfactual cannot run: said at load time
  const noStructural = JSON.parse(await Deno.readTextFile("data/study.config.json"));
  delete noStructural.structural;
  assert.throws(() => parseStudyConfig(noStructural, "s.json"), /needs the "structural" section/);
  // configs without the section have no key at all
  delete noStructural.counterfactual;
  assert.equal("counterfactual" in parseStudyConfig(noStructural, "s.json"), false);
});

Deno.test("counterfactual config: the year's bounds are the structural section's, both ends included; an explicit null reference is none; the domestic rule is read", () => {
  assert.equal(parse({ year: 2010, scenarios: [CORRIDOR] })!.year, 2010);
  assert.equal(parse({ year: 2020, scenarios: [CORRIDOR] })!.year, 2020);
  err(
    { year: 2009, scenarios: [CORRIDOR] },
    `"counterfactual.year" (2009) is outside the structural section's years 2010-2020 (its PPML ` +
      `gives the trade costs)`,
  );
  assert.equal(parse({ reference: null, scenarios: [CORRIDOR] })!.reference, null);
  err(
    { domestic: "output", scenarios: [CORRIDOR] },
    '"counterfactual.domestic" "output" is not one of gdp-minus-exports',
  );
  err(
    { scenarios: [CORRIDOR] },
    `"counterfactual" needs the "structural" section enabled (its world PPML gives the trade ` +
      `costs); add it or set "counterfactual.enabled" to false`,
    { ...CONTEXT, structuralYears: null },
  );
});
