/**
 * The GE welfare figure: well-formed SVG, bars sorted by the chosen change (largest gain first),
 * one tooltip per bar with the country's welfare and real GDP changes, gains and losses coloured
 * apart, highlighted countries stronger, non-finite rows counted in a note, empty input a no-data
 * figure. And the GE table renderer: the same numbers in every format.
 */
import assert from "node:assert/strict";
import { DOMParser } from "linkedom";
import { welfareBars } from "../../../lib/report/figures/welfare.ts";
import { formatGe } from "../../../lib/report/ge_table.ts";
import type { GeResult } from "../../../lib/ge/types.ts";

const rows = [
  { country: "CHN", welfareChange: 0.012, realGdpChange: 0.011 },
  { country: "KAZ", welfareChange: 0.41, realGdpChange: 0.38 },
  { country: "RUS", welfareChange: -0.05, realGdpChange: -0.04 },
  { country: "UZB", welfareChange: 0.2, realGdpChange: 0.25 },
  { country: "XXX", welfareChange: NaN, realGdpChange: 0 },
];

function parse(svg: string) {
  const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
  return doc.documentElement as unknown as {
    getAttribute(n: string): string | null;
    querySelectorAll(
      s: string,
    ): { textContent: string | null; parentNode: { getAttribute(n: string): string | null } }[];
  };
}

Deno.test("welfareBars: bars sorted by welfare change, tooltips with both changes, note for non-finite rows", () => {
  const svg = welfareBars(rows);
  const root = parse(svg);
  assert.equal(root.getAttribute("data-kind"), "welfareBars");
  const titles = [...root.querySelectorAll("title")].map((t) => t.textContent!);
  assert.deepEqual(titles.map((t) => t.split("\n")[0]), ["KAZ", "UZB", "CHN", "RUS"]);
  assert.equal(titles[0], "KAZ\nwelfare +0.41%\nreal GDP +0.38%");
  assert.equal(titles[3], "RUS\nwelfare −0.05%\nreal GDP −0.04%");
  const fills = [...root.querySelectorAll("title")].map((t) => t.parentNode.getAttribute("fill"));
  assert.deepEqual(fills, ["#4269d0", "#4269d0", "#4269d0", "#d73027"]);
  assert.match(svg, /1 country\(ies\) without a finite value are not drawn/);
});

Deno.test("welfareBars: real GDP order on request, highlighted countries stronger, empty input says no data", () => {
  const svg = welfareBars(rows, { measure: "realGdp", highlight: ["CHN", "KAZ"] });
  const root = parse(svg);
  const titles = [...root.querySelectorAll("title")];
  // XXX's welfare is missing but its real GDP change (0) is not: it is drawn here
  assert.deepEqual(titles.map((t) => t.textContent!.split("\n")[0]), [
    "KAZ",
    "UZB",
    "CHN",
    "XXX",
    "RUS",
  ]);
  const fill = Object.fromEntries(
    titles.map((t) => [t.textContent!.split("\n")[0], t.parentNode.getAttribute("fill")]),
  );
  assert.equal(fill.KAZ, "#4269d0");
  assert.equal(fill.UZB, "#a9bcea");
  assert.equal(fill.RUS, "#eeaaa4");
  assert.match(welfareBars([]), /no data/);
});

Deno.test("formatGe: text, markdown, HTML and CSV carry the same numbers; missing changes print as '.'", () => {
  const r: GeResult = {
    method: "exact",
    theta: 4,
    deficits: "additive",
    reference: null,
    iterations: 7,
    converged: true,
    tolerance: 1e-12,
    countries: [{
      country: "AAA",
      welfare: 1.0125,
      realGdpChange: 1.1,
      priceChange: -0.5,
      inwardResistanceChange: -1.6,
      outwardResistanceChange: 0.25,
      exportsChange: null,
      exportsChangeConditional: 12.5,
    }],
    flows: [],
    notes: ["a note"],
  };
  const text = formatGe(r, "text");
  assert.match(
    text,
    /exact \(hat algebra\), 7 iterations, converged; theta = 4 \(sigma = 5\); deficits additive; numeraire: world output/,
  );
  assert.match(text, /AAA\s+\+1\.250\s+\+1\.100\s+-0\.500\s+-1\.600\s+\+0\.250\s+\.\s+\+12\.500/);
  assert.match(text, /a note/);
  assert.match(formatGe(r, "markdown"), /\| AAA \| \+1\.250 \| \+1\.100 \|/);
  assert.match(formatGe(r, "html"), /<td style="text-align:right">\+12\.500<\/td>/);
  assert.equal(
    formatGe(r, "csv"),
    "country,welfare,realGdpChange,priceChange,inwardResistanceChange,outwardResistanceChange,exportsChange,exportsChangeConditional\nAAA,1.0125,1.1,-0.5,-1.6,0.25,,12.5\n",
  );
});
