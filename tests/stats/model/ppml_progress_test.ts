/**
 * lib/stats/model/ppml.ts: the convergence measure as the progress line reports it. The
 * documented relative change is |D_k - D_(k-1)| / max(|D_k|, 0.1); the start is mu = (y + mean)/2
 * and D_0 its Poisson deviance 2 sum [y ln(y/mu) - (y - mu)], computed here by hand. The first
 * progress line reports D_1 (8 digits) and the change (3 digits).
 */
import assert from "node:assert/strict";
import { ppmlIrls } from "../../../lib/stats/model/ppml.ts";

Deno.test("PPML progress: change = |D1 - D0| / max(|D1|, 0.1) at the first iteration", () => {
  const y = [0, 1, 3, 2, 5, 8, 4, 10, 7, 12];
  const x = y.map((_, i) => i / 3);
  const mean = y.reduce((a, b) => a + b) / y.length;
  const d0 = 2 * y.reduce((s, v) => {
    const mu = (v + mean) / 2;
    return s + (v > 0 ? v * Math.log(v / mu) : 0) - (v - mu);
  }, 0);
  const lines: string[] = [];
  ppmlIrls(Float64Array.from(y), [Float64Array.from(x)], ["x"], [], {
    progress: (l) => lines.push(l),
  });
  const m = /^PPML iteration 1: deviance (\S+), change (\S+)$/.exec(lines[0]);
  assert.ok(m, lines[0]);
  const d1 = Number(m[1]), change = Number(m[2]);
  assert.ok(d1 > 1, `deviance ${d1}`);
  const want = Math.abs(d1 - d0) / Math.max(d1, 0.1);
  assert.ok(Math.abs(change / want - 1) < 0.01, `${change} vs ${want}`);
});
