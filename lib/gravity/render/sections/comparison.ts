/**
 * The comparison with the paper: sign and class agreement, where ours differ, and the sentences
 * on why the results differ, as text or markdown lines.
 * @module
 */
import { describeDisagreement } from "../../study/paper.ts";
import type { StudyResult } from "../../study/types.ts";

/**
 * The comparison with the paper as sentences, without heading or indent: the sign and class
 * agreement and where ours differ ("(paper tables not loaded)" without the paper).
 *
 * @example
 * ```ts
 * comparisonSentences(result)[0]; // "Sign agreement: 5 of 8 coefficients compared."
 * ```
 */
export function comparisonSentences(r: StudyResult): string[] {
  const cmp = r.paper?.comparison;
  if (!cmp) return ["(paper tables not loaded)"];
  return [
    `Sign agreement: ${cmp.signAgreement.agree} of ${cmp.signAgreement.compared} ` +
    `coefficients compared.`,
    `Class agreement: ${cmp.classAgreement.agree} of ${cmp.classAgreement.compared} ` +
    `country-years compared (the paper has ${
      r.paper!.table3.filter((p) => p.k !== null).length
    } K values).`,
    ...describeDisagreement(cmp),
  ];
}

/**
 * The comparison lines: sign agreement, class agreement, and why results differ.
 *
 * @example
 * ```ts
 * formatComparison(result).join("\n");
 * ```
 */
export function formatComparison(r: StudyResult, markdown = false): string[] {
  return [
    markdown ? "**Comparison with the paper**\n" : "Comparison with the paper",
    ...comparisonSentences(r).map((l) => `  ${l}`),
    markdown ? "\n**Why they differ**\n" : "Why they differ",
    ...r.differences.map((d) => `  - ${d}`),
  ];
}
