import assert from "node:assert/strict";
import { InputError } from "../../../lib/errors.ts";
import { readNumericColumns, type ReadNumericOptions } from "../../../lib/data/read/numeric_csv.ts";
import { freshTmp } from "../../tmp.ts";

const DIR = freshTmp("numeric_csv-");

async function write(name: string, text: string): Promise<string> {
  const path = `${DIR}/${name}`;
  await Deno.writeTextFile(path, text);
  return path;
}

/** Every way of reading: the default, tiny chunks (rows split across reads), papaparse only. */
const WAYS: [string, ReadNumericOptions][] = [
  ["default", {}],
  ["7-byte chunks", { chunkBytes: 7 }],
  ["papaparse", { engine: "papaparse" }],
  ["papaparse, 5-byte chunks", { engine: "papaparse", chunkBytes: 5 }],
];

async function rejects(promise: Promise<unknown>, message: string): Promise<void> {
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(e instanceof InputError, `expected an InputError, got ${e}`);
    assert.equal(e.message, message);
    return true;
  });
}

Deno.test("readNumericColumns: values of a generated file are the numbers written", async () => {
  // Row i holds i + 0.25 (exact in binary), -i * 2^-3 and i * 10^3 written as an exponent.
  const lines = ["a,skip,b,c"];
  for (let i = 0; i < 3000; i++) lines.push(`${i}.25,zzz,-${i / 8},${i}e3`);
  const path = await write("known.csv", lines.join("\n") + "\n");
  for (const [way, options] of WAYS) {
    const r = await readNumericColumns(path, ["c", "a", "b"], [], options);
    assert.equal(r.n, 3000, way);
    assert.deepEqual(Object.keys(r.columns), ["c", "a", "b"]);
    for (let i = 0; i < 3000; i++) {
      assert.equal(r.columns.a[i], i + 0.25, `${way} a row ${i + 2}`);
      assert.ok(Object.is(r.columns.b[i], -i / 8), `${way} b row ${i + 2}`);
      assert.equal(r.columns.c[i], i * 1000, `${way} c row ${i + 2}`);
    }
  }
});

Deno.test("readNumericColumns: every number is read exactly as Number() reads it", async () => {
  // Doubles written in many forms (shortest round-trip, 17 digits, fixed, exponent, tiny, huge):
  // the byte fast path must round exactly as the JavaScript number parser does.
  let seed = 12345;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const cells: string[] = [];
  for (let i = 0; i < 20000; i++) {
    const v = (rand() - 0.5) * 10 ** Math.floor(rand() * 40 - 20);
    const forms = [
      String(v),
      v.toPrecision(17),
      v.toPrecision(15),
      v.toExponential(6),
      Math.abs(v) < 1e15 ? v.toFixed(8) : String(v),
      "0.30000000000000004",
      "+.5",
      "-0",
      "123456789012345678901234",
      "1e-320",
    ];
    cells.push(forms[i % forms.length]);
  }
  const lines = ["v"];
  for (const c of cells) lines.push(c);
  const path = await write("exact.csv", lines.join("\r\n"));
  const r = await readNumericColumns(path, ["v"]);
  assert.equal(r.n, cells.length);
  cells.forEach((c, i) => {
    assert.ok(Object.is(r.columns.v[i], Number(c)), `row ${i + 2}: "${c}" -> ${r.columns.v[i]}`);
  });
  assert.equal(r.columns.v[5], 0.1 + 0.2);
});

Deno.test("readNumericColumns: BOM, CRLF, quoted commas and quotes, string columns", async () => {
  const path = await write(
    "quoted.csv",
    '\ufeffname,"x",y\r\n"Kazakhstan, KZ",1.5,2\r\n"Tajik ""TJ""", NA ,3\r\n\r\n' +
      '"multi\r\nline",-4e-2,"5"\r\n',
  );
  for (const [way, options] of WAYS) {
    const r = await readNumericColumns(path, ["x", "y"], ["name"], options);
    assert.equal(r.n, 3, way);
    assert.deepEqual([...r.columns.x], [1.5, NaN, -0.04], way);
    assert.deepEqual([...r.columns.y], [2, 3, 5], way);
    assert.deepEqual(r.strings.name, ["Kazakhstan, KZ", 'Tajik "TJ"', "multi\r\nline"], way);
  }
});

Deno.test("readNumericColumns: BOM and CRLF without quotes (byte path), no final newline", async () => {
  const path = await write("crlf.csv", "\ufeffa,b\r\n1,2\r\n\r\n3, 4 \r\n5,6");
  for (const [way, options] of WAYS) {
    const r = await readNumericColumns(path, ["a", "b"], ["a"], options);
    assert.equal(r.n, 3, way);
    assert.deepEqual([...r.columns.a], [1, 3, 5], way);
    assert.deepEqual([...r.columns.b], [2, 4, 6], way);
    assert.deepEqual(r.strings.a, ["1", "3", "5"], way);
  }
});

