/**
 * The `potential` block of a study config: how the trade potential K is defined and the
 * thresholds of its classes.
 * @module
 */
import type { KDefinition } from "../types.ts";
import type { ConfigField, ConfigKeys } from "./fields.ts";

/** The `potential` block of a study config. */
export interface PotentialConfig {
  /**
   * The one K definition of every K the study reports (in sample, benchmark log-OLS and PPML,
   * structural, scenario; lib/gravity/potential/definition.ts says how it applies to each).
   */
  definition: KDefinition;
  /** K <= huge: huge potential; K >= remodelling: re-modelling; between: expanding. */
  thresholds: { huge: number; remodelling: number };
}

/** The definitions of K. */
export const K_DEFINITIONS: readonly KDefinition[] = ["level", "smearing", "log-ratio"];

/** The keys of `potential.thresholds`. */
const THRESHOLD_KEYS: ConfigKeys = { huge: "any", remodelling: "any" };

/** The keys of the `potential` block. */
export const POTENTIAL_KEYS: ConfigKeys = { definition: "any", thresholds: THRESHOLD_KEYS };

/** The defaults of the `potential` block: K = actual / predicted, classes at 0.8 and 1.2. */
export const POTENTIAL_DEFAULTS: PotentialConfig = {
  definition: "level",
  thresholds: { huge: 0.8, remodelling: 1.2 },
};

/**
 * Check the `potential` block (absent: every default), one-line errors naming the file and the
 * field (`FILE: "potential.thresholds.huge" (1.3) must be below "remodelling" (1.2)`).
 *
 * @example
 * ```ts
 * parsePotentialConfig(new ConfigField("c.json", ["potential"], { definition: "smearing" }))
 *   .thresholds; // { huge: 0.8, remodelling: 1.2 }
 * ```
 */
export function parsePotentialConfig(field: ConfigField): PotentialConfig {
  const d = POTENTIAL_DEFAULTS;
  const s = field.optionalSection(POTENTIAL_KEYS);
  const definition = s.get("definition").oneOf(K_DEFINITIONS, d.definition);
  const t = s.get("thresholds").optionalSection(THRESHOLD_KEYS);
  const huge = t.get("huge").num(d.thresholds.huge);
  const remodelling = t.get("remodelling").num(d.thresholds.remodelling);
  if (huge >= remodelling) {
    t.fail(`${t.get("huge").where} (${huge}) must be below "remodelling" (${remodelling})`);
  }
  return { definition, thresholds: { huge, remodelling } };
}
