import assert from "node:assert/strict";
import { DOMParser } from "linkedom";
import { kIntervals } from "../../../lib/report/figures/k_intervals.ts";

interface El {
  getAttribute(n: string): string | null;
  querySelectorAll(s: string): El[];
}

/** The partners' panels (the nested <svg>s) of a figure, in drawing order. */
const panels = (svg: string): El[] => [
  ...(new DOMParser().parseFromString(svg, "image/svg+xml") as unknown as { documentElement: El })
    .documentElement.querySelectorAll("svg"),
];
const num = (e: El, a: string) => Number(e.getAttribute(a));

Deno.test("kIntervals: one panel per partner, one dot per K and one bar per interval", () => {
  const rows = [
    { country: "KAZ", year: 2015, k: 0.7, kLower: 0.6, kUpper: 0.9, class: "huge" as const },
    { country: "KAZ", year: 2016, k: 1.3, kLower: 1.1, kUpper: 1.6, class: "remodelling" as const },
    { country: "KGZ", year: 2015, k: 1.0, kLower: null, kUpper: null, class: "expanding" as const },
    { country: "KGZ", year: 2016, k: null, kLower: null, kUpper: null, class: null },
  ];
  const svg = kIntervals(rows, { title: "K with 90% intervals" });
  assert.match(svg, /^<svg/);
  assert.equal((svg.match(/<circle/g) ?? []).length - 3, /* legend */ 3);
  assert.ok(svg.includes(">KAZ<") && svg.includes(">KGZ<"));
  assert.ok(svg.includes("1 partner-year(s) without K are not drawn."));
  // the thresholds are ticks of the log axis
  assert.ok(svg.includes(">0.8<") && svg.includes(">1.2<"));
  // one vertical bar per interval, in its partner's panel (KAZ: two; KGZ: its one K has none), at
  // its dot's x, from kLower to kUpper: on the log axis the dot at K divides the bar as ln K
  // divides [ln kLower, ln kUpper]
  const [kaz, kgz] = panels(svg);
  // the bars: the rule mark without a dash pattern (the threshold rules are dashed)
  const bar = 'g[aria-label="rule"]:not([stroke-dasharray]) line';
  const bars = (p: El) => [...p.querySelectorAll(bar)];
  const dots = (p: El) => [...p.querySelectorAll('g[aria-label="dot"] circle')];
  assert.equal(bars(kgz).length, 0);
  assert.equal(dots(kgz).length, 1);
  const intervals = [[0.6, 0.7, 0.9], [1.1, 1.3, 1.6]];
  assert.equal(bars(kaz).length, intervals.length);
  bars(kaz).forEach((bar, i) => {
    const dot = dots(kaz)[i];
    const [lo, k, hi] = intervals[i];
    assert.equal(num(bar, "x1"), num(dot, "cx"));
    assert.equal(num(bar, "x2"), num(dot, "cx"));
    const at = (num(dot, "cy") - num(bar, "y1")) / (num(bar, "y2") - num(bar, "y1"));
    assert.ok(Math.abs(at - Math.log(k / lo) / Math.log(hi / lo)) < 1e-9, `bar ${i}: ${at}`);
  });
  assert.match(kIntervals([]), /no data/i);
});