Deno.test("readNumericColumns: missing tokens are NaN", async () => {
  const path = await write("missing.csv", "k,v\n1,\n2,NA\n3,..\n4,NaN\n5,N/A\n6,  \n7,8\n");
  for (const [way, options] of WAYS) {
    const r = await readNumericColumns(path, ["k", "v"], [], options);
    assert.deepEqual([...r.columns.k], [1, 2, 3, 4, 5, 6, 7], way);
    assert.deepEqual([...r.columns.v], [NaN, NaN, NaN, NaN, NaN, NaN, 8], way);
  }
});

Deno.test("readNumericColumns: a bad number deep in a 50 MB file names file, row and column", async () => {
  // 1,250,000 data rows of 40 bytes (50 MB); row 1,000,001 (data row index 999,999) has 1.2.3 in "c".
  const line = "1.500000,2.250000,3.125000,4.0625000000\n";
  const before = line.repeat(999_999);
  const path = `${DIR}/deep.csv`;
  await Deno.writeTextFile(
    path,
    "a,b,c,d\n" + before + "1.500000,2.250000,1.2.3,4.0625000000\n" + line.repeat(250_000),
  );
  try {
    assert.ok((await Deno.stat(path)).size > 50e6);
    await rejects(
      readNumericColumns(path, ["a", "c"]),
      `${path}: row 1000001, column "c": "1.2.3" is not a number`,
    );
    // A column not asked for is not parsed, so its bad cell is no error.
    const r = await readNumericColumns(path, ["d"]);
    assert.equal(r.n, 1_250_000);
    assert.equal(r.columns.d[1_249_999], 4.0625);
  } finally {
    await Deno.remove(path); // 50 MB: not left behind, pass or fail
  }
});

Deno.test("readNumericColumns: bad numbers in the papaparse path give the same message", async () => {
  const path = await write("bad_quoted.csv", 'id,v\n"a",1\n"b",12abc\n');
  for (const [way, options] of WAYS) {
    await rejects(
      readNumericColumns(path, ["v"], [], options),
      `${path}: row 3, column "v": "12abc" is not a number`,
    ).catch((e) => assert.fail(`${way}: ${e}`));
  }
  const path2 = await write("bad_plain.csv", "id,v\n1,0x10\n");
  await rejects(
    readNumericColumns(path2, ["v"]),
    `${path2}: row 2, column "v": "0x10" is not a number`,
  );
});

Deno.test("readNumericColumns: a malformed quote deep in the file names its row", async () => {
  // 30,000 quoted rows (several 1 MiB-or-smaller chunks), a malformed quote on spreadsheet row 25,002.
  const lines = ["a,b"];
  for (let i = 0; i < 30000; i++) lines.push(`${i},"x${i}"`);
  lines[25001] = '5,"bad"x';
  const path = await write("bad_quote_deep.csv", lines.join("\n") + "\n");
  for (
    const [way, options] of [["default", {}], ["64 KiB chunks", { chunkBytes: 65536 }]] as const
  ) {
    await rejects(
      readNumericColumns(path, ["a"], ["b"], options),
      `${path}: row 25002: trailing quote on quoted field is malformed`,
    ).catch((e) => assert.fail(`${way}: ${e}`));
  }
});

Deno.test("readNumericColumns: unknown column, ragged row, empty and missing files", async () => {
  const path = await write("cols.csv", "a,b,c\n1,2,3\n");
  await rejects(
    readNumericColumns(path, ["a", "z"]),
    `${path}: no column "z" (columns: a, b, c)`,
  );
  await rejects(
    readNumericColumns(path, ["a"], ["cluster"]),
    `${path}: no column "cluster" (columns: a, b, c)`,
  );
  const ragged = await write("ragged.csv", "a,b,c\n1,2,3\n4,5\n");
  for (const [way, options] of WAYS) {
    await rejects(
      readNumericColumns(ragged, ["a"], [], options),
      `${ragged}: row 3: 2 fields, but the header has 3`,
    ).catch((e) => assert.fail(`${way}: ${e}`));
  }
  const empty = await write("empty.csv", "");
  await rejects(readNumericColumns(empty, ["a"]), `${empty}: the file is empty (no header line)`);
  await rejects(
    readNumericColumns(`${DIR}/nope.csv`, ["a"]),
    `${DIR}/nope.csv: cannot read the file (NotFound)`,
  );
});

Deno.test("readNumericColumns: a header-only file gives zero rows", async () => {
  const path = await write("header_only.csv", "a,b\n");
  const r = await readNumericColumns(path, ["b"]);
  assert.equal(r.n, 0);
  assert.equal(r.columns.b.length, 0);
});
