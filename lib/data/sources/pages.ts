/**
 * The figures typed from web pages (China's trade with each partner, China's CBEC and
 * goods-trade totals), selected by explicit, configurable rules: every row gets a decision
 * (used or rejected) and a reason.
 * @module
 */
import { columnIndex, type CsvTable, parseCsv, parseNumber } from "../read/csv.ts";
import type { Observation, ReadResult } from "./wdi.ts";

/** A pattern rule on one column of a pages file: rows matching are rejected with `reason`. */
export interface RejectRule {
  field: string;
  /** Regular expression (case-insensitive). */
  pattern: string;
  reason: string;
}

/**
 * Which side reported a trade figure, best first: "official" (China's customs or commerce
 * ministry, or a figure stated as China-side statistics), "china" (Chinese media or officials,
 * basis not stated), "unstated", "partner" (the partner's own statistics).
 */
export type ReportingSide = "official" | "china" | "unstated" | "partner";

/** A rule classifying the reporting side (first matching rule wins; default "unstated"). */
export interface SideRule {
  field: string;
  pattern: string;
  side: ReportingSide;
}

/** Selection rule for trade figures typed from pages (`china_ca5_trade_from_pages.csv`). */
export interface TradeSelectionOptions {
  /** Partner ISO3 codes whose rows can be used (aggregates such as CA5 are rejected). */
  partners: string[];
  /** Years of the panel (rows outside are rejected). */
  years: number[];
  /** Flows used (default ["total"]). */
  flows?: string[];
  /** Unit -> power of ten to USD (default 亿美元 8, billion USD 9, million USD 6). */
  units?: Record<string, number>;
  /** Rows rejected by pattern (partial years, lower bounds, doubtful years). */
  reject?: RejectRule[];
  /** How the reporting side is recognised. */
  sides?: SideRule[];
  /** Sides allowed to give a value (default ["official", "china", "unstated"]; add "partner" to let partner-side figures fill gaps). */
  allowSides?: ReportingSide[];
}

/** One row of the selection log. */
export interface SelectionRow {
  row: number;
  year: string;
  key: string;
  /** Indicator (totals) or flow (trade). */
  label: string;
  /** Reporter basis as written (trade only). */
  basis: string;
  /** Classified reporting side (trade only). */
  side: string;
  value: string;
  unit: string;
  converted: number;
  decision: "used" | "rejected";
  reason: string;
}

/** Result of a pages selection: observations and the decision for every row. */
export interface PagesSelection extends ReadResult {
  log: SelectionRow[];
}

/** Default reporting-side rules (first match wins; no match = "unstated"). */
export const DEFAULT_SIDE_RULES: SideRule[] = [
  { field: "reporter_basis", pattern: "partner[- ]side", side: "partner" },
  {
    field: "note",
    pattern: "^(partner[- ]side|(Kazakh|Kyrgyz|Tajik|Turkmen|Uzbek)-side)",
    side: "partner",
  },
  { field: "reporter_basis", pattern: "^(Kazakh|Kyrgyz|Tajik|Turkmen|Uzbek)", side: "partner" },
  {
    field: "reporter_basis",
    pattern: "GACC|MOFCOM|China customs|China[- ]side|Chinese[- ]side",
    side: "official",
  },
  {
    field: "reporter_basis",
    pattern: "Chinese|Xinhua|CCTV|People's Daily|China Daily",
    side: "china",
  },
];

/** Default reject rules for trade rows (partial years, lower bounds, uncertain years). */
export const DEFAULT_TRADE_REJECT: RejectRule[] = [
  {
    field: "note",
    pattern: "partial year|Jan-[A-Z][a-z]{2}|first half|\\bH1\\b",
    reason: "partial-year figure",
  },
  { field: "note", pattern: "more than", reason: "a lower bound ('more than'), not a value" },
  { field: "note", pattern: "verify", reason: "year uncertain on the page (note says verify)" },
];

const SIDE_RANK: Record<ReportingSide, number> = { official: 0, china: 1, unstated: 2, partner: 3 };

/** Default trade units: power of ten to USD. */
export const DEFAULT_TRADE_UNITS: Record<string, number> = {
  "100 million USD (亿美元)": 8,
  "billion USD": 9,
  "million USD": 6,
};

function scaled(cell: string, power: number): { value: number; resolution: number } {
  const s = cell.trim();
  const decimals = s.includes(".") ? s.length - s.indexOf(".") - 1 : 0;
  return { value: Number(`${s}e${power}`), resolution: power - decimals };
}

