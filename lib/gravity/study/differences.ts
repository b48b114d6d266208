/**
 * "Why our results differ from the paper's": short honest sentences on the data, the model, the
 * proxies, a regression that cannot be estimated and the definition of K.
 * @module
 */
import type { GravityPanel } from "../types.ts";
import type { StudyResult } from "./types.ts";

/**
 * The sentences on why the study's results differ from the paper's, read from the finished
 * result (all but `differences`) and the panel's variable dictionary.
 *
 * @example
 * ```ts
 * explainDifferences(result, panel)[0]; // "Data: the paper's dependent variable (...) has no ..."
 * ```
 */
export function explainDifferences(
  r: Omit<StudyResult, "findings">,
  panel: GravityPanel,
): string[] {
  const out: string[] = [];
  const dep = panel.variables.find((v) => v.name === r.config.dependent.variable);
  const depProxy = dep?.proxy ? " (a PROXY)" : "";
  out.push(
    `Data: the paper's dependent variable (China's CBEC trade with each country) has no named ` +
      `source; we use ${r.config.dependent.variable}${depProxy}, present for ` +
      `${r.data.withDependent} of ${r.data.partnerYears} partner-years, against the paper's ` +
      `unpublished, interpolated panel.`,
  );
  out.push(...modelDifference(r));
  const proxies = r.data.coverage.filter((c) => c.proxy).map((c) => `${c.variable} (${c.role})`);
  if (proxies.length) out.push(`Proxies: ${proxies.join(", ")} stand in for missing series.`);
  if (!r.regression.estimable) {
    out.push(
      `No regression: ${r.regression.nComplete} complete country-years for ` +
        `${r.regression.kCoefficients} coefficients, so no Table 2 or Table 3 of ours; the ` +
        `paper's N is not reported.`,
    );
  }
  const negative = r.paper?.table3.filter((p) => p.k !== null && p.k < 0).length ?? 0;
  if (negative) {
    out.push(
      `Definition: ${negative} of the paper's K values are negative, which actual/predicted ` +
        `(two positive volumes) cannot give; only ln(actual)/fitted can, and that ratio depends on ` +
        `the unit of trade. Our default is the level ratio.`,
    );
  }
  return out;
}

/** The Model sentence: the paper's terms this config lacks and those it adds (none if equal). */
function modelDifference(r: Omit<StudyResult, "findings">): string[] {
  if (!r.paper) return [];
  const ours = new Set([...r.config.terms.map((t) => t.name), "_cons"]);
  const absent = r.paper.table2.map((p) => p.term).filter((t) => !ours.has(t));
  const extra = r.config.terms.map((t) => t.name).filter((t) =>
    !r.paper!.table2.some((p) => p.term === t)
  );
  if (!(absent.length || extra.length)) return [];
  return [
    `Model: this config's equation is not the paper's equation (2)` +
    (absent.length ? `; the paper's ${absent.join(", ")} are not in it` : "") +
    (extra.length ? `; ours adds ${extra.join(", ")}` : "") + ".",
  ];
}
