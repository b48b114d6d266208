/**
 * The small formatters every renderer shares (lib/gravity/render/sections/formatters.ts): each cell
 * format on numbers, integers, missing values and text, the K interval, the estimator label and
 * the HTML list in both layouts. Expected strings written by hand from the definitions.
 */
import assert from "node:assert/strict";
import {
  dot,
  estimatorLabel,
  f3,
  fixed3,
  htmlList,
  kInterval,
  prob,
  yesNo,
} from "../../../../lib/gravity/render/sections/formatters.ts";

Deno.test("f3: 3 decimals, integers as they are, missing as '.', text as it is", () => {
  assert.equal(f3(0.70312), "0.703");
  assert.equal(f3(-1.5), "-1.500");
  assert.equal(f3(12), "12");
  assert.equal(f3(NaN), ".");
  assert.equal(f3(null), ".");
  assert.equal(f3(undefined), ".");
  assert.equal(f3("omitted"), "omitted");
  assert.equal(f3(12345678.9), "1.235e+7");
});

Deno.test("fixed3 and prob: always 3 (2) decimals; anything but a finite number is '.'", () => {
  assert.equal(fixed3(0), "0.000");
  assert.equal(fixed3(-0.2675), "-0.268");
  assert.equal(fixed3(Infinity), ".");
  assert.equal(fixed3("0.5"), ".");
  assert.equal(prob(0.956), "0.96");
  assert.equal(prob(1), "1.00");
  assert.equal(prob(NaN), ".");
  assert.equal(prob(null), ".");
});

Deno.test("yesNo and dot: yes / NO / '.'; a value as it is, '.' when missing", () => {
  assert.equal(yesNo(true), "yes");
  assert.equal(yesNo(false), "NO");
  assert.equal(yesNo(null), ".");
  assert.equal(yesNo(undefined), ".");
  assert.equal(dot("0.66-1.10"), "0.66-1.10");
  assert.equal(dot(0), "0");
  assert.equal(dot(null), ".");
  assert.equal(dot(undefined), ".");
});

Deno.test("kInterval and estimatorLabel", () => {
  assert.equal(kInterval(0.6612, 1.1), "0.66-1.10");
  assert.equal(kInterval(1, 2), "1-2");
  assert.equal(kInterval(0.5, null), "0.50-.");
  assert.equal(estimatorLabel("ols"), "OLS");
  assert.equal(estimatorLabel("ppml"), "PPML");
});

Deno.test('htmlList: one item a line by default; on one line with `"` kept when asked', () => {
  assert.equal(
    htmlList(['a < "b"', "c & d"]),
    "<ul>\n<li>a &lt; &quot;b&quot;</li>\n<li>c &amp; d</li>\n</ul>",
  );
  assert.equal(
    htmlList(['a < "b"', "c"], { newlines: false, quotes: false }),
    '<ul><li>a &lt; "b"</li><li>c</li></ul>',
  );
  assert.equal(htmlList([]), "<ul>\n\n</ul>");
  assert.equal(htmlList([], { newlines: false }), "<ul></ul>");
});
