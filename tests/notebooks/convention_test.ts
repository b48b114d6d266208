/**
 * The notebooks' reading convention (README "Notebooks"): the first cell says, in one sentence
 * after its title, the question the notebook answers ("**The question:** ...?"), and the last
 * cell is the "What we found" cell, which builds its sentences from the notebook's results with
 * `whatWeFound(...)` and types no figure (no decimal number, no year) of its own.
 */
import assert from "node:assert/strict";
import { listNotebooks, type Notebook } from "../../notebooks/harness.ts";

const dir = new URL("../../notebooks", import.meta.url).pathname;
const text = (s: string | string[]) => [s].flat().join("");

for (const path of listNotebooks(dir)) {
  const name = path.slice(path.lastIndexOf("/") + 1);
  const nb: Notebook = JSON.parse(Deno.readTextFileSync(path));

  Deno.test(`notebook ${name}: the first cell states its question in one sentence`, () => {
    const first = nb.cells[0];
    assert.equal(first.cell_type, "markdown");
    const lines = text(first.source).split("\n");
    assert.match(lines[0], /^# /, "the first line is the title");
    const q = lines.find((l) => l.startsWith("**The question:** "));
    assert.ok(q, 'no "**The question:** ...?" line in the first cell');
    const sentence = q.slice("**The question:** ".length);
    assert.match(sentence, /^[^?]+\?$/, "one question, ending with its question mark");
    assert.doesNotMatch(sentence, /[.!] /, "one sentence");
    assert.equal(
      lines.slice(1).find((l) => l.trim() !== ""),
      q,
      "the question comes right after the title",
    );
  });

  Deno.test(`notebook ${name}: the last cell says what we found, computed from the results`, () => {
    const last = nb.cells.at(-1)!;
    assert.equal(last.cell_type, "code");
    const src = text(last.source);
    assert.match(src, /^\/\/ What we found/, "the cell opens with its name");
    assert.match(src, /await show\(whatWeFound\(/);
    // every figure comes from a variable: no typed decimal number or year in the sentences
    const code = src.split("\n").slice(1).join("\n");
    assert.doesNotMatch(code, /(?<![\w.])\d+\.\d+(?![\w.])/, "a typed decimal number");
    assert.doesNotMatch(code, /(?<![\w.])(19|20)\d\d(?![\w.])/, "a typed year");
  });
}
