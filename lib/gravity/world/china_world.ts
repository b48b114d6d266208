/**
 * The China world panel: China-reported exports + imports with every partner country and year
 * (IMF DOTS, through `lib/data/world.ts`), with each partner's GDP and population (World Bank
 * `raw/wdi/*-long.csv`) and the pair's geography (CEPII GeoDist, codes mapped to today's ISO3).
 * Coverage is reported as Table 1 does, naming every partner dropped for a missing variable.
 * @module
 */
import {
  CEPII_MAPPING_FILE,
  type GeoPair,
  parseCepiiMapping,
  readGeoDist,
} from "../../data/sources/cepii.ts";
import { readWdiLong } from "../../data/sources/wdi.ts";
import { InputError } from "../../errors.ts";
import { loadWorldPanel } from "../../data/world.ts";

/**
 * The bilateral trade this panel reads, columnar, as `loadWorldPanel()` of lib/data/world.ts
 * returns it: one entry per reporter, partner, flow and year, value in US dollars.
 */
export interface WorldTradeColumns {
  reporter: ArrayLike<string>;
  partner: ArrayLike<string>;
  /** "exports" or "imports" (anything else is ignored and counted). */
  flow: ArrayLike<string>;
  year: ArrayLike<number>;
  /** US dollars (NaN = missing). */
  value: ArrayLike<number>;
  /** True where the source marks the value as an estimate. */
  estimate: ArrayLike<boolean>;
}

/** Growable {@link WorldTradeColumns}: plain arrays to push rows into. */
export interface TradeColumnsBuilder {
  reporter: string[];
  partner: string[];
  flow: string[];
  year: number[];
  value: number[];
  estimate: boolean[];
}

/**
 * Empty growable trade columns (push one entry per flow-year into each array).
 *
 * @example
 * ```ts
 * const t = emptyTradeColumns();
 * t.reporter.push("CHN"); t.partner.push("KAZ"); t.flow.push("exports");
 * t.year.push(2020); t.value.push(1e9); t.estimate.push(false);
 * ```
 */
export function emptyTradeColumns(): TradeColumnsBuilder {
  return { reporter: [], partner: [], flow: [], year: [], value: [], estimate: [] };
}

/** One partner-year of the China world panel (NaN = missing). */
export interface ChinaWorldRow {
  partner: string;
  year: number;
  /** Exports + imports as reported by the reporter, US dollars. */
  trade: number;
  exports: number;
  imports: number;
  /** Either flow is an estimate of the source. */
  estimate: boolean;
  gdp: number;
  pop: number;
  dist: number;
  distcap: number;
  distw: number;
  contig: number;
  comlang_off: number;
  colony: number;
  landlocked: number;
  /** CEPII codes mapped to today's (e.g. "ROM"), when the pair's geography was renamed. */
  geoMappedFrom?: string;
}

/** Variables of the panel, in coverage order, with their sources. */
export const WORLD_VARIABLES = [
  { name: "trade", source: "IMF DOTS: exports FOB + imports CIF, US$" },
  { name: "gdp", source: "WDI NY.GDP.MKTP.CD, current US$" },
  { name: "pop", source: "WDI SP.POP.TOTL" },
  { name: "dist", source: "CEPII dist_cepii (main cities, km)" },
  { name: "contig", source: "CEPII dist_cepii" },
  { name: "comlang_off", source: "CEPII dist_cepii" },
  { name: "colony", source: "CEPII dist_cepii" },
  { name: "landlocked", source: "CEPII geo_cepii (partner)" },
] as const;

/** Coverage of one variable over the partner-years (Table 1 style). */
export interface WorldCoverage {
  variable: string;
  source: string;
  present: number;
  total: number;
  /** Partners with no value in any year of the window. */
  missingPartners: string[];
}

/** The China world panel with its coverage. */
export interface ChinaWorldPanel {
  reporter: string;
  years: { from: number; to: number };
  /** Every partner with reported trade in the window. */
  partners: string[];
  rows: ChinaWorldRow[];
  coverage: WorldCoverage[];
  /** Partners missing a variable in every year, with the variables (they cannot enter a fit). */
  dropped: { partner: string; missing: string[] }[];
  /** Counts of what was left aside on the way (other flows, other reporters' rows...). */
  notes: string[];
}

