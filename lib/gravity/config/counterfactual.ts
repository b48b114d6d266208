/**
 * The `counterfactual` section of a study config: general-equilibrium scenarios on the world
 * matrix (lib/ge's exact method on IMF DOTS flows of one year), each a change of one term of the
 * world PPML (the structural section's fit) on the pairs it names, with its assumptions in words;
 * the trade elasticity, the deficits rule, the numeraire and the rule that builds the domestic
 * flows DOTS does not have.
 * @module
 */
import type { Deficits } from "../../ge/types.ts";
import { type ConfigField, type ConfigKeys, configSection } from "./fields.ts";

/** Which directed pairs a scenario changes: reporter <-> each partner, among the partners, or both. */
export const SCENARIO_PAIRS = ["reporter-partners", "partners", "all"] as const;
/** The pair sets of {@link SCENARIO_PAIRS}. */
export type ScenarioPairs = typeof SCENARIO_PAIRS[number];

/**
 * Terms a scenario may change: `ln_dist` and `contig` are the world PPML's regressors; `rta` is
 * accepted so that a free-trade scenario can be stated, but the world data (CEPII GeoDist) have
 * no RTA indicator, so the study reports that it has no estimated effect instead of using one.
 */
export const SCENARIO_TERMS = ["ln_dist", "contig", "rta"] as const;
/** The terms of {@link SCENARIO_TERMS}. */
export type ScenarioTerm = typeof SCENARIO_TERMS[number];

/** Rules for the domestic flows (the diagonal) DOTS does not have. */
export const DOMESTIC_RULES = ["gdp-minus-exports"] as const;

/** One scenario: a term of the world PPML set (or the distance scaled) on a set of pairs. */
export interface CounterfactualScenario {
  /** Short name (unique within the section; letters, digits, _ and -): tables, file names. */
  name: string;
  /** One line saying what the scenario is. */
  title: string;
  pairs: ScenarioPairs;
  term: ScenarioTerm;
  /** The term's counterfactual value on the pairs (e.g. contig 1, rta 1). */
  set?: number;
  /** For `ln_dist`: the distance multiplied by this factor on the pairs (ln_dist + ln(factor)). */
  distanceFactor?: number;
  /** The scenario's assumptions in words (printed with its results). */
  assumptions: string;
}

/** The `counterfactual` section of a study config. */
export interface CounterfactualConfig {
  enabled: boolean;
  /** Year of the baseline world matrix (within the structural section's years). */
  year: number;
  /** Trade elasticity theta (config `theta`, or `sigma` - 1). */
  theta: number;
  deficits: Deficits;
  /** Country whose consumer price index is the numeraire (the reporter or a partner), or null. */
  reference: string | null;
  domestic: typeof DOMESTIC_RULES[number];
  scenarios: CounterfactualScenario[];
}

/** Defaults of the counterfactual section (the scenarios have none: they are the section). */
export const COUNTERFACTUAL_DEFAULTS = {
  enabled: true,
  /** ge_gravity's documented example uses 4 (SOURCES.md section 14). */
  theta: 4,
  deficits: "additive" as Deficits,
  domestic: "gdp-minus-exports" as const,
};

/** The keys of the `counterfactual` section (an unknown key is refused, the nearest suggested). */
export const COUNTERFACTUAL_KEYS: ConfigKeys = {
  enabled: "any",
  year: "any",
  theta: "any",
  sigma: "any",
  deficits: "any",
  reference: "any",
  domestic: "any",
  "scenarios!": "any",
};

/** The keys of one scenario. */
const SCENARIO_KEYS: ConfigKeys = {
  "name!": "any",
  "title!": "any",
  pairs: "any",
  "term!": "any",
  set: "any",
  distanceFactor: "any",
  "assumptions!": "any",
};

/** What the section is checked against: the study's countries and the structural section. */
export interface CounterfactualContext {
  reporter: string;
  partners: string[];
  /** Years of the structural section when it is enabled (its PPML gives the trade costs), else null. */
  structuralYears: { from: number; to: number } | null;
}

