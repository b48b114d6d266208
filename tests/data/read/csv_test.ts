import assert from "node:assert/strict";
import { numericColumn, parseCsv, parseNumber } from "../../../lib/data/read/csv.ts";

Deno.test("parseCsv handles BOM, CRLF and quoted commas", () => {
  const t = parseCsv('\ufeffname,value\r\n"Washington, D.C.",1.5\r\nAstana,2\r\n');
  assert.deepEqual(t.header, ["name", "value"]);
  assert.deepEqual(t.rows, [["Washington, D.C.", "1.5"], ["Astana", "2"]]);
  assert.deepEqual(Array.from(numericColumn(t, "value")), [1.5, 2]);
});

Deno.test("a bad number names file, row and column", () => {
  const t = parseCsv("a,b\n1,2\n3,1.2.3\n", { file: "x.csv" });
  assert.throws(() => numericColumn(t, "b"), {
    message: 'x.csv: row 3, column "b": "1.2.3" is not a number',
  });
  assert.ok(Number.isNaN(parseNumber("..", "x.csv", 2, "b")));
});

Deno.test("a row with too many fields is an error naming the row", () => {
  assert.throws(() => parseCsv("a,b\n1,2,3\n", { file: "y.csv" }), {
    message: "y.csv: row 2: 3 fields, but the header has 2",
  });
});
