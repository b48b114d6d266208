/**
 * `deno task report`: execute every notebook in notebooks/ on the Deno kernel and render it to
 * HTML in out/notebooks/ (offline pages: math typeset with KaTeX, see render.ts), then write
 * out/index.html linking them. Exits 1 if any notebook fails
 * (the index still lists every notebook with its status). `deno task report DIR` renders the
 * notebooks of another directory.
 * @module
 */
import { escapeXml as escape } from "../lib/report/escape.ts";
import { listNotebooks } from "./harness.ts";
import { renderNotebook } from "./render.ts";

const root = new URL("..", import.meta.url).pathname.replace(/\/$/, "");
// Optional argument: another directory of notebooks (default notebooks/).
const notebooks = listNotebooks(Deno.args[0] ?? `${root}/notebooks`);
const rows: string[] = [];
let failed = 0;
for (const path of notebooks) {
  const name = path.slice(path.lastIndexOf("/") + 1);
  const r = await renderNotebook(path, { outDir: `${root}/out/notebooks` });
  const html = name.replace(/\.ipynb$/, ".html");
  console.log(`${r.ok ? "ok    " : "FAILED"} ${name} (${r.seconds.toFixed(1)} s)`);
  if (!r.ok) {
    failed++;
    console.error(r.error);
  }
  rows.push(
    r.ok
      ? `<li><a href="notebooks/${escape(html)}">${escape(name)}</a> (${
        r.seconds.toFixed(1)
      } s)</li>`
      : `<li>${escape(name)}: <strong>failed</strong><pre>${escape(r.error)}</pre></li>`,
  );
}
const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>cbec-gravity notebooks</title>
<style>body{font-family:system-ui,sans-serif;max-width:760px;margin:2em auto;padding:0 1em}
pre{white-space:pre-wrap;font-size:0.8em;background:#f6f6f6;padding:0.5em}</style></head>
<body><h1>cbec-gravity notebooks</h1>
<p>Executed on the Deno kernel by <code>deno task report</code>.</p>
<ol>
${rows.join("\n") || "<li>no notebooks in notebooks/</li>"}
</ol></body></html>
`;
Deno.mkdirSync(`${root}/out`, { recursive: true });
Deno.writeTextFileSync(`${root}/out/index.html`, page);
console.log(`wrote out/index.html (${notebooks.length} notebooks, ${failed} failed)`);
if (failed) Deno.exit(1);
