/**
 * Ambiguous headers are refused in every reader: a column that a command uses, named twice or
 * empty, is one line naming the file and the column (never "use the first one").
 */
import assert from "node:assert/strict";
import { columnIndex, numericColumn, parseCsv } from "../../../lib/data/read/csv.ts";
import { assertUniqueHeader, findColumn } from "../../../lib/data/read/header.ts";
import { readNumericColumns } from "../../../lib/data/read/numeric_csv.ts";
import { readCapitals } from "../../../lib/data/sources/capitals.ts";
import { readCepii } from "../../../lib/data/sources/cepii.ts";
import { readOilAnnual } from "../../../lib/data/sources/oil_prices.ts";
import { selectTotalsPages, selectTradePages } from "../../../lib/data/sources/pages.ts";
import { readDdf, readWdiApi, readWdiBulk, readWdiLong } from "../../../lib/data/sources/wdi.ts";
import { oneLine, oneLineAsync } from "../one_line.ts";
import { freshTmp } from "../../tmp.ts";

const TMP = freshTmp("header-") + "/";

Deno.test("findColumn: found once, missing, repeated, empty", () => {
  assert.equal(findColumn("f.csv", ["a", "b", "c"], "b"), 1);
  oneLine(() => findColumn("f.csv", ["a", "b"], "z"), 'f.csv: no column "z" (columns: a, b)');
  oneLine(
    () => findColumn("f.csv", ["x", "y", "x"], "x"),
    'f.csv: column "x" appears 2 times in the header (columns 1, 3); rename one',
  );
  oneLine(() => findColumn("f.csv", ["a", ""], ""), /^f\.csv: an empty column name was asked for/);
});

Deno.test("assertUniqueHeader checks only the used columns unless told all are used", () => {
  assertUniqueHeader("f.csv", ["a", "b", "a", ""], ["b"]);
  oneLine(
    () => assertUniqueHeader("f.csv", ["a", "b", "a"]),
    'f.csv: column "a" appears 2 times in the header (columns 1, 3); rename one',
  );
  oneLine(
    () => assertUniqueHeader("f.csv", ["a", "", "b"]),
    "f.csv: column 2 of the header has an empty name",
  );
});

Deno.test("csv.ts: a repeated column (also after trimming) is refused when used", () => {
  const t = parseCsv("gdp,pop, gdp\n1,2,3\n", { file: "p.csv" });
  assert.deepEqual(Array.from(numericColumn(t, "pop")), [2]);
  oneLine(
    () => columnIndex(t, "gdp"),
    'p.csv: column "gdp" appears 2 times in the header (columns 1, 3); rename one',
  );
});

Deno.test("numeric_csv.ts (the fit/pca reader): repeated column refused on both paths", async () => {
  const plain = `${TMP}plain.csv`;
  const quoted = `${TMP}quoted.csv`;
  await Deno.writeTextFile(plain, "y,x,x\n1,2,3\n4,5,6\n");
  await Deno.writeTextFile(quoted, 'y,x,"x"\n1,"2",3\n');
  const msg = (f: string) =>
    `${f}: column "x" appears 2 times in the header (columns 2, 3); rename one`;
  await oneLineAsync(() => readNumericColumns(plain, ["y", "x"]), msg(plain));
  await oneLineAsync(() => readNumericColumns(quoted, ["x"]), msg(quoted));
  await oneLineAsync(() => readNumericColumns(plain, ["y"], ["x"]), msg(plain));
  const ok = await readNumericColumns(plain, ["y"]);
  assert.deepEqual(Array.from(ok.columns.y), [1, 4]);
});

