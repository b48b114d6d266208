/**
 * lib/gravity/render/sections/comparison.ts on the hand-built result of hand_results.ts: the comparison
 * lines (agreement counts, disagreements, why they differ) in text and markdown. Expected strings
 * are written from the fixture's inputs.
 */
import assert from "node:assert/strict";
import { formatComparison } from "../../../../lib/gravity/render/sections/comparison.ts";
import { handStudy, withPaper } from "../hand_results.ts";

Deno.test("formatComparison: agreement counts, disagreements, why they differ; markdown headings", () => {
  const r = withPaper(handStudy());
  assert.deepEqual(formatComparison(r), [
    "Comparison with the paper",
    "  Sign agreement: 1 of 2 coefficients compared.",
    "  Class agreement: 1 of 2 country-years compared (the paper has 2 K values).",
    "  Signs differ from the paper for 1 of 2 coefficients: _cons (ours -2.500, paper 2.000).",
    "  Classes differ from the paper in 1 of 2 country-years: AAA 2020 (ours remodelling K " +
    "1.250, paper expanding K 1.300).",
    "Why they differ",
    "  - difference one",
    "  - difference & two",
  ]);
  const m = formatComparison(r, true);
  assert.equal(m[0], "**Comparison with the paper**\n");
  assert.equal(m[5], "\n**Why they differ**\n");
  r.paper = null;
  assert.deepEqual(formatComparison(r), [
    "Comparison with the paper",
    "  (paper tables not loaded)",
    "Why they differ",
    "  - difference one",
    "  - difference & two",
  ]);
});
