/**
 * Every notebook in notebooks/ (or in $CBEC_NOTEBOOKS) is committed stripped, declares the
 * figures and tables it must produce in `metadata.cbec.expect`, and executes top to bottom on the
 * Deno kernel through `jupyter nbconvert --execute`, producing at least those outputs.
 */
import assert from "node:assert/strict";
import {
  countOutputs,
  executeNotebook,
  listNotebooks,
  type Notebook,
  stripNotebook,
  strippedProblems,
} from "../notebooks/harness.ts";

const dir = Deno.env.get("CBEC_NOTEBOOKS") ??
  new URL("../notebooks", import.meta.url).pathname;
// executed copies go to a fresh temporary directory (removed at the end): no earlier run's file
// can stand in for this run's output
const tmpRoot = new URL("../out/test-tmp", import.meta.url).pathname;
Deno.mkdirSync(tmpRoot, { recursive: true });
const outDir = Deno.makeTempDirSync({ dir: tmpRoot, prefix: "notebooks-" });
globalThis.addEventListener("unload", () => Deno.removeSync(outDir, { recursive: true }));
const read = (path: string): Notebook => JSON.parse(Deno.readTextFileSync(path));

Deno.test("harness: the notebook folder holds notebooks (none found is a failure, not a pass)", () => {
  const found = listNotebooks(dir);
  assert.ok(found.length > 0, `no notebooks (*.ipynb) found in ${dir}`);
  if (!Deno.env.get("CBEC_NOTEBOOKS")) {
    assert.ok(found.length >= 5, `only ${found.length} in ${dir}`);
  }
});

for (const path of listNotebooks(dir)) {
  const name = path.slice(path.lastIndexOf("/") + 1);

  Deno.test(`notebook ${name}: committed stripped, with metadata.cbec.expect`, () => {
    assert.deepEqual(strippedProblems(read(path)), [], `run: deno task strip ${path}`);
  });

  Deno.test(`notebook ${name}: executes on the Deno kernel and shows its figures and tables`, async () => {
    const r = await executeNotebook(path, { outDir });
    assert.ok(r.ok, `${name} failed after ${r.seconds.toFixed(1)} s:\n${r.error}`);
    const executed = read(r.output);
    const counts = countOutputs(executed);
    assert.deepEqual(counts.errors, []);
    const expect = read(path).metadata.cbec?.expect ?? {};
    assert.ok(
      counts.svg >= (expect.svg ?? 0),
      `${name}: ${counts.svg} SVG outputs, expected at least ${expect.svg}`,
    );
    assert.ok(
      counts.tables >= (expect.tables ?? 0),
      `${name}: ${counts.tables} HTML tables, expected at least ${expect.tables}`,
    );
  });
}

// The harness's own checks, on notebooks built here.
const cell = (outputs: unknown[], count: number | null = null) => ({
  cell_type: "code" as const,
  source: ["1"],
  metadata: {},
  outputs: outputs as Notebook["cells"][0]["outputs"],
  execution_count: count,
});

Deno.test("harness: counts SVG and table outputs, errors, and strips outputs", () => {
  const nb: Notebook = {
    cells: [
      cell([{ output_type: "display_data", data: { "image/svg+xml": "<svg/>" } }], 1),
      cell([{
        output_type: "execute_result",
        data: { "text/html": ["<div>", "<svg></svg></div>"] },
      }]),
      cell([{ output_type: "display_data", data: { "text/html": "<table></table>" } }]),
      cell([{ output_type: "stream", text: "<svg> in text is not a figure" }]),
      cell([{ output_type: "error", ename: "TypeError", evalue: "x is undefined", traceback: [] }]),
      { cell_type: "markdown", source: "# hi", metadata: {} },
    ],
    metadata: { kernelspec: { name: "deno" } },
    nbformat: 4,
    nbformat_minor: 5,
  };
  assert.deepEqual(countOutputs(nb), { svg: 2, tables: 1, errors: ["TypeError: x is undefined"] });
  assert.deepEqual(strippedProblems(nb), [
    "cell 1: has outputs",
    "cell 1: has execution_count 1",
    "cell 2: has outputs",
    "cell 3: has outputs",
    "cell 4: has outputs",
    "cell 5: has outputs",
    "metadata.cbec.expect {svg, tables} is missing",
  ]);
  nb.metadata.cbec = { expect: { svg: 2, tables: 1 } };
  const clean = stripNotebook(nb);
  assert.deepEqual(strippedProblems(clean), []);
  assert.deepEqual(countOutputs(clean), { svg: 0, tables: 0, errors: [] });
  assert.equal(clean.cells[5].source, "# hi");
});
