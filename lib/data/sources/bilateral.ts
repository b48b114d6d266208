/**
 * Bilateral trade totals for the study panel from flow-level trade files (IMF DOTS workbooks,
 * UN Comtrade reports): exports + imports between the panel's reporter and each partner, as
 * reported by one side, with stated rejection rules and a decision for every flow cell.
 * @module
 */
import type { ComtradeReport } from "./comtrade.ts";
import type { DotsWorkbook } from "./dots.ts";
import type { PagesSelection, SelectionRow } from "./pages.ts";
import type { Observation } from "./wdi.ts";

/** A rule rejecting flow cells: every given field must match; `reason` says why. */
export interface CellRejectRule {
  /** ISO3 of the country that reported the cell. */
  reporter?: string;
  /** ISO3 of its partner. */
  partner?: string;
  flow?: "X" | "M";
  /** First and last year the rule covers (inclusive). */
  from?: number;
  to?: number;
  reason: string;
}

/** Which dyad to read and how. */
export interface BilateralOptions {
  /** The panel's reporter (e.g. "CHN"). */
  reporter: string;
  /** Panel partners (ISO3). */
  partners: string[];
  /** Panel years; cells of other years are logged as rejected. */
  years: number[];
  /** "reporter": the file is the panel reporter's own statistics; "partner": the partners' (mirror). */
  reportedBy: "reporter" | "partner";
  rejectCells?: CellRejectRule[];
}

/** One flow cell of a trade file, in a common form. */
export interface FlowCell {
  file: string;
  row: number;
  /** Where in the file, in words (sheet and column). */
  where: string;
  reporter: string;
  partner: string;
  flow: "X" | "M";
  year: number;
  text: string;
  /** Value in the file's unit. */
  value: number;
  estimate: boolean;
}

const FLOW_LABEL = { X: "exports", M: "imports" } as const;

/**
 * The flow cells of a DOTS workbook between its reporter and the given partners.
 *
 * @example
 * ```ts
 * dotsFlowCells(wb, "raw/trade/imf-dots/DOTS_40.xlsx", ["KAZ"]).length;
 * ```
 */
export function dotsFlowCells(wb: DotsWorkbook, file: string, partners: string[]): FlowCell[] {
  const want = new Set(partners);
  return wb.cells.filter((c) => want.has(c.partner)).map((c) => ({
    file,
    row: c.row,
    where: `sheet "${c.flow === "X" ? "Exports, FOB" : "Imports, CIF"}", column ${c.column}`,
    reporter: wb.reporter,
    partner: c.partner,
    flow: c.flow,
    year: c.year,
    text: c.text,
    value: c.value,
    estimate: c.estimate,
  }));
}

/**
 * The rows of Comtrade reports between the given countries.
 *
 * @example
 * ```ts
 * comtradeFlowCells(reports, ["CHN", "KAZ"]).length;
 * ```
 */
export function comtradeFlowCells(reports: ComtradeReport[], countries: string[]): FlowCell[] {
  const want = new Set(countries);
  return reports.flatMap((r) =>
    r.rows.filter((x) => want.has(x.reporter) && want.has(x.partner)).map((x) => ({
      file: r.file,
      row: x.row,
      where: `${r.file}`,
      reporter: x.reporter,
      partner: x.partner,
      flow: x.flow,
      year: x.year,
      text: x.text,
      value: x.value,
      estimate: false,
    }))
  );
}

/**
 * Exports + imports times `scale`, rounded to 15 significant digits: the binary floating-point
 * noise of the sum and scaling (e.g. 22416871833.999996 for 12718.336024 + 9698.53581 US$ mn)
 * goes, nothing a source states does (15 digits is a ten-thousandth of a dollar at 10^10 USD).
 *
 * @example
 * ```ts
 * usdTotal(12718.336024, 9698.53581, 1e6); // 22416871834
 * ```
 */
export function usdTotal(exports: number, imports: number, scale: number): number {
  return Number(((exports + imports) * scale).toPrecision(15));
}

function matches(rule: CellRejectRule, c: FlowCell): boolean {
  return (rule.reporter === undefined || rule.reporter === c.reporter) &&
    (rule.partner === undefined || rule.partner === c.partner) &&
    (rule.flow === undefined || rule.flow === c.flow) &&
    (rule.from === undefined || c.year >= rule.from) &&
    (rule.to === undefined || c.year <= rule.to);
}

/**
 * Totals (exports + imports, times `scale` to USD) per partner-year from flow cells, reported by
 * the side `options.reportedBy` names. A total needs both flows of the same file side; every cell
 * gets a decision and a reason in `log` (a rejected cell takes its pair with it).
 *
 * @example
 * ```ts
 * const sel = bilateralTotals(cells, 1e6, "IMF DOTS", { reporter: "CHN", partners: ["KAZ"], years: [2015], reportedBy: "reporter" });
 * sel.observations; // [{ iso3: "KAZ", year: 2015, value: 14266733224.3, row: ... }]
 * ```
 */
export function bilateralTotals(
  cells: FlowCell[],
  scale: number,
  label: string,
  options: BilateralOptions,
): PagesSelection {
  const partners = new Set(options.partners);
  const years = new Set(options.years);
  const byPartner = options.reportedBy === "partner";
  const mine = cells.filter((c) =>
    byPartner
      ? partners.has(c.reporter) && c.partner === options.reporter
      : c.reporter === options.reporter && partners.has(c.partner)
  );
  const groups = new Map<string, FlowCell[]>();
  for (const c of mine) {
    const key = `${byPartner ? c.reporter : c.partner}|${c.year}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  const log: SelectionRow[] = [];
  const observations: Observation[] = [];
  const side = byPartner ? "partner" : "official";
  for (const key of [...groups.keys()].sort()) {
    const [iso3, y] = key.split("|");
    const year = Number(y);
    const list = groups.get(key)!.sort((a, b) => a.flow.localeCompare(b.flow));
    const entries = list.map((c): SelectionRow => ({
      row: c.row,
      year: String(c.year),
      key: iso3,
      label: `${FLOW_LABEL[c.flow]} (${c.flow}) of ${c.reporter}`,
      basis: `${label}, reported by ${c.reporter}; ${c.where}${c.estimate ? "; IMF estimate" : ""}`,
      side,
      value: c.text,
      unit: scale === 1e6 ? "million USD" : "USD",
      converted: c.value * scale,
      decision: "rejected",
      reason: "",
    }));
    log.push(...entries);
    const rule = list.map((c) => (options.rejectCells ?? []).find((r) => matches(r, c)));
    const flows = list.map((c) => c.flow);
    if (!years.has(year)) {
      entries.forEach((e) => (e.reason = `year ${year} outside the panel years`));
    } else if (rule.some((r) => r)) {
      entries.forEach((e, i) =>
        e.reason = rule[i]?.reason ?? `its pair is rejected (${rule.find((r) => r)!.reason})`
      );
    } else if (flows.length !== 2 || flows[0] === flows[1]) {
      entries.forEach((e) =>
        e.reason = flows.length > 2 || flows[0] === flows[1]
          ? "more than one cell for this flow and year"
          : "only one flow for this year: no total"
      );
    } else {
      const x = list.find((c) => c.flow === "X")!, m = list.find((c) => c.flow === "M")!;
      const value = usdTotal(x.value, m.value, scale);
      entries.forEach((e) => {
        e.decision = "used";
        e.reason = `total = exports + imports = ${value} USD`;
      });
      observations.push({ iso3, year, value, row: x.row });
    }
  }
  return { observations, notes: [], log };
}
