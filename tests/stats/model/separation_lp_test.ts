/**
 * lib/stats/model/separation.ts against linear programming, on 800 random small panels (with and
 * without a fixed effect, 197 of them with separated rows): the rows PPML drops (dropSeparated:
 * all-zero fixed-effect levels, then the rectifier, repeated) are exactly the rows the linear
 * programme of tests/fixtures/stats/make_separation_fixture.py (scipy HiGHS, one programme per
 * zero row) finds separated, and every rectifier run settles within its default round limit.
 */
import assert from "node:assert/strict";
import { encodeFactor } from "../../../lib/stats/model/fe.ts";
import { dropSeparated, reluSeparation } from "../../../lib/stats/model/separation.ts";

interface Panel {
  y: number[];
  xs: number[][];
  fe: string[] | null;
  separated: number[];
}

const FIX = new URL("../../fixtures/stats/separation_lp.json", import.meta.url).pathname;
const SETS: Record<string, Panel[]> = JSON.parse(Deno.readTextFileSync(FIX));

/** The rows dropSeparated drops (no singleton dropping: the programme knows no singletons). */
function dropped(p: Panel) {
  const y = Float64Array.from(p.y);
  const dims = p.fe ? [encodeFactor("g", [p.fe])] : [];
  const s = dropSeparated(y, p.xs.map((x) => Float64Array.from(x)), dims, false);
  const kept = new Set(s.keep);
  return { rows: p.y.map((_, i) => i).filter((i) => !kept.has(i)), report: s.report };
}

for (const [name, panels] of Object.entries(SETS)) {
  Deno.test(`dropSeparated = linear programming on the ${panels.length} ${name} random panels; the rectifier always settles`, () => {
    let withSeparation = 0, rounds = 0;
    panels.forEach((p, k) => {
      const d = dropped(p);
      assert.deepEqual(d.rows, p.separated, `panel ${k}: ${JSON.stringify(p)}`);
      assert.equal(d.report.rectifierSettled, true, `panel ${k}`);
      assert.equal(d.report.fixedEffects + d.report.regressors, p.separated.length);
      if (p.separated.length) withSeparation++;
      rounds = Math.max(rounds, d.report.rectifierRounds);
    });
    assert.ok(withSeparation >= 80, `${withSeparation} panels with separation`);
    assert.ok(rounds <= 1000, `at most ${rounds} rounds`);
  });
}

Deno.test("reluSeparation: the round cap is honoured and reported (a run that needs r rounds settles with r, not with r - 1)", () => {
  // the panel of the small set that needs the most rounds
  const small = SETS.small;
  let best = { k: -1, rounds: 0 };
  small.forEach((p, k) => {
    if (p.fe) return;
    let rounds = 0;
    reluSeparation(Float64Array.from(p.y), p.xs.map((x) => Float64Array.from(x)), [], {
      report: (r) => (rounds = r.rounds),
    });
    if (rounds > best.rounds) best = { k, rounds };
  });
  assert.ok(best.rounds > 3, `rounds ${best.rounds}`);
  const p = small[best.k];
  const run = (maxRounds: number) => {
    let info = { rounds: -1, settled: false };
    const rows = reluSeparation(Float64Array.from(p.y), p.xs.map((x) => Float64Array.from(x)), [], {
      maxRounds,
      report: (r) => (info = r),
    });
    return { rows, ...info };
  };
  const full = run(best.rounds);
  assert.equal(full.settled, true);
  assert.equal(full.rounds, best.rounds);
  const capped = run(best.rounds - 1);
  assert.deepEqual(capped, { rows: [], rounds: best.rounds - 1, settled: false });
  assert.deepEqual(run(0), { rows: [], rounds: 0, settled: false });
});
