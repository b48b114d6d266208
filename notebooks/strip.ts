/**
 * Strip outputs, execution counts and execution timestamps from notebooks before committing:
 * `deno task strip` (all of notebooks/) or `deno task strip notebooks/01-data.ipynb ...`.
 * @module
 */
import { listNotebooks, notebookJson, stripNotebook } from "./harness.ts";

const dir = new URL(".", import.meta.url).pathname;
const paths = Deno.args.length ? Deno.args : listNotebooks(dir);
for (const path of paths) {
  const before = Deno.readTextFileSync(path);
  const after = notebookJson(stripNotebook(JSON.parse(before)));
  if (after !== before) {
    Deno.writeTextFileSync(path, after);
    console.log(`stripped ${path}`);
  } else {
    console.log(`clean    ${path}`);
  }
}
