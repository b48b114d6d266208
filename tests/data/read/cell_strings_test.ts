/**
 * readNumericColumns' string columns (lib/data/read/numeric_csv.ts): repeated short ASCII cells are
 * made once and shared, and every cell still reads as its trimmed text (padded, non-ASCII, long,
 * quoted cells), as `String.prototype.trim` of the decoded field.
 */
import assert from "node:assert/strict";
import { readNumericColumns } from "../../../lib/data/read/numeric_csv.ts";
import { freshTmp } from "../../tmp.ts";

Deno.test("string cells: the trimmed text of each field; repeated short ASCII values share one string", async () => {
  const long = "L".repeat(70);
  const cells = ["AUT", " AUT ", "Zürich", long, "AUT", "\tBEL", "", "a b", long, "BEL"];
  const file = `${freshTmp("cell-strings-")}/s.csv`;
  await Deno.writeTextFile(file, "v,s\n" + cells.map((c, i) => `${i},${c}`).join("\n") + "\n");
  const d = await readNumericColumns(file, ["v"], ["s"]);
  assert.deepEqual(d.strings.s, cells.map((c) => c.trim()));
  assert.deepEqual([...d.columns.v], cells.map((_, i) => i));
  // quoted cells go through papaparse and read the same
  await Deno.writeTextFile(file, 'v,s\n0,"AUT"\n1," A,B "\n');
  const q = await readNumericColumns(file, ["v"], ["s"]);
  assert.deepEqual(q.strings.s, ["AUT", "A,B"]);
});

Deno.test("string cells: many distinct values (more than the shared table holds) all read right", async () => {
  const n = 70000;
  const file = `${freshTmp("cell-strings-")}/m.csv`;
  const rows = Array.from({ length: n }, (_, i) => `${i},K${i % 66000}`);
  await Deno.writeTextFile(file, "v,s\n" + rows.join("\n") + "\n");
  const d = await readNumericColumns(file, ["v"], ["s"]);
  assert.equal(d.n, n);
  d.strings.s.forEach((s, i) => assert.equal(s, `K${i % 66000}`));
});