/** Rules matched on a named column: the column's index and the case-insensitive pattern. */
function compileRules<R extends { field: string; pattern: string }>(
  table: CsvTable,
  rules: R[],
): (R & { j: number; re: RegExp })[] {
  return rules.map((r) => ({
    ...r,
    j: columnIndex(table, r.field),
    re: new RegExp(r.pattern, "i"),
  }));
}

function pick<T extends { rank: number; resolution: number; index: number }>(c: T[]): T {
  return c.slice().sort((a, b) =>
    a.rank - b.rank || a.resolution - b.resolution || a.index - b.index
  )[0];
}

/**
 * Select China's goods trade with each partner (USD) from the page-typed trade file, by a stated
 * rule: flow in `flows`; unit convertible to USD (CNY rows are aggregates, not used); partner one
 * of `partners` (CA5 aggregates rejected); year in `years`; no `reject` pattern matching
 * (partial years, lower bounds, doubtful years); reporting side allowed (China-side and
 * unstated by default; partner-side only if `allowSides` has "partner"). Among the rows left for a
 * partner-year: best side (official < china < unstated < partner), then the most precise figure (smallest
 * last-digit unit in USD), then file order. Every row gets a decision in `log`.
 *
 * @example
 * ```ts
 * const sel = selectTradePages(text, "trade.csv", { partners: ["KAZ"], years: [2022] });
 * sel.log.filter((r) => r.decision === "used");
 * ```
 */
export function selectTradePages(
  text: string,
  file: string,
  options: TradeSelectionOptions,
): PagesSelection {
  const table = parseCsv(text, { file });
  const col = (name: string) => columnIndex(table, name);
  const [cYear, cPartner, cFlow, cValue, cUnit, cBasis] = [
    "year",
    "partner",
    "flow",
    "value",
    "unit",
    "reporter_basis",
  ].map(col);
  const flows = options.flows ?? ["total"];
  const units = options.units ?? DEFAULT_TRADE_UNITS;
  const reject = compileRules(table, options.reject ?? DEFAULT_TRADE_REJECT);
  const sides = compileRules(table, options.sides ?? DEFAULT_SIDE_RULES);
  const allow = new Set(options.allowSides ?? ["official", "china", "unstated"]);
  const partners = new Set(options.partners);
  const years = new Set(options.years);
  const log: SelectionRow[] = [];
  const candidates = new Map<
    string,
    { rank: number; resolution: number; index: number; value: number }[]
  >();
  table.rows.forEach((r, i) => {
    const row = i + 2;
    const cell = (j: number) => (r[j] ?? "").trim();
    const side: ReportingSide = sides.find((s) => s.re.test(cell(s.j)))?.side ?? "unstated";
    const entry: SelectionRow = {
      row,
      year: cell(cYear),
      key: cell(cPartner),
      label: cell(cFlow),
      basis: cell(cBasis),
      side,
      value: cell(cValue),
      unit: cell(cUnit),
      converted: NaN,
      decision: "rejected",
      reason: "",
    };
    log.push(entry);
    const num = parseNumber(r[cValue] ?? "", file, row, "value");
    const year = Number(cell(cYear));
    const power = units[entry.unit];
    if (power !== undefined && !Number.isNaN(num)) {
      entry.converted = scaled(entry.value, power).value;
    }
    const rule = reject.find((x) => x.re.test(cell(x.j)));
    if (!flows.includes(cell(cFlow))) {
      entry.reason = `flow "${cell(cFlow)}" is not ${flows.join("/")}`;
    } else if (!partners.has(entry.key)) {
      entry.reason = `partner "${entry.key}" is an aggregate or not a panel partner`;
    } else if (power === undefined) {
      entry.reason = `unit "${entry.unit}" is not a USD unit (CNY rows are aggregates)`;
    } else if (Number.isNaN(num)) entry.reason = "no value";
    else if (!years.has(year)) entry.reason = `year ${entry.year} outside the panel years`;
    else if (rule) entry.reason = rule.reason;
    else if (!allow.has(side)) entry.reason = `${side}-side figure (not allowed by the config)`;
    else {
      const key = `${entry.key}|${year}`;
      const list = candidates.get(key) ?? [];
      list.push({
        rank: SIDE_RANK[side],
        resolution: scaled(entry.value, power).resolution,
        index: log.length - 1,
        value: entry.converted,
      });
      candidates.set(key, list);
    }
  });
  const observations: Observation[] = [];
  for (const [key, list] of [...candidates.entries()].sort()) {
    const best = pick(list);
    const [iso3, year] = key.split("|");
    const chosen = log[best.index];
    chosen.decision = "used";
    chosen.reason = list.length > 1
      ? `best of ${list.length} candidates for ${iso3} ${year}`
      : "only candidate";
    for (const c of list) {
      if (c !== best) {
        log[c.index].reason =
          `superseded by row ${chosen.row} (side, then precision, then file order)`;
      }
    }
    observations.push({ iso3, year: Number(year), value: best.value, row: chosen.row });
  }
  return { observations, notes: [], log };
}

