import assert from "node:assert/strict";
import { parseDots, parseDotsValue } from "../../../lib/data/sources/dots.ts";
import { parseXlsx } from "../../../lib/data/read/xlsx.ts";
import { parseCountryNames } from "../../../lib/data/sources/country_names.ts";
import { InputError } from "../../../lib/errors.ts";
import { dotsWorkbook, NAMES_CSV } from "../xlsx_fixtures.ts";

const names = parseCountryNames(NAMES_CSV, "names.csv");
const read = async (bytes: Uint8Array, file = "DOTS_9.xlsx") =>
  parseDots(await parseXlsx(bytes, file), file, names);
const oneLine = (re: RegExp) => (e: Error) =>
  e instanceof InputError && re.test(e.message) && !e.message.includes("\n");

Deno.test("DOTS value text: plain, thousands separator, IMF estimate suffix", () => {
  assert.deepEqual(parseDotsValue("5480.1369999999997"), { value: 5480.137, estimate: false });
  assert.deepEqual(parseDotsValue("1,043.25 e"), { value: 1043.25, estimate: true });
  assert.deepEqual(parseDotsValue("12 e"), { value: 12, estimate: true });
  assert.equal(parseDotsValue("n.a."), null);
  assert.equal(parseDotsValue("1,23"), null);
});

Deno.test("a DOTS workbook made in the test: reporter, flows, estimates, aggregates dropped", async () => {
  const wb = await read(await dotsWorkbook());
  assert.equal(wb.reporter, "KGZ");
  assert.equal(wb.reporterName, "Kyrgyz Rep.");
  // World and Euro Area rows are aggregates: 2 + 2 + 2 non-empty cells, none in `cells`.
  assert.equal(wb.aggregateCells, 6);
  assert.deepEqual(
    wb.cells.map((c) => [c.flow, c.partner, c.year, c.value, c.estimate, c.row, c.column]),
    [
      ["X", "CHN", 2019, 61.5, false, 9, "C"],
      ["X", "CHN", 2020, 1043.25, true, 9, "D"],
      ["X", "KAZ", 2019, 10, false, 10, "C"],
      ["M", "CHN", 2019, 1942.25, false, 9, "C"],
      ["M", "CHN", 2020, 736.75, false, 9, "D"],
    ],
  );
});

Deno.test("an identical repeated partner row is dropped and counted; a different one stops", async () => {
  const rows = [["Kazakhstan, Rep. of", 1, 2], ["World", 3, 4], ["Kazakhstan, Rep. of", 1, 2]];
  const wb = await read(await dotsWorkbook({ exports: rows }));
  assert.deepEqual(wb.duplicateRows, [{
    sheet: "Exports, FOB",
    row: 10,
    name: "Kazakhstan, Rep. of",
    cells: 2,
  }]);
  assert.equal(wb.cells.filter((c) => c.flow === "X").length, 2);
  const bad = [["Kazakhstan, Rep. of", 1, 2], ["Kazakhstan, Rep. of", 1, 5]];
  await assert.rejects(
    read(await dotsWorkbook({ exports: bad })),
    oneLine(
      /^DOTS_9\.xlsx, sheet "Exports, FOB", row 9: partner "Kazakhstan, Rep\. of" repeats with different values$/,
    ),
  );
});

Deno.test("bad DOTS workbooks: one line naming workbook, sheet, row", async () => {
  await assert.rejects(
    read(await dotsWorkbook({ noYearRow: true })),
    oneLine(/^DOTS_9\.xlsx, sheet "Exports, FOB", row 7: no year row/),
  );
  await assert.rejects(
    read(await dotsWorkbook({ years: [2019, "total"] })),
    oneLine(/^DOTS_9\.xlsx, sheet "Exports, FOB", row 7, column D: "total" is not a year/),
  );
  await assert.rejects(
    read(await dotsWorkbook({ units: "US Dollars, Thousands" })),
    oneLine(
      /^DOTS_9\.xlsx, sheet "Exports, FOB", row 5: units "US Dollars, Thousands" are not "US Dollars, Millions"$/,
    ),
  );
  await assert.rejects(
    read(await dotsWorkbook({ exports: [["Atlantis", 1, 2]] })),
    oneLine(
      /^DOTS_9\.xlsx, sheet "Exports, FOB", row 8: unknown country name "Atlantis" \(add it to data\/country-names\.csv\)$/,
    ),
  );
  await assert.rejects(
    read(await dotsWorkbook({ reporter: "Atlantis" })),
    oneLine(/^DOTS_9\.xlsx, sheet "Exports, FOB", row 4: unknown reporter name "Atlantis"/),
  );
  await assert.rejects(
    read(await dotsWorkbook({ imports: [["Kazakhstan, Rep. of", "1.5", "n.a."]] })),
    oneLine(
      /^DOTS_9\.xlsx, sheet "Imports, CIF", row 8, column D \(Kazakhstan, Rep\. of, 2020\): "n\.a\." is not a number$/,
    ),
  );
  await assert.rejects(
    read(await dotsWorkbook({ sheetNames: ["Exports", "Imports, CIF"] })),
    oneLine(/^DOTS_9\.xlsx: no sheet "Exports, FOB" \(sheets: "Exports", "Imports, CIF"\)/),
  );
});

Deno.test("a corrupt .xlsx is one line naming the file", async () => {
  const bytes = await dotsWorkbook();
  await assert.rejects(
    parseXlsx(bytes.slice(0, 200), "broken.xlsx"),
    oneLine(/^broken\.xlsx: not a readable \.xlsx workbook/),
  );
  await assert.rejects(
    parseXlsx(new TextEncoder().encode("reporter,partner\n"), "text.xlsx"),
    oneLine(/^text\.xlsx: not a readable \.xlsx workbook/),
  );
});
