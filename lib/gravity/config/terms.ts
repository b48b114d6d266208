/**
 * The `terms` of a study config: the regressors of the paper's equation (2), each a panel
 * variable formed for a pair (product, partner, reporter, ratio, bilateral, sum, difference),
 * in logs or not.
 * @module
 */
import { assertNoRepeats } from "../../data/read/strict_json.ts";
import { CBEC_INDEX, type Formation, type TermSpec } from "../types.ts";
import type { ConfigField, ConfigKeys } from "./fields.ts";

/** How a term can be formed from the reporter's and the partner's values. */
export const FORMATIONS: readonly Formation[] = [
  "product",
  "partner",
  "reporter",
  "ratio",
  "bilateral",
  "sum",
  "difference",
];

/** The keys of one term (name, variable and formation are required; log defaults to true). */
export const TERM_KEYS: ConfigKeys = {
  "name!": "any",
  "variable!": "any",
  "formation!": "any",
  log: "any",
  note: "any",
};

/** One term, its log consistent with its formation and variable. */
function parseTerm(item: ConfigField): TermSpec {
  const s = item.section(TERM_KEYS);
  const formation = s.get("formation").oneOf(FORMATIONS);
  const log = s.get("log").bool(true);
  const variable = s.get("variable").str();
  if (variable === CBEC_INDEX && log) {
    s.fail(`${s.where}: the CBEC composite can be negative, so "log" must be false`);
  }
  if (!log && (formation === "product" || formation === "ratio")) {
    s.fail(`${s.where}: formation "${formation}" needs "log": true`);
  }
  if (log && (formation === "sum" || formation === "difference")) {
    s.fail(`${s.where}: formation "${formation}" needs "log": false`);
  }
  const note = s.get("note").text();
  return {
    name: s.get("name").str(),
    variable,
    formation,
    log,
    ...(note === undefined ? {} : { note }),
  };
}

/**
 * Check the `terms` list of a study config: a non-empty list of terms, no name twice, one-line
 * errors naming the file and the term (`FILE: "terms[2]" has no "formation" (it is required)`).
 *
 * @example
 * ```ts
 * parseTermSpecs(new ConfigField("c.json", ["terms"], [
 *   { name: "ln_gdp", variable: "gdp", formation: "product" },
 * ]))[0].log; // true
 * ```
 */
export function parseTermSpecs(field: ConfigField): TermSpec[] {
  const terms = field.list().map(parseTerm);
  assertNoRepeats(field.file, terms.map((t) => t.name), `the names of ${field.where}`);
  return terms;
}