/**
 * Check the `counterfactual` section (null when absent or null), with one-line errors: an
 * unknown key (the nearest suggested), theta <= 0 or sigma <= 1 (or both given), a reference that
 * is not the reporter or a partner, a year outside the structural section's, a scenario with
 * neither or both of `set` and `distanceFactor`, a name given twice.
 *
 * @example
 * ```ts
 * parseCounterfactualConfig({
 *   year: 2019, sigma: 5,
 *   scenarios: [{ name: "corridor", title: "A corridor", term: "ln_dist", distanceFactor: 0.8,
 *     assumptions: "..." }],
 * }, "c.json", { reporter: "CHN", partners: ["KAZ"], structuralYears: { from: 2010, to: 2020 } })
 *   ?.theta; // 4
 * ```
 */
export function parseCounterfactualConfig(
  raw: unknown,
  file: string,
  context: CounterfactualContext,
): CounterfactualConfig | null {
  if (raw === undefined || raw === null) return null;
  const s = configSection(file, raw, ["counterfactual"], COUNTERFACTUAL_KEYS);
  const d = COUNTERFACTUAL_DEFAULTS;
  const enabled = s.get("enabled").bool(d.enabled);
  const span = context.structuralYears;
  if (enabled && !span) {
    s.fail(
      `"counterfactual" needs the "structural" section enabled (its world PPML gives the trade ` +
        `costs); add it or set "counterfactual.enabled" to false`,
    );
  }
  const year = s.get("year").year(span?.to);
  if (span && (year < span.from || year > span.to)) {
    s.fail(
      `${s.get("year").where} (${year}) is outside the structural section's years ` +
        `${span.from}-${span.to} (its PPML gives the trade costs)`,
    );
  }
  const theta = s.get("theta"), sigma = s.get("sigma");
  if (!theta.absent && !sigma.absent) {
    s.fail(`give ${theta.where} or ${sigma.where}, not both (theta = sigma - 1)`);
  }
  const ref = s.get("reference");
  const names = new Set<string>();
  return {
    enabled,
    year,
    theta: sigma.absent ? theta.num(d.theta, { gt: 0 }) : sigma.num(undefined, { gt: 1 }) - 1,
    deficits: s.get("deficits").oneOf(["additive", "multiplicative"], d.deficits),
    reference: ref.absent || ref.value === null
      ? null
      : ref.oneOf([context.reporter, ...context.partners]),
    domestic: s.get("domestic").oneOf(DOMESTIC_RULES, d.domestic),
    scenarios: s.get("scenarios").list().map((item) => {
      const sc = scenarioEntry(item);
      if (names.has(sc.name)) item.fail(`scenario name "${sc.name}" appears twice in "scenarios"`);
      names.add(sc.name);
      return sc;
    }),
  };
}

/** One scenario entry: exactly one of `set` and `distanceFactor` (the latter for ln_dist only). */
function scenarioEntry(item: ConfigField): CounterfactualScenario {
  const s = item.section(SCENARIO_KEYS);
  const term = s.get("term").oneOf(SCENARIO_TERMS);
  const set = s.get("set"), factor = s.get("distanceFactor");
  if (set.absent === factor.absent) {
    s.fail(`${s.where} needs exactly one of "set" (the term's new value) and "distanceFactor"`);
  }
  if (!factor.absent && term !== "ln_dist") {
    s.fail(`${factor.where} applies to the term ln_dist only (this scenario's term is ${term})`);
  }
  const name = s.get("name").str();
  if (!/^[A-Za-z0-9_-]+$/.test(name)) {
    s.get("name").mustBe(`letters, digits, "_" or "-" (it names files), not "${name}"`);
  }
  return {
    name,
    title: s.get("title").str(),
    pairs: s.get("pairs").oneOf(SCENARIO_PAIRS, "reporter-partners"),
    term,
    ...(set.absent ? {} : { set: set.num() }),
    ...(factor.absent ? {} : { distanceFactor: factor.num(undefined, { gt: 0 }) }),
    assumptions: s.get("assumptions").str(),
  };
}
