/**
 * The flows the structural model fits: every exporter-reported flow of the world matrix in the
 * window with its geography, except each study partner's exports to the reporter, whose value is
 * the report the config's rule trusts (`structural.partnerExports`): the partner's own export
 * report, or the reporter's imports from the partner where the partner's report is untrusted
 * (`structural.untrusted`) or missing. Every such choice is kept with the other report and why.
 * @module
 */
import type { GeoPair } from "../../data/sources/cepii.ts";
import type { IndexedWorldTrade } from "./china_world.ts";
import type {
  PartnerExportsRule,
  StructuralConfig,
  UntrustedReports,
} from "../config/structural.ts";

/** Who reported the value of a flow: its exporter (exports, FOB) or its importer (imports, CIF). */
export type ReportedBy = "exporter" | "importer";

/** Both reports of one partner's exports to the reporter in one year, and the one chosen. */
export interface PartnerReport {
  partner: string;
  year: number;
  /** The partner's own report of its exports to the reporter (null: none). */
  own: number | null;
  /** The reporter's report of its imports from the partner (null: none). */
  mirror: number | null;
  /** The report used (null: neither exists). */
  used: ReportedBy | null;
  /** Why this report is used, unless it is the partner's own report the rule asks for (empty). */
  reason: string;
}

/** The flows of the structural fit, columnar (one entry per exporter, importer and year). */
export interface StructuralColumns {
  exporter: string[];
  importer: string[];
  year: number[];
  pair: string[];
  trade: number[];
  lnDist: number[];
  contig: number[];
  reportedBy: ReportedBy[];
  /** The other report of a partner's exports to the reporter (NaN: none, or another flow). */
  alternative: number[];
  /** Why a partner's export report was chosen, when not simply its own under the rule (or ""). */
  reason: string[];
}

/**
 * The other rule of a sensitivity check: "trusted" against every partner's own report, and
 * either of the others against "trusted".
 *
 * @example
 * ```ts
 * otherRule("trusted"); // "partner"
 * ```
 */
export function otherRule(rule: PartnerExportsRule): PartnerExportsRule {
  return rule === "trusted" ? "partner" : "trusted";
}

/**
 * Which report of a partner's exports to the reporter a rule uses, and why when it is not the
 * partner's own: "partner" takes the partner's report, "reporter" the reporter's imports,
 * "trusted" the partner's report unless an `untrusted` entry covers the partner-year. When the
 * chosen report is missing the other is used, saying so.
 *
 * @example
 * ```ts
 * chooseReport("trusted", UNTRUSTED_DEFAULTS, { partner: "UZB", year: 2011, own: 2.8, mirror: 0.8 });
 * // { used: "importer", reason: "Uzbekistan-reported DOTS 2000-2015 are large and erratic ..." }
 * ```
 */
export function chooseReport(
  rule: PartnerExportsRule,
  untrusted: UntrustedReports[],
  r: { partner: string; year: number; own: number | null; mirror: number | null },
): { used: ReportedBy | null; reason: string } {
  const distrust = untrusted.find((u) =>
    u.partner === r.partner && r.year >= u.from && r.year <= u.to
  );
  const want: ReportedBy = rule === "reporter" || (rule === "trusted" && distrust)
    ? "importer"
    : "exporter";
  if (want === "importer") {
    if (r.mirror !== null) {
      return {
        used: "importer",
        reason: distrust?.reason ?? "the rule takes the reporter's imports",
      };
    }
    return r.own === null ? { used: null, reason: "" } : {
      used: "exporter",
      reason: "the reporter reports no imports from the partner this year: its own report is kept",
    };
  }
  if (r.own !== null) return { used: "exporter", reason: "" };
  return r.mirror !== null && rule === "trusted"
    ? { used: "importer", reason: "the partner reports no exports to the reporter this year" }
    : { used: null, reason: "" };
}

