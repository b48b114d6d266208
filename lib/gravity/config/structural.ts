/**
 * The `structural` section of a study config: the structural K on the world matrix, and the rule
 * for which report of each partner's exports to the reporter the structural K trusts.
 * @module
 */
import { CEPII_DISTANCES, type CepiiDistance } from "./benchmark.ts";
import { type ConfigField, type ConfigKeys, configSection, YEAR_SPAN_KEYS } from "./fields.ts";

/**
 * Which report of a partner's exports to the reporter enters the structural model:
 * - "trusted": the partner's own report, except in the `untrusted` partner-years (and where the
 *   partner reports nothing), where the reporter's imports from the partner are used instead;
 * - "partner": the partner's own report everywhere (every flow as its exporter reports it);
 * - "reporter": the reporter's imports from the partner everywhere.
 */
export type PartnerExportsRule = "trusted" | "partner" | "reporter";

/** The rules of `structural.partnerExports`. */
export const PARTNER_EXPORTS_RULES: readonly PartnerExportsRule[] = [
  "trusted",
  "partner",
  "reporter",
];

/** Partner-years whose own export reports the study does not trust, and why. */
export interface UntrustedReports {
  partner: string;
  from: number;
  to: number;
  reason: string;
}

/** The `structural` section of a study config. */
export interface StructuralConfig {
  enabled: boolean;
  years: { from: number; to: number };
  /** CEPII distance of ln_dist (default "dist"). */
  distance: CepiiDistance;
  /** Which report of each partner's exports to the reporter the model uses (default "trusted"). */
  partnerExports: PartnerExportsRule;
  /** The partner reports the "trusted" rule replaces by the reporter's imports. */
  untrusted: UntrustedReports[];
}

/**
 * The partner reports the study rejects (the same rules as the `trade_mirror_usd` rejections of
 * the IMF DOTS workbooks in data/import.config.json; `SOURCES.md` section 6).
 */
export const UNTRUSTED_DEFAULTS: UntrustedReports[] = [
  {
    partner: "UZB",
    from: 2000,
    to: 2015,
    reason: "Uzbekistan-reported DOTS 2000-2015 are large and erratic (SOURCES.md section 6)",
  },
  {
    partner: "TKM",
    from: 2004,
    to: 2019,
    reason: "Turkmenistan-reported DOTS 2004-2019 are IMF estimates, not Turkmen statistics: " +
      "China's mirror / 1.06 for exports (SOURCES.md section 6)",
  },
];

/** Defaults of the structural section. */
export const STRUCTURAL_DEFAULTS: StructuralConfig = {
  enabled: true,
  years: { from: 2010, to: 2020 },
  distance: "dist",
  partnerExports: "trusted",
  untrusted: UNTRUSTED_DEFAULTS,
};

/** The keys of the `structural` section (an unknown key is refused, the nearest suggested). */
export const STRUCTURAL_KEYS: ConfigKeys = {
  enabled: "any",
  years: "any",
  distance: "any",
  partnerExports: "any",
  untrusted: "any",
};

/** The keys of one `structural.untrusted` entry (all required). */
const UNTRUSTED_KEYS: ConfigKeys = { "partner!": "any", ...YEAR_SPAN_KEYS, "reason!": "any" };

/**
 * Check the `structural` section (null when absent or null), one-line errors.
 *
 * @example
 * ```ts
 * parseStructuralConfig({})?.years.from; // 2010
 * parseStructuralConfig({ partnerExports: "partner" })?.partnerExports; // "partner"
 * ```
 */
export function parseStructuralConfig(
  raw: unknown,
  file = "study config",
): StructuralConfig | null {
  if (raw === undefined || raw === null) return null;
  const s = configSection(file, raw, ["structural"], STRUCTURAL_KEYS);
  const d = STRUCTURAL_DEFAULTS;
  const list = s.get("untrusted");
  return {
    enabled: s.get("enabled").bool(d.enabled),
    years: s.get("years").years(d.years),
    distance: s.get("distance").oneOf(CEPII_DISTANCES, d.distance),
    partnerExports: s.get("partnerExports").oneOf(PARTNER_EXPORTS_RULES, d.partnerExports),
    untrusted: list.absent ? d.untrusted.map((u) => ({ ...u })) : list.items().map(untrustedEntry),
  };
}

/** One `structural.untrusted` entry: partner, from <= to, reason. */
function untrustedEntry(item: ConfigField): UntrustedReports {
  const u = item.section(UNTRUSTED_KEYS);
  const from = u.get("from").year();
  const to = u.get("to").year();
  if (from > to) u.fail(`${u.get("from").where} (${from}) is after ${u.get("to").where} (${to})`);
  return { partner: u.get("partner").str(), from, to, reason: u.get("reason").str() };
}
