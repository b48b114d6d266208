import assert from "node:assert/strict";
import { reportPage } from "../../lib/report/html.ts";
import { kHeatmap } from "../../lib/report/figures/potential.ts";

Deno.test("reportPage: one self-contained page with escaped headings, inline SVG and a TOC", () => {
  const figure = kHeatmap([{ country: "KAZ", year: 2015, k: 0.5, class: "huge" }]);
  const page = reportPage({
    title: "Study <2015-2022>",
    subtitle: "data vintage 2024",
    sections: [
      { heading: "Table 3 & classes", html: "<table><tr><td>1</td></tr></table>" },
      { heading: "K heatmap", html: figure },
    ],
  });
  assert.ok(page.startsWith("<!doctype html>"));
  assert.ok(page.includes("<title>Study &lt;2015-2022&gt;</title>"));
  assert.ok(page.includes("<h2>Table 3 &amp; classes</h2>"));
  assert.ok(page.includes('<a href="#s1-table-3-classes">'));
  assert.ok(page.includes('<section id="s2-k-heatmap">'));
  assert.ok(page.includes(figure));
  assert.ok(page.includes("<style>"));
  // self-contained: no external resources or scripts
  assert.ok(!/<script|<link|src="http|href="http/.test(page));
  // the body, written from the input: title, subtitle, the TOC in section order, each section
  assert.equal(
    page.slice(page.indexOf("<body>")),
    [
      "<body>",
      "<h1>Study &lt;2015-2022&gt;</h1>",
      '<p class="subtitle">data vintage 2024</p>',
      "<nav><ol>",
      '<li><a href="#s1-table-3-classes">Table 3 &amp; classes</a></li>',
      '<li><a href="#s2-k-heatmap">K heatmap</a></li>',
      "</ol></nav>",
      '<section id="s1-table-3-classes">',
      "<h2>Table 3 &amp; classes</h2>",
      "<table><tr><td>1</td></tr></table>",
      "</section>",
      '<section id="s2-k-heatmap">',
      "<h2>K heatmap</h2>",
      figure,
      "</section>",
      "</body>",
      "</html>",
      "",
    ].join("\n"),
  );
  // no subtitle and no sections: the title alone (no subtitle line, no TOC); one section: no TOC
  const empty = reportPage({ title: "t", sections: [] });
  assert.equal(empty.slice(empty.indexOf("<body>")), "<body>\n<h1>t</h1>\n\n</body>\n</html>\n");
  const one = reportPage({ title: "t", sections: [{ heading: "A", html: "x" }] });
  assert.equal(
    one.slice(one.indexOf("<body>")),
    '<body>\n<h1>t</h1>\n<section id="s1-a">\n<h2>A</h2>\nx\n</section>\n</body>\n</html>\n',
  );
});
