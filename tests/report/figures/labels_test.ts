/** Scatter labels never overlap (lib/report/figures/labels.ts), and a crowded figure says what it left out. */
import assert from "node:assert/strict";
import { dotPositions, pickLabels } from "../../../lib/report/figures/labels.ts";
import { actualVsPredicted, residualsVsFitted } from "../../../lib/report/figures/regression.ts";
import { textWidth } from "../../../lib/report/dom.ts";

Deno.test("pickLabels: most important first; no label over a label, a dot or the edge", () => {
  const keep = pickLabels([
    { x: 10, y: 50, text: "KAZ 2015", priority: 1 }, // same row as the next: loses to it
    { x: 14, y: 52, text: "KAZ 2016", priority: 2 },
    { x: 200, y: 50, text: "UZB 2015", priority: 0 }, // alone: kept
    { x: 290, y: 90, text: "TJK 2018", priority: 5 }, // would run past 300 px
    { x: 100, y: 120, text: "KGZ 2019", priority: 3 }, // its label would cover KGZ 2020's dot
    { x: 120, y: 121, text: "KGZ 2020", priority: 0 }, // so this one is labelled instead
  ], { width: 300 });
  assert.deepEqual(keep, [false, true, true, false, false, true]);
});

Deno.test("dotPositions: the dots of a Plot dot mark, in order", () => {
  const svg = '<svg><g aria-label="rule"><line x1="0"></line></g><g fill="red" aria-label="dot">' +
    '<circle r="3" cy="32" cx="50"><title>a</title></circle><circle cx="7" cy="8"></circle></g></svg>';
  assert.deepEqual(dotPositions(svg), [{ x: 50, y: 32 }, { x: 7, y: 8 }]);
});

/** Label boxes (9 px text starting 6 px right of the dot) of a rendered scatter. */
function labelBoxes(svg: string) {
  return [...svg.matchAll(/<text transform="translate\(([^,]+),([^)]+)\)"[^>]*>([^<]+)<\/text>/g)]
    .filter((m) => /^[A-Z]{3} \d{4}$/.test(m[3]))
    .map((m) => ({ x: Number(m[1]), y: Number(m[2]), w: textWidth(m[3], 9) }));
}

Deno.test("actualVsPredicted and residualsVsFitted: crowded labels left out, said in a note", () => {
  const rows = Array.from({ length: 30 }, (_, i) => ({
    country: ["KAZ", "KGZ", "TJK"][i % 3],
    year: 2000 + i,
    actual: 1e9 * (1 + (i % 7) / 10),
    predicted: 1e9 * (1 + (i % 5) / 10),
  }));
  const svg = actualVsPredicted(rows);
  const boxes = labelBoxes(svg);
  assert.ok(boxes.length > 0 && boxes.length < rows.length, `${boxes.length} labels`);
  for (const [i, a] of boxes.entries()) {
    for (const b of boxes.slice(i + 1)) {
      const apart = a.x + a.w <= b.x || b.x + b.w <= a.x || Math.abs(a.y - b.y) >= 9 * 1.3;
      assert.ok(apart, `labels at (${a.x}, ${a.y}) and (${b.x}, ${b.y}) overlap`);
    }
  }
  assert.match(svg, new RegExp(`${rows.length - boxes.length} label\\(s\\) of crowded points`));
  // 30 points on 12 spots: most labels would sit on top of each other.
  const res = residualsVsFitted(rows.map((r, i) => ({
    fitted: i % 4,
    residual: (i % 3) / 10,
    label: `${r.country} ${r.year}`,
  })));
  assert.match(res, /label\(s\) of crowded points left out/);
});