/** The partners' own export reports to the reporter and the reporter's imports, by partner-year. */
function partnerReports(
  world: IndexedWorldTrade,
  years: { from: number; to: number },
  reporter: string,
  partners: string[],
): Map<string, { own: number | null; mirror: number | null }> {
  const rep = world.codes.indexOf(reporter);
  const index = new Set(partners.map((p) => world.codes.indexOf(p)));
  const out = new Map<string, { own: number | null; mirror: number | null }>();
  const cell = (p: number, y: number) => {
    const key = `${world.codes[p]}|${y}`;
    if (!out.has(key)) out.set(key, { own: null, mirror: null });
    return out.get(key)!;
  };
  for (let i = 0; i < world.n; i++) {
    const y = world.year[i];
    const v = world.value[i];
    if (y < years.from || y > years.to || Number.isNaN(v)) continue;
    if (world.flow[i] === 1 && world.reporter[i] === rep && index.has(world.partner[i])) {
      cell(world.partner[i], y).mirror = v;
    } else if (world.flow[i] === 0 && world.partner[i] === rep && index.has(world.reporter[i])) {
      cell(world.reporter[i], y).own = v;
    }
  }
  return out;
}

/**
 * Both reports of every study partner's exports to the reporter in the window and the one the
 * config's rule uses, sorted by partner and year.
 *
 * @example
 * ```ts
 * const reports = structuralReports(world, config, { reporter: "CHN", partners: ["UZB"] });
 * reports.filter((r) => r.used === "importer"); // the partner-years replaced, with why
 * ```
 */
export function structuralReports(
  world: IndexedWorldTrade,
  config: StructuralConfig,
  options: { reporter: string; partners: string[] },
): PartnerReport[] {
  const cells = partnerReports(world, config.years, options.reporter, options.partners);
  return [...cells].map(([key, c]) => {
    const [partner, year] = key.split("|");
    const r = { partner, year: Number(year), ...c };
    return { ...r, ...chooseReport(config.partnerExports, config.untrusted, r) };
  }).sort((a, b) => a.partner < b.partner ? -1 : a.partner > b.partner ? 1 : a.year - b.year);
}

/**
 * The world matrix's exporter-reported flows in the window with their geography, columnar, each
 * study partner's exports to the reporter taken from the report the rule uses (a partner-year
 * with no partner report but the reporter's imports is added at the end). Flows without
 * geography or value are counted in `noGeography`.
 *
 * @example
 * ```ts
 * const { cols, noGeography } = structuralFlows(world, geo, config, { reporter: "CHN", partners });
 * ```
 */
export function structuralFlows(
  world: IndexedWorldTrade,
  geo: GeoPair[],
  config: StructuralConfig,
  options: { reporter: string; partners: string[] },
): { cols: StructuralColumns; noGeography: number; reports: PartnerReport[] } {
  const g = new Map(geo.map((p) => [`${p.origin}|${p.destination}`, p]));
  const reports = structuralReports(world, config, options);
  const byKey = new Map(reports.map((r) => [`${r.partner}|${r.year}`, r]));
  const cols: StructuralColumns = {
    exporter: [],
    importer: [],
    year: [],
    pair: [],
    trade: [],
    lnDist: [],
    contig: [],
    reportedBy: [],
    alternative: [],
    reason: [],
  };
  let noGeography = 0;
  const push = (o: string, d: string, y: number, value: number, r?: PartnerReport) => {
    const p = g.get(`${o}|${d}`);
    if (!p || !(p[config.distance] > 0) || Number.isNaN(value)) return noGeography++;
    cols.exporter.push(o);
    cols.importer.push(d);
    cols.year.push(y);
    cols.pair.push(o < d ? `${o}-${d}` : `${d}-${o}`);
    cols.trade.push(value);
    cols.lnDist.push(Math.log(p[config.distance]));
    cols.contig.push(p.contig);
    cols.reportedBy.push(r?.used ?? "exporter");
    cols.alternative.push((r?.used === "importer" ? r.own : r?.mirror) ?? NaN);
    cols.reason.push(r?.reason ?? "");
  };
  const seen = new Set<string>();
  for (let i = 0; i < world.n; i++) {
    const y = world.year[i];
    if (world.flow[i] !== 0 || y < config.years.from || y > config.years.to) continue;
    const o = world.codes[world.reporter[i]];
    const d = world.codes[world.partner[i]];
    const r = d === options.reporter ? byKey.get(`${o}|${y}`) : undefined;
    if (!r) push(o, d, y, world.value[i]);
    else {
      seen.add(`${o}|${y}`);
      push(o, d, y, (r.used === "importer" ? r.mirror : r.own) ?? NaN, r);
    }
  }
  for (const r of reports) {
    if (!seen.has(`${r.partner}|${r.year}`) && r.used === "importer") {
      push(r.partner, options.reporter, r.year, r.mirror!, r);
    }
  }
  return { cols, noGeography, reports };
}
