/**
 * The structural K's table (Table 3c: K-struct per partner-year, the partner report each uses, the
 * trusted-report rule and its sensitivity line) and its flag note under Table 3. Formatting only;
 * computing is in lib/gravity/world/structural*.ts.
 * @module
 */
import { formatCell, type TableSpec } from "../../../report/table.ts";
import { f3, kDefinitionText, kInterval, prob } from "./formatters.ts";
import type { StructuralK, StructuralResult } from "../../world/structural.ts";
import type { StudyResult } from "../../study/types.ts";
import { dot, usBn } from "./formatters.ts";

/**
 * Table 3c: the structural K per partner-year (China-partner trade both ways, actual / predicted
 * with the exporter-year and importer-year effects), its interval, class and P(class).
 *
 * @example
 * ```ts
 * const spec = structuralKSpec(result); // null without a structural fit
 * ```
 */
export function structuralKSpec(r: StudyResult): TableSpec | null {
  const s = r.structural;
  if (!s) return null;
  const level = Math.round(r.config.uncertainty.level * 100);
  const coef = s.coefficients.map((c) =>
    `${c.term} ${formatCell(c.estimate, 3)} (SE ${formatCell(c.stdError, 3)})`
  ).join(", ");
  const rep = r.config.reporter;
  const basis = s.k.some((k) => replaced(k, rep))
    ? [{ key: "basis", label: "Partner's exports", align: "left" as const }]
    : [];
  return {
    title: "Table 3c. Structural K: the world matrix with exporter-year and importer-year effects",
    columns: [
      { key: "country", label: "Country" },
      { key: "year", label: "Year", format: String },
      { key: "actual", label: "Actual (US$ bn)", format: usBn },
      { key: "predicted", label: "Predicted (US$ bn)", format: usBn },
      { key: "k", label: "K", format: f3 },
      { key: "interval", label: `${level}% int.`, format: dot },
      { key: "class", label: "Class", align: "left" },
      { key: "p", label: "P(cls)", format: prob },
      ...basis,
    ],
    rows: s.k.map((k) => ({
      country: k.country,
      year: k.year,
      actual: k.actual,
      predicted: k.predicted,
      k: k.k,
      interval: k.kLower != null ? kInterval(k.kLower, k.kUpper) : null,
      class: k.class,
      p: k.classProbabilities ? k.classProbabilities[k.class] : null,
      ...(basis.length ? { basis: replaced(k, rep) ? `${rep} imports` : "own report" } : {}),
    })),
    notes: s.ok ? structuralNotes(r, s, coef, level) : [`Not estimated: ${s.reason}.`],
  };
}

/** True when the partner's exports to the reporter in a structural K are the reporter's imports. */
function replaced(k: StructuralK, reporter: string): boolean {
  return k.flows.some((f) => f.importer === reporter && f.reportedBy === "importer");
}

/** The rules for the partners' exports as the notes name them. */
const RULE_NAMES = {
  trusted: "the trusted reports",
  partner: "every partner's own report",
  reporter: "the reporter's imports everywhere",
};

/** Which report of the partners' exports to the reporter Table 3c uses, and why (none: old results). */
function structuralRuleNote(r: StudyResult, s: StructuralResult): string[] {
  const c = s.config;
  const rep = r.config.reporter;
  if (!c.partnerExports) return [];
  const untrusted = c.untrusted.map((u) => `${u.partner} ${u.from}-${u.to}: ${u.reason}`);
  const rule = {
    trusted: `each partner's own report, except where the study does not trust it ` +
      `(structural.untrusted: ${untrusted.join("; ") || "none"}) or the partner reports none: ` +
      `there ${rep}'s imports from the partner (CIF) are used`,
    partner: `each partner's own report (structural.partnerExports "partner")`,
    reporter: `${rep}'s imports from the partner (CIF) everywhere`,
  }[c.partnerExports];
  return [
    `The partner's exports to ${rep} are ${rule}, in the fit and in K (column "Partner's ` +
    `exports" when any is replaced).`,
  ];
}

/** The sensitivity line of Table 3c: K-struct of the cells the other rule reads differently. */
function structuralSensitivityNote(s: StructuralResult): string[] {
  const v = s.sensitivity;
  if (!v) return [];
  if (!v.ok) return [`Sensitivity (${RULE_NAMES[v.partnerExports]}): not estimated: ${v.reason}.`];
  const here = new Map(s.k.map((k) => [`${k.country}|${k.year}`, k.k]));
  return [
    `Sensitivity, the model refitted with ${RULE_NAMES[v.partnerExports]}: K-struct ` +
    v.k.map((k) =>
      `${k.country} ${k.year} ${f3(k.k)} (here ${f3(here.get(`${k.country}|${k.year}`))})`
    ).join(", ") + ".",
  ];
}

/** The notes of Table 3c when the structural model was fitted. */
function structuralNotes(
  r: StudyResult,
  s: StructuralResult,
  coef: string,
  level: number,
): string[] {
  const rep = r.config.reporter;
  return [
    `PPML of each reporter's exports (IMF DOTS, FOB) to every partner, ` +
    `${s.years[0]}-${s.years[s.years.length - 1]}: N = ${s.n} flows, ${s.exporters} ` +
    `exporters, ${s.importers} importers; ${coef}; SE ${s.se}; ${s.excluded.noGeography} ` +
    `flows without CEPII geography left out.`,
    s.config.partnerExports
      ? `K = (${rep}'s exports to the partner + the partner's exports to ${rep}) / the same ` +
        `flows predicted with the fixed effects. ${s.meaning}`
      : `K = (${rep}'s exports to the partner + the partner's exports to ${rep}, each as its ` +
        `exporter reports it) / the same flows predicted with the fixed effects. ${s.meaning}`,
    s.slopeCovariance
      ? `${level}% int. and P(cls): ${r.config.uncertainty.draws} draws (seed ` +
        `${r.config.uncertainty.seed}) of the two slopes from a normal with their ` +
        `cluster-robust covariance, the fixed effects held at their estimates (conditional ` +
        `on them: the covariance of thousands of absorbed effects is not estimated).`
      : `No interval: the slopes' covariance is not available.`,
    ...(s.kDefinition
      ? [
        `K definition (potential.definition "${r.config.potential.definition}"): ` +
        `${kDefinitionText(s.kDefinition)}, with fitted = ln(the summed predicted flows).`,
      ]
      : []),
    ...structuralRuleNote(r, s),
    ...structuralSensitivityNote(s),
  ];
}

/**
 * Table 3's flag on K-struct: the partner-years of the table whose partner exports are the
 * reporter's imports (the partner's own report untrusted or missing), by partner.
 *
 * @example
 * ```ts
 * structuralFlagNote(result); // ["K-struct uses CHN's imports for the partner's exports in ..."]
 * ```
 */
export function structuralFlagNote(r: StudyResult): string[] {
  const s = r.structural;
  if (!s?.ok) return [];
  const rep = r.config.reporter;
  const { from, to } = r.config.years;
  const byPartner = new Map<string, number[]>();
  for (const k of s.k) {
    if (k.year < from || k.year > to || !replaced(k, rep)) continue;
    byPartner.set(k.country, [...(byPartner.get(k.country) ?? []), k.year]);
  }
  if (!byPartner.size) return [];
  return [
    `K-struct uses ${rep}'s imports for the partner's exports to ${rep} (the partner's own ` +
    `report is untrusted or missing; Table 3c gives the rule and the K with the partner's ` +
    `report) in: ${[...byPartner].map(([c, ys]) => `${c} ${ys.join(", ")}`).join("; ")}.`,
  ];
}
