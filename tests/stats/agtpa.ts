/**
 * Shared loaders of the Yotov et al. (2016) datasets (../shared/data/raw/gravity-teaching/agtpa/).
 */
import { readNumericColumns } from "../../lib/data/numeric_csv.ts";
import { loadWorldPanel } from "../../lib/data/world.ts";

const AGTPA = new URL("../../../shared/data/raw/gravity-teaching/agtpa/", import.meta.url).pathname;

/** The 2006 cross-section of Chapter2Application2.csv with INTL_BRDR = exporter != importer. */
export async function border2006() {
  const file = AGTPA + "Chapter2Application2.csv";
  const d = await readNumericColumns(
    file,
    ["year", "trade", "DIST", "CNTG", "pair_id"],
    ["exporter", "importer"],
  );
  const idx = [...d.columns.year.keys()].filter((i) => d.columns.year[i] === 2006);
  const col = (v: ArrayLike<number>) => Float64Array.from(idx, (i) => v[i]);
  const lab = (v: ArrayLike<string>) => idx.map((i) => v[i]);
  const ex = d.strings.exporter, im = d.strings.importer;
  return {
    file,
    columns: {
      trade: col(d.columns.trade),
      DIST: col(d.columns.DIST),
      CNTG: col(d.columns.CNTG),
      INTL_BRDR: Float64Array.from(idx, (i) => (ex[i] === im[i] ? 0 : 1)),
      pair_id: col(d.columns.pair_id),
    },
    labels: { exporter: lab(ex), importer: lab(im) },
  };
}

const RENAME: Record<string, string> = { ROM: "ROU", ZAR: "COD", TMP: "TLS", YUG: "SRB" };
const DOTS_COUNTRIES = [
  "CHN",
  "KAZ",
  "KGZ",
  "TJK",
  "TKM",
  "UZB",
  "RUS",
  "USA",
  "DEU",
  "JPN",
  "KOR",
  "IND",
  "TUR",
  "IRN",
  "PAK",
  "GBR",
  "FRA",
  "ITA",
  "BRA",
  "CAN",
];

/**
 * The real IMF DOTS subset of tests/fixtures/stats/make_dots_fixture.py: exports (US$ millions)
 * among 20 countries, 2016-2020, joined to CEPII GeoDist.
 */
export async function dotsSubset() {
  const w = await loadWorldPanel(
    new URL("../../data/world-trade.csv.gz", import.meta.url).pathname,
  );
  const g = await readNumericColumns(
    new URL("../../../shared/data/raw/geo/cepii/dist_cepii.csv", import.meta.url).pathname,
    ["contig", "comlang_off", "colony", "dist"],
    ["iso_o", "iso_d"],
  );
  const geo = new Map<string, number>();
  const code = (c: string) => RENAME[c] ?? c;
  for (let i = 0; i < g.n; i++) {
    geo.set(`${code(g.strings.iso_o[i])}>${code(g.strings.iso_d[i])}`, i);
  }
  const cols = {
    trade: [] as number[],
    dist: [] as number[],
    contig: [] as number[],
    lang: [] as number[],
    colony: [] as number[],
  };
  const labels = { exporter: [] as string[], importer: [] as string[], year: [] as string[] };
  for (let i = 0; i < w.n; i++) {
    const e = w.codes[w.reporter[i]], m = w.codes[w.partner[i]];
    if (w.flow[i] !== 0 || w.year[i] < 2016 || w.year[i] > 2020 || e === m) continue;
    if (!DOTS_COUNTRIES.includes(e) || !DOTS_COUNTRIES.includes(m)) continue;
    const k = geo.get(`${e}>${m}`);
    if (k === undefined) continue;
    cols.trade.push(w.value[i] / 1e6);
    cols.dist.push(g.columns.dist[k]);
    cols.contig.push(g.columns.contig[k]);
    cols.lang.push(g.columns.comlang_off[k]);
    cols.colony.push(g.columns.colony[k]);
    labels.exporter.push(e);
    labels.importer.push(m);
    labels.year.push(String(w.year[i]));
  }
  return { file: "data/world-trade.csv.gz", columns: cols, labels };
}
