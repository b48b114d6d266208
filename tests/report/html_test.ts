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
  assert.deepEqual(
    reportPage({ title: "t", sections: [] }),
    reportPage({ title: "t", sections: [] }),
  );
});
