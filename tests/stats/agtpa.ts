/**
 * Shared loaders of the Yotov et al. (2016) datasets (../shared/data/raw/gravity-teaching/agtpa/).
 */
import { readNumericColumns } from "../../lib/data/read/numeric_csv.ts";
import { worldGravityData } from "../../lib/gravity/world/gravity_data.ts";

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
export function dotsSubset() {
  return worldGravityData({
    first: 2016,
    last: 2020,
    countries: DOTS_COUNTRIES,
    worldFile: new URL("../../data/world-trade.csv.gz", import.meta.url).pathname,
    cepiiFile:
      new URL("../../../shared/data/raw/geo/cepii/dist_cepii.csv", import.meta.url).pathname,
  });
}