/** Inputs of {@link buildChinaWorldPanel}, already read. */
export interface ChinaWorldInputs {
  trade: WorldTradeColumns;
  gdp: { iso3: string; year: number | null; value: number }[];
  pop: { iso3: string; year: number | null; value: number }[];
  geo: GeoPair[];
}

/**
 * Build the panel: one row per partner (any partner with a reported flow in the window) and
 * year, trade = exports + imports (missing when either flow is), joined to GDP, population and
 * the geography of the pair reporter -> partner.
 *
 * @example
 * ```ts
 * const p = buildChinaWorldPanel(inputs, { reporter: "CHN", years: { from: 2010, to: 2020 } });
 * p.dropped; // partners without GDP, population or geography, each named
 * ```
 */
export function buildChinaWorldPanel(
  inputs: ChinaWorldInputs,
  options: { reporter: string; years: { from: number; to: number } },
): ChinaWorldPanel {
  const { reporter, years } = options;
  const t = inputs.trade;
  const flows = new Map<string, { exports: number; imports: number; estimate: boolean }>();
  let otherFlow = 0;
  for (let i = 0; i < t.reporter.length; i++) {
    if (t.reporter[i] !== reporter) continue;
    const y = t.year[i];
    if (y < years.from || y > years.to || t.partner[i] === reporter) continue;
    const f = t.flow[i];
    if (f !== "exports" && f !== "imports") {
      otherFlow++;
      continue;
    }
    const key = `${t.partner[i]}|${y}`;
    const e = flows.get(key) ?? { exports: NaN, imports: NaN, estimate: false };
    e[f] = t.value[i];
    e.estimate ||= Boolean(t.estimate[i]);
    flows.set(key, e);
  }
  const partners = [...new Set([...flows.keys()].map((k) => k.split("|")[0]))].sort();
  const byYear = (obs: ChinaWorldInputs["gdp"]) =>
    new Map(obs.map((o) => [`${o.iso3}|${o.year}`, o.value]));
  const gdp = byYear(inputs.gdp);
  const pop = byYear(inputs.pop);
  const geo = new Map(
    inputs.geo.filter((g) => g.origin === reporter).map((g) => [g.destination, g]),
  );
  const rows: ChinaWorldRow[] = [];
  for (const partner of partners) {
    const g = geo.get(partner);
    for (let year = years.from; year <= years.to; year++) {
      const f = flows.get(`${partner}|${year}`);
      const exports = f?.exports ?? NaN;
      const imports = f?.imports ?? NaN;
      rows.push({
        partner,
        year,
        trade: exports + imports,
        exports,
        imports,
        estimate: f?.estimate ?? false,
        gdp: gdp.get(`${partner}|${year}`) ?? NaN,
        pop: pop.get(`${partner}|${year}`) ?? NaN,
        dist: g?.dist ?? NaN,
        distcap: g?.distcap ?? NaN,
        distw: g?.distw ?? NaN,
        contig: g?.contig ?? NaN,
        comlang_off: g?.comlang_off ?? NaN,
        colony: g?.colony ?? NaN,
        landlocked: g?.landlocked ?? NaN,
        ...(g?.mappedFrom ? { geoMappedFrom: g.mappedFrom } : {}),
      });
    }
  }
  const nYears = years.to - years.from + 1;
  const coverage: WorldCoverage[] = WORLD_VARIABLES.map((v) => {
    const have = new Map<string, number>();
    for (const r of rows) {
      if (!Number.isNaN(r[v.name])) have.set(r.partner, (have.get(r.partner) ?? 0) + 1);
    }
    return {
      variable: v.name,
      source: v.source,
      present: [...have.values()].reduce((a, b) => a + b, 0),
      total: partners.length * nYears,
      missingPartners: partners.filter((p) => !have.has(p)),
    };
  });
  const dropped = partners.flatMap((partner) => {
    const missing = coverage.filter((c) => c.missingPartners.includes(partner)).map((c) =>
      c.variable
    );
    return missing.length ? [{ partner, missing }] : [];
  });
  const notes = otherFlow
    ? [`${otherFlow} entries of other flows than exports/imports ignored`]
    : [];
  return { reporter, years, partners, rows, coverage, dropped, notes };
}

