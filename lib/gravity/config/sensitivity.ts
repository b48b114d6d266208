/**
 * The `sensitivity` section of a study config: the same equation on other dependent variables.
 * @module
 */
import { type ConfigKeys, configSection } from "./fields.ts";

/** The `sensitivity` section: the same equation on each listed dependent variable. */
export interface SensitivityConfig {
  variants: { label: string; dependent: string; note?: string }[];
}

/** The keys of one sensitivity variant (label and dependent are required). */
const VARIANT_KEYS: ConfigKeys = { "label!": "any", "dependent!": "any", note: "any" };

/** The keys of the `sensitivity` section (an unknown key is refused, the nearest suggested). */
export const SENSITIVITY_KEYS: ConfigKeys = { "variants!": [VARIANT_KEYS] };

/**
 * Check the `sensitivity` section (one-line errors naming the file and the field).
 *
 * @example
 * ```ts
 * parseSensitivity({ variants: [{ label: "mirror", dependent: "trade_fill" }] }, "cfg.json");
 * ```
 */
export function parseSensitivity(raw: unknown, file = "study config"): SensitivityConfig {
  const s = configSection(file, raw, ["sensitivity"], SENSITIVITY_KEYS);
  return {
    variants: s.get("variants").list().map((item) => {
      const v = item.section(VARIANT_KEYS);
      const note = v.get("note").text();
      return {
        label: v.get("label").str(),
        dependent: v.get("dependent").str(),
        ...(note === undefined ? {} : { note }),
      };
    }),
  };
}
