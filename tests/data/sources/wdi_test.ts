import assert from "node:assert/strict";
import { readDdf, readWdiApi, readWdiBulk, readWdiLong } from "../../../lib/data/sources/wdi.ts";
import { InputError } from "../../../lib/errors.ts";

const FIX = new URL("../../fixtures/data", import.meta.url).pathname;
const read = (f: string) => Deno.readTextFileSync(`${FIX}/${f}`);

Deno.test("API download: metadata lines, BOM, CRLF, trailing comma, vintage kept", () => {
  const file = "API_SP.POP.TOTL_DS2_en_csv_v2_fixture.csv";
  const r = readWdiApi(read(file), file, "SP.POP.TOTL", { countries: ["KAZ", "KGZ"] });
  assert.equal(r.vintage, "2024-06-28");
  assert.deepEqual(
    r.observations.map((o) => [o.iso3, o.year, o.value, o.row]),
    [
      ["KAZ", 2014, 1000, 6],
      ["KAZ", 2015, 1100, 6],
      ["KGZ", 2014, 500, 7],
      ["KGZ", 2015, 510, 7],
      ["KGZ", 2016, 520, 7],
    ],
  );
});

Deno.test("bulk WDICSV: chooses the indicator, skips empty cells", () => {
  const r = readWdiBulk(read("wdi_bulk.csv"), "wdi_bulk.csv", "IT.NET.USER.ZS", {
    countries: ["KAZ", "TJK"],
  });
  assert.deepEqual(
    r.observations.map((o) => [o.iso3, o.year, o.value]),
    [["KAZ", 2014, 10], ["KAZ", 2015, 20.5], ["KAZ", 2016, 30], ["TJK", 2014, 5], [
      "TJK",
      2016,
      7,
    ]],
  );
});

Deno.test("long layout with configured columns (inflation file's `Country,...,CPI`)", () => {
  const r = readWdiLong(read("long_inflation.csv"), "long_inflation.csv", {
    countries: ["KAZ", "TJK"],
  }, { country: "Country Code", year: "Year", value: "CPI" });
  assert.deepEqual(r.observations.map((o) => [o.iso3, o.year, o.value]), [
    ["KAZ", 2015, 2.5],
    ["KAZ", 2016, 4.5],
  ]);
});

Deno.test("DDF: lower-case geo mapped to ISO3", () => {
  const r = readDdf(read("ddf.csv"), "ddf.csv", "it_net_user_zs", { countries: ["KAZ"] });
  assert.deepEqual(r.observations.map((o) => [o.iso3, o.year, o.value]), [
    ["KAZ", 2014, 60],
    ["KAZ", 2016, 71],
  ]);
});

Deno.test("bad files give one-line errors naming file, row and column", () => {
  const f = { countries: ["KAZ"] };
  assert.throws(
    () => readWdiLong(read("bad_number.csv"), "bad_number.csv", f),
    (e: Error) =>
      e instanceof InputError &&
      e.message === 'bad_number.csv: row 2, column "Value": "1.2.3" is not a number',
  );
  assert.throws(
    () => readWdiLong(read("bad_fields.csv"), "bad_fields.csv", f),
    (e: Error) =>
      e instanceof InputError &&
      e.message === "bad_fields.csv: row 2: 5 fields, but the header has 4",
  );
  assert.throws(
    () => readWdiLong(read("long_inflation.csv"), "long_inflation.csv", f),
    (e: Error) =>
      e instanceof InputError && /^long_inflation\.csv: no column "Value"/.test(e.message),
  );
  assert.throws(
    () => readWdiBulk(read("wdi_bulk.csv"), "wdi_bulk.csv", "XX.NOPE", f),
    (e: Error) =>
      e instanceof InputError && e.message === 'wdi_bulk.csv: indicator "XX.NOPE" not found',
  );
  assert.throws(
    () => readDdf(read("ddf.csv"), "ddf.csv", "xx_nope", f),
    (e: Error) => e instanceof InputError && /^ddf\.csv: no column "xx_nope"/.test(e.message),
  );
  assert.throws(
    () => readWdiApi("a,b\n1,2\n", "API_x.csv", "X", f),
    (e: Error) => e instanceof InputError && /^API_x\.csv: no header line/.test(e.message),
  );
});

Deno.test("long layout with a `where` filter (a future bilateral trade file)", () => {
  const r = readWdiLong(
    read("bilateral_long.csv"),
    "bilateral_long.csv",
    { countries: ["KAZ"] },
    { country: "partner", year: "year", value: "value_usd" },
    { reporter: "CHN", flow: "total" },
  );
  assert.deepEqual(r.observations, [{ iso3: "KAZ", year: 2015, value: 1234500000, row: 2 }]);
});