/** Options of {@link loadChinaWorldPanel}. */
export interface LoadChinaWorldOptions {
  /** Directory of the raw files (default "../shared/data/raw"). */
  raw?: string;
  reporter?: string;
  years?: { from: number; to: number };
  /** The code table (default data/cepii-iso3.csv). */
  mappingFile?: string;
  /** The world trade (default: `loadWorldPanel()` of lib/data/world.ts). */
  trade?: WorldTradeColumns;
  /** The world panel file `loadWorldPanel` reads (default its own, data/world-trade.csv.gz). */
  worldFile?: string;
}

async function read(path: string): Promise<string> {
  try {
    return await Deno.readTextFile(path);
  } catch (e) {
    throw new InputError(`${path}: cannot read the file (${(e as Error).name})`);
  }
}

/**
 * Read the raw files and build the China world panel.
 *
 * @example
 * ```ts
 * const p = await loadChinaWorldPanel({ years: { from: 2010, to: 2020 } });
 * ```
 */
export async function loadChinaWorldPanel(
  options: LoadChinaWorldOptions = {},
): Promise<ChinaWorldPanel> {
  const raw = options.raw ?? "../shared/data/raw";
  const mappingFile = options.mappingFile ?? CEPII_MAPPING_FILE;
  const mapping = parseCepiiMapping(await read(mappingFile), mappingFile);
  const geo = readGeoDist(
    await read(`${raw}/geo/cepii/dist_cepii.csv`),
    await read(`${raw}/geo/cepii/geo_cepii.csv`),
    mapping,
    {
      origins: [options.reporter ?? "CHN"],
      distFile: `${raw}/geo/cepii/dist_cepii.csv`,
      geoFile: `${raw}/geo/cepii/geo_cepii.csv`,
    },
  );
  const trade = options.trade ?? await worldTrade(options.reporter ?? "CHN", options.worldFile);
  const countries = { countries: [...new Set(Array.from(trade.partner))] };
  const gdpFile = `${raw}/wdi/gdp-current-usd-long.csv`;
  const popFile = `${raw}/wdi/population-long.csv`;
  const gdp = readWdiLong(await read(gdpFile), gdpFile, countries).observations;
  const pop = readWdiLong(await read(popFile), popFile, countries).observations;
  return buildChinaWorldPanel({ trade, gdp, pop, geo }, {
    reporter: options.reporter ?? "CHN",
    years: options.years ?? { from: 2010, to: 2020 },
  });
}

/**
 * The world panel as `loadWorldPanel()` (lib/data/world.ts) returns it: codes indexed by the
 * reporter and partner columns, flow 0 = exports (FOB), 1 = imports (CIF), value in USD,
 * estimate 1 = an IMF estimate.
 */
export interface IndexedWorldTrade {
  n: number;
  codes: string[];
  reporter: ArrayLike<number>;
  partner: ArrayLike<number>;
  flow: ArrayLike<number>;
  year: ArrayLike<number>;
  value: ArrayLike<number>;
  estimate: ArrayLike<number>;
}

/**
 * One reporter's rows of the indexed world panel as the columns this module reads.
 *
 * @example
 * ```ts
 * const chn = reporterTrade(await loadWorldPanel(), "CHN");
 * ```
 */
export function reporterTrade(w: IndexedWorldTrade, reporter: string): WorldTradeColumns {
  const r = w.codes.indexOf(reporter);
  const out = emptyTradeColumns();
  for (let i = 0; i < w.n; i++) {
    if (w.reporter[i] !== r) continue;
    out.reporter.push(reporter);
    out.partner.push(w.codes[w.partner[i]]);
    out.flow.push(w.flow[i] === 0 ? "exports" : w.flow[i] === 1 ? "imports" : String(w.flow[i]));
    out.year.push(w.year[i]);
    out.value.push(w.value[i]);
    out.estimate.push(w.estimate[i] === 1);
  }
  return out;
}

/** The world trade from lib/data/world.ts (built by `deno task import`). */
async function worldTrade(reporter: string, file?: string): Promise<WorldTradeColumns> {
  return reporterTrade(await loadWorldPanel(file), reporter);
}