Deno.test("wdi.ts: repeated year or code columns, long and DDF layouts", () => {
  const f = { countries: ["KAZ"] };
  oneLine(
    () =>
      readWdiBulk(
        "Country Name,Country Code,Indicator Name,Indicator Code,2015,2015\nK,KAZ,n,I,1,2\n",
        "bulk.csv",
        "I",
        f,
      ),
    'bulk.csv: column "2015" appears 2 times in the header (columns 5, 6); rename one',
  );
  const api = '"Data Source","WDI",\n\n"Country Name","Country Code","Indicator Name",' +
    '"Indicator Code","Country Code","2015",\n"K","KAZ","n","I","KAZ","1",\n';
  oneLine(
    () => readWdiApi(api, "api.csv", "I", f),
    'api.csv: column "Country Code" appears 2 times in the header (columns 2, 5); rename one',
  );
  oneLine(
    () => readWdiLong("Country Code,Year,Value,Value\nKAZ,2015,1,2\n", "long.csv", f),
    'long.csv: column "Value" appears 2 times in the header (columns 3, 4); rename one',
  );
  oneLine(
    () => readDdf("geo,time,x,time\nkaz,2015,1,2016\n", "ddf.csv", "x", f),
    'ddf.csv: column "time" appears 2 times in the header (columns 2, 4); rename one',
  );
  // An unused repeated column is not ambiguous: the reader goes on.
  const r = readWdiLong("Country Code,Year,Value,note,note\nKAZ,2015,1,a,b\n", "long.csv", f);
  assert.deepEqual(r.observations.map((o) => o.value), [1]);
});

Deno.test("oil prices, capitals, CEPII and the page files refuse repeated columns", () => {
  const rep = (file: string, col: string, a: number, b: number) =>
    `${file}: column "${col}" appears 2 times in the header (columns ${a}, ${b}); rename one`;
  oneLine(
    () => readOilAnnual("Date,Price,Price\n2015-01-01,1,2\n", "oil.csv"),
    rep("oil.csv", "Price", 2, 3),
  );
  oneLine(
    () =>
      readCapitals(
        "CountryName,CapitalName,CapitalLatitude,CapitalLatitude,CapitalLongitude,CountryCode\n",
        "cap.csv",
        { iso2: { KAZ: "KZ" }, column: "CapitalLongitude" },
      ),
    rep("cap.csv", "CapitalLatitude", 3, 4),
  );
  oneLine(
    () =>
      readCepii("iso_o,iso_d,distcap,distcap\nCHN,KAZ,1,2\n", "cepii.csv", {
        reporter: "CHN",
        partners: ["KAZ"],
        column: "distcap",
      }),
    rep("cepii.csv", "distcap", 3, 4),
  );
  oneLine(
    () =>
      selectTradePages(
        "year,partner,flow,value,value,unit,reporter_basis,note\n",
        "trade.csv",
        { partners: ["KAZ"], years: [2015] },
      ),
    rep("trade.csv", "value", 4, 5),
  );
  oneLine(
    () =>
      selectTotalsPages("year,indicator,value,unit,year\n", "cbec.csv", {
        indicator: "cbec_total",
        units: {},
        years: [2015],
      }),
    rep("cbec.csv", "year", 1, 5),
  );
});

Deno.test("a country-year given twice in one source file is refused, naming both rows", () => {
  const f = { countries: ["KAZ"] };
  oneLine(
    () => readWdiLong("Country Code,Year,Value\nKAZ,2015,1\nKGZ,2015,3\nKAZ,2015,2\n", "l.csv", f),
    "l.csv: row 4: KAZ 2015 appears twice (rows 2, 4); keep one",
  );
  oneLine(
    () => readDdf("geo,time,x\nkaz,2015,1\nKAZ,2015,1\n", "d.csv", "x", f),
    "d.csv: row 3: KAZ 2015 appears twice (rows 2, 3); keep one",
  );
  oneLine(
    () =>
      readWdiBulk(
        "Country Name,Country Code,Indicator Name,Indicator Code,2015\nK,KAZ,n,I,1\nK,KAZ,n,I,2\n",
        "b.csv",
        "I",
        f,
      ),
    "b.csv: row 3: KAZ 2015 appears twice (rows 2, 3); keep one",
  );
  oneLine(
    () => readOilAnnual("Date,Price\n2015-06-30,52\n2015-12-31,40\n", "oil.csv"),
    "oil.csv: row 3: year 2015 appears twice (rows 2, 3); keep one",
  );
  oneLine(
    () =>
      readCepii("iso_o,iso_d,distcap\nCHN,KAZ,1\nCHN,KAZ,2\n", "c.csv", {
        reporter: "CHN",
        partners: ["KAZ"],
        column: "distcap",
      }),
    "c.csv: row 3: KAZ appears twice (rows 2, 3); keep one",
  );
  // Rows the filter drops (another country, a missing value) are not counted.
  const ok = readWdiLong("Country Code,Year,Value\nKAZ,2015,1\nKAZ,2015,..\n", "l.csv", f);
  assert.deepEqual(ok.observations.map((o) => o.value), [1]);
});
