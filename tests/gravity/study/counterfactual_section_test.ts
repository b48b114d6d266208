/**
 * The counterfactual section in the study run (lib/gravity/study/run.ts): solved on the given
 * baseline world with the structural fit's coefficients, or taken as given (the loader's cached
 * solution); absent without a world; not computed, with a warning, without a world PPML; its
 * headline among the findings, in words and with its numbers.
 */
import assert from "node:assert/strict";
import { STRUCTURAL_DEFAULTS } from "../../../lib/gravity/config/structural.ts";
import { runGravityStudy } from "../../../lib/gravity/study/run.ts";
import { counterfactualHeadline } from "../../../lib/gravity/study/findings.ts";
import { syntheticStudy } from "../../../lib/gravity/synthetic/study.ts";
import { runCounterfactual } from "../../../lib/gravity/world/counterfactual.ts";
import { handStructural } from "../render/hand_results.ts";
import { handBaseline, handCounterfactualConfig } from "../world/ge_fixture.ts";

function setup() {
  const { config, panel } = syntheticStudy({ spread: 0 });
  const cf = handCounterfactualConfig();
  return {
    config: { ...config, structural: STRUCTURAL_DEFAULTS, counterfactual: cf },
    plain: config,
    panel,
    cf,
    baseline: handBaseline(config.reporter, config.partners, ["XXX", "YYY"]),
  };
}

Deno.test("study: the counterfactual section is solved on the baseline world with the structural fit's coefficients", () => {
  const { config, panel, cf, baseline } = setup();
  const structural = handStructural();
  const r = runGravityStudy(config, panel, { geBaseline: baseline, structural });
  const c = r.counterfactual!;
  assert.ok(c.ok);
  assert.deepEqual(
    c.coefficients.map((x) => [x.term, x.estimate]),
    [["ln_dist", -0.875], ["contig", 0.5]],
  );
  assert.deepEqual(
    JSON.parse(JSON.stringify(c)),
    JSON.parse(JSON.stringify(runCounterfactual(baseline, cf, structural.coefficients))),
  );
  assert.deepEqual(c.scenarios.map((s) => s.ok), [false, true, true]);
  // the corridor's partial effect is the distance coefficient times ln 0.8
  assert.ok(c.scenarios[1].pairs.every((p) => p.partial === -0.875 * Math.log(0.8)));
  assert.equal(r.warnings.filter((w) => w.startsWith("counterfactual")).length, 0);
  // the headline: the trade with the partners, each study country's welfare, the rta not computed
  const h = r.findings.sections.find((s) => s.section === "counterfactual")!.headline;
  assert.equal(h, counterfactualHeadline(r)!.headline);
  assert.ok(r.findings.sentences.includes(h));
  const corridor = c.scenarios[1];
  const pct = (v: number) => `${v >= 0 ? "+" : ""}${v.toFixed(1)}%`;
  assert.ok(
    h.includes(
      `corridor: ${config.reporter}'s trade with the partners ` +
        `${pct(corridor.total!.counterfactualChange!)} (partial equilibrium ` +
        `${pct(corridor.total!.partialChange!)})`,
    ),
    h,
  );
  for (const country of [config.reporter, ...config.partners]) {
    const w = corridor.result!.countries.find((x) => x.country === country)!.welfare;
    const v = (w - 1) * 100;
    assert.ok(h.includes(`${country} ${v >= 0 ? "+" : ""}${v.toFixed(3)}%`), country);
  }
  assert.ok(h.includes("fta: not computed (no estimated rta effect in the world PPML)"));
  assert.ok(
    h.includes("domestic sales are GDP minus exports, a flagged rule; 2 countries left out"),
  );
});

Deno.test("study: a solution given (the loader's cache) is used as it is; no world, no section; no key without the config section", () => {
  const { config, plain, panel, cf, baseline } = setup();
  const given = runCounterfactual(baseline, cf, handStructural().coefficients);
  const r = runGravityStudy(config, panel, { counterfactual: given, structural: handStructural() });
  assert.equal(r.counterfactual, given);
  assert.deepEqual(r.warnings.filter((w) => w.startsWith("counterfactual")), []);
  // each note of a solved scenario (e.g. the solver's) becomes a warning naming the scenario
  const noted = {
    ...given,
    scenarios: given.scenarios.map((s) =>
      s.result ? { ...s, result: { ...s.result, notes: [`${s.scenario.name} note`] } } : s
    ),
  };
  assert.deepEqual(
    runGravityStudy(config, panel, { counterfactual: noted, structural: handStructural() })
      .warnings.filter((w) => w.startsWith("counterfactual")),
    ["counterfactual corridor: corridor note", "counterfactual overland: overland note"],
  );
  assert.equal(runGravityStudy(config, panel).counterfactual, null);
  assert.equal("counterfactual" in runGravityStudy(plain, panel), false);
  assert.equal(
    runGravityStudy({ ...config, counterfactual: { ...cf, enabled: false } }, panel, {
      geBaseline: baseline,
      structural: handStructural(),
    }).counterfactual,
    null,
  );
});

Deno.test("study: without a fitted world PPML the section is not computed, says why, and warns", () => {
  const { config, panel, baseline } = setup();
  const r = runGravityStudy(config, panel, {
    geBaseline: baseline,
    structural: handStructural(false),
  });
  assert.equal(r.counterfactual!.ok, false);
  assert.match(
    r.counterfactual!.reason!,
    /no world PPML to take the trade costs from \(no world matrix\)/,
  );
  assert.ok(r.warnings.some((w) => /^counterfactual: no world PPML/.test(w)));
  assert.match(
    counterfactualHeadline(r)!.headline,
    /^Counterfactuals: not computed \(no world PPML/,
  );
  // no structural section at all: the same, and it says so
  const none = runGravityStudy({ ...config, structural: null }, panel, { geBaseline: baseline });
  assert.equal(none.structural, null);
  assert.equal(none.counterfactual!.ok, false);
  assert.deepEqual(none.warnings.filter((w) => w.startsWith("counterfactual")), [
    `counterfactual: ${none.counterfactual!.reason}`,
  ]);
  assert.match(none.counterfactual!.reason!, /\(the structural section was not fitted\)/);
});
