/**
 * Build-time math for the rendered notebooks (notebooks/math.ts): TeX in markdown HTML becomes
 * KaTeX HTML, code and attributes are left alone, a TeX error names the expression, and the
 * stylesheet carries its fonts inline (no request leaves the page).
 */
import assert from "node:assert/strict";
import katex from "katex";
import {
  katexCss,
  MathError,
  offlineMath,
  typesetHtml,
  typesetNotebookHtml,
} from "../../notebooks/math.ts";

const render = (tex: string, displayMode: boolean) =>
  katex.renderToString(tex, { displayMode, throwOnError: true, output: "htmlAndMathml" });

Deno.test("typesetHtml: inline and display math become KaTeX, entities unescaped", () => {
  const html =
    "<p>Classes: $0.8 &lt; K &lt; 1.2$ and</p>\n$$K_{jt} = \\frac{T_{jt}}{\\hat T_{jt}}$$";
  assert.equal(
    typesetHtml(html),
    `<p>Classes: ${render("0.8 < K < 1.2", false)} and</p>\n${
      render("K_{jt} = \\frac{T_{jt}}{\\hat T_{jt}}", true)
    }`,
  );
});

Deno.test("typesetHtml: code, pre, attributes and prices are not math", () => {
  const kept = [
    "<p>Run <code>echo $HOME $PATH</code> first.</p>",
    "<pre>const s = `${a}$`;</pre>",
    '<h2 id="The-matrix-$R$">The matrix</h2>',
    "<p>It costs $ 5 or 10$ each.</p>",
    "<p>From $5 to $10.</p>",
  ];
  for (const html of kept) assert.equal(typesetHtml(html), html);
  assert.equal(
    typesetHtml('<h2 id="a-$R$">The matrix $R$</h2>'),
    `<h2 id="a-$R$">The matrix ${render("R", false)}</h2>`,
  );
});

Deno.test("typesetHtml: a TeX error is one MathError quoting the expression", () => {
  assert.throws(() => typesetHtml("<p>$\\frac{a$</p>"), (e: unknown) => {
    assert.ok(e instanceof MathError);
    assert.match((e as Error).message, /^cannot typeset \$\\frac\{a\$: /);
    return true;
  });
});

Deno.test("typesetNotebookHtml: only markdown cells are typeset", () => {
  const page = '<div class="jp-Cell"><div class="jp-RenderedHTMLCommon jp-RenderedMarkdown ' +
    'jp-MarkdownOutput" data-mime-type="text/markdown"><div>$x$</div><p>$y$</p></div>' +
    '<div class="jp-RenderedText"><pre>$z$</pre></div><p>$w$</p></div>';
  const out = typesetNotebookHtml(page);
  assert.ok(out.includes(render("x", false)) && out.includes(render("y", false)));
  assert.ok(out.includes("<pre>$z$</pre>") && out.includes("<p>$w$</p>"));
});

Deno.test("katexCss: every font inlined as woff2 data, and added only to pages with math", () => {
  const css = katexCss();
  assert.doesNotMatch(css, /url\((?!data:font\/woff2;base64,)/);
  assert.equal(css.match(/@font-face/g)?.length, css.match(/url\(data:/g)?.length);
  const md = '<div class="jp-RenderedMarkdown">$x$</div>';
  assert.ok(offlineMath(`<html><head></head><body>${md}</body></html>`).includes("KaTeX_Main"));
  const plain = "<html><head></head><body><p>no math</p></body></html>";
  assert.equal(offlineMath(plain), plain);
});
