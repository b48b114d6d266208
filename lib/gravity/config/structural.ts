/**
 * The `structural` section of a study config: the structural K on the world matrix.
 * @module
 */
import { CEPII_DISTANCES, type CepiiDistance } from "./benchmark.ts";
import { type ConfigKeys, configSection } from "./fields.ts";

/** The `structural` section of a study config. */
export interface StructuralConfig {
  enabled: boolean;
  years: { from: number; to: number };
  /** CEPII distance of ln_dist (default "dist"). */
  distance: CepiiDistance;
}

/** Defaults of the structural section. */
export const STRUCTURAL_DEFAULTS: StructuralConfig = {
  enabled: true,
  years: { from: 2010, to: 2020 },
  distance: "dist",
};

/** The keys of the `structural` section (an unknown key is refused, the nearest suggested). */
export const STRUCTURAL_KEYS: ConfigKeys = { enabled: "any", years: "any", distance: "any" };

/**
 * Check the `structural` section (null when absent or null), one-line errors.
 *
 * @example
 * ```ts
 * parseStructuralConfig({})?.years.from; // 2010
 * ```
 */
export function parseStructuralConfig(
  raw: unknown,
  file = "study config",
): StructuralConfig | null {
  if (raw === undefined || raw === null) return null;
  const s = configSection(file, raw, ["structural"], STRUCTURAL_KEYS);
  const d = STRUCTURAL_DEFAULTS;
  return {
    enabled: s.get("enabled").bool(d.enabled),
    years: s.get("years").years(d.years),
    distance: s.get("distance").oneOf(CEPII_DISTANCES, d.distance),
  };
}
