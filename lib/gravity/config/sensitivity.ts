/**
 * The `sensitivity` section of a study config: the same equation on other dependent variables.
 * @module
 */
import { assertKnownKeys } from "../../data/read/strict_json.ts";
import { fail, isObject, str } from "./fields.ts";

/** The `sensitivity` section: the same equation on each listed dependent variable. */
export interface SensitivityConfig {
  variants: { label: string; dependent: string; note?: string }[];
}

/**
 * Check the `sensitivity` section (one-line errors naming the file and the field).
 *
 * @example
 * ```ts
 * parseSensitivity("cfg.json", { variants: [{ label: "mirror", dependent: "trade_fill" }] });
 * ```
 */
export function parseSensitivity(file: string, v: unknown): SensitivityConfig {
  if (!isObject(v) || !Array.isArray(v.variants) || v.variants.length === 0) {
    fail(file, '"sensitivity" must be {"variants": [{"label": ..., "dependent": ...}, ...]}');
  }
  assertKnownKeys(file, v, { variants: "any" }, ["sensitivity"]);
  return {
    variants: v.variants.map((x: unknown, i: number) => {
      if (!isObject(x)) fail(file, `sensitivity.variants[${i}] must be an object`);
      assertKnownKeys(file, x, { label: "any", dependent: "any", note: "any" }, [
        "sensitivity",
        "variants",
        i,
      ]);
      return {
        label: str(file, `sensitivity.variants[${i}].label`, x.label),
        dependent: str(file, `sensitivity.variants[${i}].dependent`, x.dependent),
        ...(typeof x.note === "string" ? { note: x.note } : {}),
      };
    }),
  };
}
