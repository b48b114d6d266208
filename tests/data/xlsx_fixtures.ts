/**
 * Small .xlsx fixtures made in the tests with write-excel-file (dev-only; lib/ never imports it):
 * DOTS-layout workbooks and Comtrade-layout reports whose every cell the test chooses.
 */
import writeXlsxFile from "write-excel-file/universal";

type Cell = string | number | null;

/** Write sheets of plain cells to .xlsx bytes. */
export async function xlsxBytes(sheets: { sheet: string; rows: Cell[][] }[]): Promise<Uint8Array> {
  const blob = await writeXlsxFile(
    sheets.map((s) => ({
      sheet: s.sheet,
      data: s.rows.map((r) => r.map((c) => (c === null ? null : { value: c }))),
    })),
  ).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}

/** Options of a DOTS-layout fixture; every field has a valid default. */
export interface DotsFixture {
  reporter?: string;
  units?: string;
  years?: (string | number | null)[];
  /** [partner name, ...values per year] for the exports sheet. */
  exports?: Cell[][];
  imports?: Cell[][];
  noYearRow?: boolean;
  sheetNames?: [string, string];
}

/** The rows of one DOTS sheet (title in row 2, reporter row 4, units row 5, years row 7). */
function dotsSheet(title: string, o: DotsFixture, partners: Cell[][]): Cell[][] {
  const years = o.years ?? [2019, 2020];
  return [
    [],
    [null, title],
    [],
    [null, o.reporter ?? "Kyrgyz Rep."],
    [null, o.units ?? "US Dollars, Millions"],
    [],
    o.noYearRow ? [] : [null, null, ...years],
    ...partners.map((p) => [null, ...p]),
  ];
}

/** A DOTS workbook as .xlsx bytes. */
export function dotsWorkbook(o: DotsFixture = {}): Promise<Uint8Array> {
  const [xs, ms] = o.sheetNames ?? ["Exports, FOB", "Imports, CIF"];
  return xlsxBytes([
    {
      sheet: xs,
      rows: dotsSheet(
        "Exports, FOB to Partner Countries",
        o,
        o.exports ?? [
          ["World", 100, 120],
          ["China, P.R.: Mainland", 61.5, "1,043.25 e"],
          ["Kazakhstan, Rep. of", 10, null],
        ],
      ),
    },
    {
      sheet: ms,
      rows: dotsSheet(
        "Imports, CIF from Partner Countries",
        o,
        o.imports ?? [
          ["World", 900, 800],
          ["China, P.R.: Mainland", 1942.25, 736.75],
          ["Euro Area", 5, 6],
        ],
      ),
    },
  ]);
}

/** The test's country-name table (a subset of data/country-names.csv). */
export const NAMES_CSV = [
  "name,iso3,kind",
  "World,,aggregate",
  "Euro Area,,aggregate",
  '"China, P.R.: Mainland",CHN,country',
  '"Kazakhstan, Rep. of",KAZ,country',
  "Kyrgyz Rep.,KGZ,country",
  "China,CHN,country",
  "Kyrgyzstan,KGZ,country",
  "Kazakhstan,KAZ,country",
  '"Other Asia, nes",,aggregate',
].join("\n") + "\n";

/** A Comtrade-layout report (header row, then rows). */
export function comtradeReport(rows: Cell[][], header?: string[]): Promise<Uint8Array> {
  return xlsxBytes([{
    sheet: "Sheet1",
    rows: [
      header ??
        ["", "refYear", "flowCode", "partnerDesc", "partner_rank", "reporterDesc", "partner_sum"],
      ...rows,
    ],
  }]);
}