/** Selection rule for national totals typed from pages (CBEC totals, total goods trade). */
export interface TotalsSelectionOptions {
  /** Value of the `indicator` column to use (e.g. `cbec_total`). */
  indicator: string;
  /** Unit -> power of ten (e.g. {"trillion CNY": 12, "billion CNY": 9}). */
  units: Record<string, number>;
  /** Rows rejected by pattern (e.g. the 2017 narrow definition, superseded initial estimates). */
  reject?: RejectRule[];
  /** Years of the panel. */
  years: number[];
}

/**
 * Select a year-level national total (iso3 "*") from a page-typed file with columns
 * `year,indicator,value,unit,...`: rows of the chosen indicator, convertible unit, no reject
 * pattern; among several rows for a year the most precise, then file order. Every row of the
 * file gets a decision in `log`.
 *
 * @example
 * ```ts
 * selectTotalsPages(text, "cbec.csv", { indicator: "cbec_total", units: { "trillion CNY": 12 }, years: [2020] });
 * ```
 */
export function selectTotalsPages(
  text: string,
  file: string,
  options: TotalsSelectionOptions,
): PagesSelection {
  const table = parseCsv(text, { file });
  const col = (name: string) => columnIndex(table, name);
  const [cYear, cInd, cValue, cUnit] = ["year", "indicator", "value", "unit"].map(col);
  const reject = compileRules(table, options.reject ?? []);
  const years = new Set(options.years);
  const log: SelectionRow[] = [];
  const candidates = new Map<
    number,
    { rank: number; resolution: number; index: number; value: number }[]
  >();
  table.rows.forEach((r, i) => {
    const row = i + 2;
    const cell = (j: number) => (r[j] ?? "").trim();
    const entry: SelectionRow = {
      row,
      year: cell(cYear),
      key: "*",
      label: cell(cInd),
      basis: "",
      side: "",
      value: cell(cValue),
      unit: cell(cUnit),
      converted: NaN,
      decision: "rejected",
      reason: "",
    };
    log.push(entry);
    const num = parseNumber(r[cValue] ?? "", file, row, "value");
    const power = options.units[entry.unit];
    if (power !== undefined && !Number.isNaN(num)) {
      entry.converted = scaled(entry.value, power).value;
    }
    const year = Number(entry.year);
    const rule = reject.find((x) => x.re.test(cell(x.j)));
    if (rule) entry.reason = rule.reason;
    else if (entry.label !== options.indicator) {
      entry.reason = `indicator "${entry.label}" is not "${options.indicator}"`;
    } else if (power === undefined) entry.reason = `unit "${entry.unit}" not convertible`;
    else if (Number.isNaN(num)) entry.reason = "no value";
    else if (!years.has(year)) entry.reason = `year ${entry.year} outside the panel years`;
    else {
      const list = candidates.get(year) ?? [];
      list.push({
        rank: 0,
        resolution: scaled(entry.value, power).resolution,
        index: log.length - 1,
        value: entry.converted,
      });
      candidates.set(year, list);
    }
  });
  const observations: Observation[] = [];
  for (const [year, list] of [...candidates.entries()].sort((a, b) => a[0] - b[0])) {
    const best = pick(list);
    const chosen = log[best.index];
    chosen.decision = "used";
    chosen.reason = list.length > 1
      ? `best of ${list.length} candidates for ${year}`
      : "only candidate";
    for (const c of list) {
      if (c !== best) {
        log[c.index].reason = `superseded by row ${chosen.row} (precision, then file order)`;
      }
    }
    observations.push({ iso3: "*", year, value: best.value, row: chosen.row });
  }
  return { observations, notes: [], log };
}
