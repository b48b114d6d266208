import assert from "node:assert/strict";
import { kIntervals } from "../../../lib/report/figures/k_intervals.ts";

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
  assert.match(kIntervals([]), /no data/i);
});
