/**
 * The `structural` section of a study config: the structural K on the world matrix.
 * @module
 */
import { InputError } from "../../errors.ts";

/** The `structural` section of a study config. */
export interface StructuralConfig {
  enabled: boolean;
  years: { from: number; to: number };
  /** CEPII distance of ln_dist (default "dist"). */
  distance: "dist" | "distcap" | "distw";
}

/** Defaults of the structural section. */
export const STRUCTURAL_DEFAULTS: StructuralConfig = {
  enabled: true,
  years: { from: 2010, to: 2020 },
  distance: "dist",
};

/**
 * Check the `structural` section (null when absent), one-line errors.
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
  const fail = (m: string): never => {
    throw new InputError(`${file}: ${m}`);
  };
  if (typeof raw !== "object" || Array.isArray(raw)) fail('"structural" must be an object');
  const o = raw as Record<string, unknown>;
  const known = Object.keys(STRUCTURAL_DEFAULTS);
  for (const k of Object.keys(o)) {
    if (!known.includes(k)) fail(`"structural.${k}" is not a known field (${known.join(", ")})`);
  }
  const y = (o.years ?? STRUCTURAL_DEFAULTS.years) as Record<string, unknown>;
  if (
    typeof y !== "object" || !Number.isInteger(y.from) || !Number.isInteger(y.to) ||
    (y.from as number) > (y.to as number)
  ) fail('"structural.years" must be {"from": year, "to": year} with from <= to');
  if (o.enabled !== undefined && typeof o.enabled !== "boolean") {
    fail('"structural.enabled" must be true or false');
  }
  const distance = (o.distance ?? "dist") as StructuralConfig["distance"];
  if (!["dist", "distcap", "distw"].includes(distance)) {
    fail(`"structural.distance" "${distance}" is not dist, distcap or distw`);
  }
  return {
    enabled: (o.enabled as boolean | undefined) ?? true,
    years: { from: y.from as number, to: y.to as number },
    distance,
  };
}
