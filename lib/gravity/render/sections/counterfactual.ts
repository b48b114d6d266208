/**
 * The counterfactual section: the baseline world (Table 5, its domestic flows flagged as a rule,
 * not data, and every country left out named), then each scenario with its assumptions in words,
 * how its trade-cost change is formed, the reporter's trade with each partner in partial,
 * conditional and full general equilibrium, and every study country's changes (lib/report's GE
 * table). A scenario that cannot be computed says why. Formatting only; computing is in
 * lib/gravity/world/counterfactual.ts.
 * @module
 */
import { escapeXml } from "../../../report/escape.ts";
import { geCaption, geTableSpec } from "../../../report/ge_table.ts";
import {
  formatCell,
  formatTable,
  type TableFormat,
  type TableSpec,
} from "../../../report/table.ts";
import type { CounterfactualScenarioResult } from "../../world/counterfactual.ts";
import type { StudyResult } from "../../study/types.ts";

/** US$ as billions with 2 decimals. */
const bn = (v: unknown) =>
  typeof v === "number" && Number.isFinite(v) ? (v / 1e9).toFixed(2) : formatCell(v);
/** A signed percent change with 2 decimals ("." when missing). */
const pct = (v: unknown) =>
  typeof v === "number" && Number.isFinite(v) ? `${v >= 0 ? "+" : ""}${v.toFixed(2)}` : ".";
const share = (v: number) => `${(v * 100).toFixed(1)}%`;
/** The GE table's column labels, shorter so the table fits a terminal. */
const SHORT_LABELS: Record<string, string> = {
  priceChange: "Price %",
  exportsChange: "Exports %",
  exportsChangeConditional: "Exports % cond.",
};

/** The countries of the study, reporter first. */
const studyCountries = (r: StudyResult) => [r.config.reporter, ...r.config.partners];

/**
 * Table 5: the baseline world of the counterfactuals, the study's countries' GDP, exports and the
 * domestic flow the rule builds (flagged), with notes on where every flow came from, who was
 * left out and the trade lost with them. Null without a counterfactual section.
 *
 * @example
 * ```ts
 * counterfactualBaselineSpec(result)?.title; // "Table 5. The counterfactuals' baseline world, 2019 ..."
 * ```
 */
