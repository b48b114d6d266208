/**
 * Excel workbooks (lib/report/xlsx.ts), read back with read-excel-file (the project's reader):
 * one sheet per table with the title, the headers, the rows and the notes; numbers stored as
 * numbers at full precision, text as text, missing values as empty cells, other values as the
 * column prints them; the same bytes for the same tables; sheet names made valid and unique.
 */
import assert from "node:assert/strict";
import readXlsxFile from "read-excel-file/universal";
import { sheetName, xlsxWorkbook } from "../../lib/report/xlsx.ts";
import type { TableSpec } from "../../lib/report/table.ts";

const SPEC: TableSpec = {
  title: "Table 2. Ours",
  columns: [
    { key: "term", label: "Term" },
    { key: "b", label: "Coef." },
    { key: "sign", label: "Same sign", format: (v) => (v ? "yes" : "NO") },
    { key: "frac", label: "Years", format: (v) => `${(v as { a: number }).a}/8` },
  ],
  rows: [
    { term: "ln_x", b: 0.87683843977097, sign: true, frac: { a: 7 } },
    { term: "tiny", b: 6.109e-6, sign: false, frac: { a: 8 } },
    { term: "big", b: -21522000000.5, sign: null, frac: { a: 1 } },
    { term: "gap", b: NaN, sign: true, frac: { a: 0 } },
    { term: "none", b: null, sign: true, frac: { a: 0 } },
  ],
  notes: ["Note one.", "Note two."],
};

Deno.test("xlsxWorkbook: headers, numbers as numbers (exact), text, empty cells, notes, one sheet per table", async () => {
  const bytes = await xlsxWorkbook([
    { name: "Table 2", spec: SPEC },
    { name: "Table 2", spec: { columns: [{ key: "k" }], rows: [{ k: 1 }] } },
  ]);
  const sheets = await readXlsxFile(bytes.buffer as ArrayBuffer);
  assert.deepEqual(sheets.map((s) => s.sheet), ["Table 2", "Table 2 (2)"]);
  const rows = sheets[0].data;
  assert.deepEqual(rows[0][0], "Table 2. Ours");
  assert.deepEqual(rows[1], ["Term", "Coef.", "Same sign", "Years"]);
  assert.deepEqual(rows[2], ["ln_x", 0.87683843977097, "yes", "7/8"]);
  assert.deepEqual(rows[3], ["tiny", 6.109e-6, "NO", "8/8"]);
  assert.deepEqual(rows[4], ["big", -21522000000.5, null, "1/8"]);
  assert.deepEqual(rows[5], ["gap", null, "yes", "0/8"]);
  assert.deepEqual(rows[6], ["none", null, "yes", "0/8"]);
  for (const r of rows.slice(2, 5)) assert.equal(typeof r[1], "number");
  assert.deepEqual(rows.slice(-2).map((r) => r[0]), ["Note one.", "Note two."]);
  assert.deepEqual(sheets[1].data, [["k"], [1]]);
});

Deno.test("xlsxWorkbook: the same tables give the same bytes, whenever they are written", async () => {
  const a = await xlsxWorkbook([{ name: "Table 2", spec: SPEC }]);
  // zip entries carry a time with 2-second resolution: write again after the next tick of it
  await new Promise((resolve) => setTimeout(resolve, 2100));
  const b = await xlsxWorkbook([{ name: "Table 2", spec: SPEC }]);
  assert.deepEqual(a, b);
});

Deno.test("sheetName: Excel's forbidden characters removed, 31 characters at most, repeats numbered", () => {
  const used = new Set<string>();
  assert.equal(sheetName("a/b\\c[d]:e*f?g", used), "abcdefg");
  const long = "Scenario 1 projections of trade and K to 2030";
  assert.equal(sheetName(long, used), long.slice(0, 31));
  assert.equal(sheetName(long, used), long.slice(0, 27) + " (2)");
  assert.equal(sheetName("ABCDEFG", used), "ABCDEFG (2)", "case-insensitive, as Excel");
  assert.equal(sheetName(" ", used), "Sheet");
});
