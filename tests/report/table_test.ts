import assert from "node:assert/strict";
import { formatCell, formatTable } from "../../lib/report/table.ts";

const spec = {
  columns: [{ key: "term" }, { key: "b", label: "Coef." }],
  rows: [{ term: "ln pgdp", b: 0.70312 }, { term: "a|b", b: NaN }],
};

Deno.test("formatTable lays out markdown, CSV and HTML", () => {
  assert.equal(
    formatTable(spec, "markdown"),
    "| term | Coef. |\n|:---|---:|\n| ln pgdp | 0.703 |\n| a\\|b | . |",
  );
  assert.equal(formatTable(spec, "csv"), "term,Coef.\nln pgdp,0.70312\na|b,\n");
  assert.match(formatTable(spec, "html"), /<td style="text-align:right">0.703<\/td>/);
});

Deno.test("formatCell uses exponents only for very large or small numbers", () => {
  assert.equal(formatCell(1234567.5), "1234567.500");
  assert.equal(formatCell(31200000000.5, 2), "3.12e+10");
  assert.equal(formatCell(42), "42");
});