export function counterfactualBaselineSpec(r: StudyResult): TableSpec | null {
  const c = r.counterfactual;
  if (!c) return null;
  const b = c.baseline;
  const t = b.trade;
  const np = b.excluded.nonPositive;
  const used = b.reports.filter((x) => x.used === "importer");
  const coef = c.coefficients.map((x) =>
    `${x.term} ${formatCell(x.estimate, 3)} (SE ${formatCell(x.stdError, 3)})`
  );
  return {
    title: `Table 5. The counterfactuals' baseline world, ${b.year}: ${b.countries.length} ` +
      `countries (IMF DOTS); the study's countries`,
    columns: [
      { key: "country", label: "Country", align: "left" },
      { key: "gdp", label: "GDP US$ bn", format: bn },
      { key: "exports", label: "Exports US$ bn", format: bn },
      { key: "domestic", label: "Domestic sales US$ bn (rule)", format: bn },
      { key: "share", label: "Domestic / GDP", align: "right" },
    ],
    rows: b.study.map((x) => ({ ...x, share: share(x.domesticShare) })),
    notes: [
      `FLAGGED: ${b.domesticRule}.`,
      `Flows: the exporter's report (FOB) for ${t.fromExporter} directed pairs; the importer's ` +
      `(CIF) where the exporter reports none, ${t.fromImporter.pairs} pairs (US$ ` +
      `${bn(t.fromImporter.value)} bn); ${t.none} pairs neither side reports enter as 0.` +
      (used.length
        ? ` Exports to ${b.reporter} read from ${b.reporter}'s imports (the structural ` +
          `section's rule): ${used.map((x) => `${x.partner} (${x.reason})`).join("; ")}.`
        : ""),
      `Left out (no number invented for them): ${b.excluded.noGdp.length} countries without ` +
      `${b.year} GDP in WDI (${b.excluded.noGdp.join(", ") || "none"}); ${np.length} whose GDP ` +
      `minus exports is not positive (` +
      (np.map((x) => `${x.country}: GDP ${bn(x.gdp)}, exports ${bn(x.exports)} US$ bn`).join(
        "; ",
      ) ||
        "none") +
      `). Their trade with the rest, US$ ${bn(t.leftOut)} bn (${share(c.baseline.leftOutShare)} ` +
      `of the year's US$ ${bn(t.total)} bn), is not in the matrix.`,
      `Trade costs: the structural section's world PPML (` +
      (coef.length ? coef.join(", ") : "not fitted") +
      `). Elasticity theta = ${formatCell(c.config.theta, 3)}; trade deficits ` +
      `${c.config.deficits === "additive" ? "fixed in levels" : "fixed as a share of output"}; ` +
      `numeraire: ${
        c.config.reference ? `${c.config.reference}'s consumer prices` : "world output"
      }.`,
    ],
  };
}

/**
 * A scenario's two tables: the reporter's trade with each partner (both directions, US$ bn) in
 * partial, conditional and full GE, and the study's countries' changes in full GE. Empty for a
 * scenario that was not computed.
 *
 * @example
 * ```ts
 * scenarioSpecs(result, result.counterfactual!.scenarios[1]).map((s) => s.title);
 * ```
 */
export function scenarioSpecs(r: StudyResult, s: CounterfactualScenarioResult): TableSpec[] {
  if (!s.ok || !s.result || !s.total) return [];
  const name = s.scenario.name;
  const rep = r.config.reporter;
  const others = s.mostAffected.map((m) =>
    `${m.country} ${m.welfareChange >= 0 ? "+" : ""}${m.welfareChange.toFixed(3)}%`
  );
  const countries = geTableSpec(s.result, {
    countries: studyCountries(r),
    title: `Counterfactual "${name}": changes by country (the study's countries)`,
  });
  return [
    {
      title: `Counterfactual "${name}": ${rep}'s trade with each partner, both directions ` +
        `(US$ bn, % change)`,
      columns: [
        { key: "partner", label: "Partner", align: "left" },
        { key: "baseline", label: "Baseline", format: bn },
        { key: "partial", label: "Partial", format: bn },
        { key: "partialChange", label: "%", format: pct },
        { key: "conditional", label: "Conditional GE", format: bn },
        { key: "conditionalChange", label: "%", format: pct },
        { key: "counterfactual", label: "Full GE", format: bn },
        { key: "counterfactualChange", label: "%", format: pct },
      ],
      rows: [...s.bilateral.map((b) => ({ ...b })), { ...s.total, partner: "all partners" }],
      rules: [s.bilateral.length],
      notes: [
        `Partial: each changed flow times B = exp(ln B), prices, incomes and multilateral ` +
        `resistances as they were. Conditional GE: outputs and expenditures fixed, the ` +
        `resistances adjust. Full GE: factory-gate prices and incomes adjust too.`,
      ],
    },
    {
      ...countries,
      columns: countries.columns.map((c) => ({ ...c, label: SHORT_LABELS[c.key] ?? c.label })),
      notes: [
        geCaption(s.result) + ".",
        `Welfare: real expenditure E'/E over the price index change (additive deficits), or ` +
        `the real wage (multiplicative); with deficits fixed in levels it departs from real GDP ` +
        `(the factory-gate price over the price index) where trade is far from balanced. Price: ` +
        `factory-gate price. MR: multilateral resistance as a price index. Exports: ` +
        `international, in full GE and in conditional GE (outputs and expenditures fixed).`,
        ...(others.length ? [`Elsewhere, the largest welfare changes: ${others.join(", ")}.`] : []),
        ...s.result.notes,
      ],
    },
  ];
}

/**
 * Every table of the section (for LaTeX and workbooks): Table 5, then each computed scenario's
 * two, named for the scenario.
 *
 * @example
 * ```ts
 * counterfactualSpecs(result).map((t) => t.name); // ["Table 5", "corridor trade", "corridor countries", ...]
 * ```
 */
