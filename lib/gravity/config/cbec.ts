/**
 * The `cbec` block of a study config: the indicators of the CBEC development index (a PCA
 * composite), which components are retained, and the sample of the PCA.
 * @module
 */
import type { Retention } from "../types.ts";
import type { ConfigField, ConfigKeys, ConfigSection } from "./fields.ts";

/** The `cbec` block of a study config. */
export interface CbecConfig {
  indicators: string[];
  retention: Retention;
  /** Include the reporter's own country-years in the PCA sample (default false: partners only). */
  includeReporter: boolean;
  /**
   * Drop (and list) indicators present in fewer than this share of the PCA sample before the
   * listwise PCA (default 0: keep every indicator, as the paper lists them).
   */
  minCoverage: number;
}

/** The keys of `cbec.retention` (the share only for the "cumulative" rule). */
const RETENTION_KEYS: ConfigKeys = { "rule!": "any", share: "any" };

/** The keys of the `cbec` block (indicators are required). */
export const CBEC_KEYS: ConfigKeys = {
  "indicators!": "any",
  retention: RETENTION_KEYS,
  includeReporter: "any",
  minCoverage: "any",
};

/** The retention rule (absent: Kaiser's, eigenvalue > 1). */
function parseRetention(field: ConfigField): Retention {
  if (field.absent) return { rule: "kaiser" };
  const s: ConfigSection = field.section(RETENTION_KEYS);
  const rule = s.get("rule").oneOf(["kaiser", "first", "cumulative"] as const);
  if (rule !== "cumulative") return { rule };
  return { rule, share: s.get("share").num(undefined, { gt: 0, le: 1 }) };
}

/**
 * Check the `cbec` block of a study config and fill its defaults (one-line errors naming the
 * file and the field, e.g. `FILE: "cbec.minCoverage" must be in [0, 1], not 1.5`).
 *
 * @example
 * ```ts
 * parseCbecConfig(new ConfigField("c.json", ["cbec"], { indicators: ["rnd"] })).retention;
 * // { rule: "kaiser" }
 * ```
 */
export function parseCbecConfig(field: ConfigField): CbecConfig {
  const s = field.section(CBEC_KEYS);
  return {
    indicators: s.get("indicators").strList(),
    retention: parseRetention(s.get("retention")),
    includeReporter: s.get("includeReporter").bool(false),
    minCoverage: s.get("minCoverage").num(0, { ge: 0, le: 1 }),
  };
}