export function counterfactualSpecs(r: StudyResult): { name: string; spec: TableSpec }[] {
  const base = counterfactualBaselineSpec(r);
  if (!base) return [];
  return [
    { name: "Table 5", spec: base },
    ...(r.counterfactual?.scenarios ?? []).flatMap((s) =>
      scenarioSpecs(r, s).map((spec, i) => ({
        name: `${s.scenario.name} ${i === 0 ? "trade" : "countries"}`,
        spec,
      }))
    ),
  ];
}

/** What the section is, in words (printed before Table 5). */
export const COUNTERFACTUAL_INTRO =
  "Each scenario changes trade costs on some pairs and asks what follows once prices and " +
  "multilateral resistances adjust everywhere: the exact general equilibrium of the one-sector " +
  "Armington-CES model in changes (lib/ge, the algorithm of Stata's ge_gravity; Anderson and van " +
  "Wincoop 2003; Yotov et al. 2016, Chapter 2). The change is the world PPML's coefficient times " +
  "the change in its regressor on the pair (ln B); partial equilibrium applies it to the pair " +
  "alone, conditional GE lets the multilateral resistances adjust, full GE the factory-gate " +
  "prices and incomes too. Assumptions are stated with each scenario; where a needed number does " +
  "not exist the scenario says so instead of using one.";

/** The lines of one scenario before its tables: title, assumptions, the change or why not. */
function scenarioLines(s: CounterfactualScenarioResult): { head: string; lines: string[] } {
  const sc = s.scenario;
  const how = sc.distanceFactor !== undefined
    ? `distance x ${sc.distanceFactor} on the ${sc.pairs} pairs`
    : `${sc.term} = ${sc.set} on the ${sc.pairs} pairs`;
  const lines = [`Assumptions: ${sc.assumptions}`];
  if (!s.ok) {
    lines.push(`NOT COMPUTED (${how}): ${s.reason}.`);
  } else {
    const changed = s.pairs.filter((p) => p.partial !== 0);
    lines.push(
      `Change (${how}): ${s.change}; ${changed.length} of ${s.pairs.length} directed pairs ` +
        `change (${changed.map((p) => `${p.exporter}-${p.importer}`).join(", ")}); coefficient ` +
        `${s.coefficient!.term} ${formatCell(s.coefficient!.estimate, 3)} (SE ` +
        `${formatCell(s.coefficient!.stdError, 3)}).`,
    );
  }
  return { head: `Scenario "${sc.name}": ${sc.title}`, lines };
}

/**
 * The counterfactual section as text, markdown or HTML: what it does, Table 5, then each scenario
 * (its assumptions and change in words, its tables, or why it was not computed). Empty without a
 * counterfactual section.
 *
 * @example
 * ```ts
 * console.log(formatCounterfactualSection(result, "markdown"));
 * ```
 */
export function formatCounterfactualSection(
  r: StudyResult,
  format: Exclude<TableFormat, "csv"> = "text",
): string {
  const c = r.counterfactual;
  const base = counterfactualBaselineSpec(r);
  if (!c || !base) return "";
  const blocks = c.scenarios.map((s) => ({ ...scenarioLines(s), specs: scenarioSpecs(r, s) }));
  if (format === "html") {
    const p = (t: string) => `<p>${escapeXml(t, { quotes: false })}</p>`;
    return [
      p(COUNTERFACTUAL_INTRO),
      ...(c.ok ? [] : [p(`Not computed: ${c.reason}.`)]),
      formatTable(base, "html"),
      ...blocks.flatMap((b) => [
        `<h3>${escapeXml(b.head, { quotes: false })}</h3>`,
        ...b.lines.map(p),
        ...b.specs.map((s) => formatTable(s, "html")),
      ]),
    ].join("\n");
  }
  const md = format === "markdown";
  return [
    md ? "**General-equilibrium counterfactuals**\n" : "General-equilibrium counterfactuals:",
    COUNTERFACTUAL_INTRO,
    ...(c.ok ? [] : [`Not computed: ${c.reason}.`]),
    "",
    formatTable(base, format),
    ...blocks.flatMap((b) => [
      "",
      md ? `**${b.head}**\n` : `${b.head}`,
      ...b.lines.map((l) => (md ? `${l}\n` : `  ${l}`)),
      ...b.specs.flatMap((s) => ["", formatTable(s, format)]),
    ]),
  ].join("\n");
}
