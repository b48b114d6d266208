/**
 * lib/stats/model/separation.ts reluSeparation: the mutants of the first mutation run that the
 * constructed panels left alive (the rectifier's update u = max(z, 0), its negative-fit check,
 * the back-transformation of the weighted residuals, the round cap). The separated rows of each
 * panel are the independent truth of a linear programme per zero row
 * (tests/fixtures/mutants/separation_lp.py, scipy HiGHS), pasted below from
 * `/usr/bin/python3 tests/fixtures/mutants/separation_lp.py`. (The round cap's effect is tested on
 * its own in separation_lp_test.ts; the expectations under a cap of 2 or 3 rounds that were here
 * were the rectifier's own output, not the programme's.)
 */
import assert from "node:assert/strict";
import { encodeFactor } from "../../../lib/stats/model/fe.ts";
import { reluSeparation } from "../../../lib/stats/model/separation.ts";

const sep = (y: number[], xs: number[][], fe: string[] | null) =>
  reluSeparation(
    Float64Array.from(y),
    xs.map((x) => Float64Array.from(x)),
    fe ? [encodeFactor("g", [fe])] : [],
  );

Deno.test("reluSeparation = linear-programme truth: no separation when the zero rows' regressors change sign", () => {
  // z = a + b x1 + c x2 = 0 on the one positive row and >= 0 on the zero rows forces z = 0
  assert.deepEqual(sep([0, 0, 1, 0, 0], [[2, 1, 2, 4, -2], [3, -1, 0, 1, -1]], null), []);
  // one regressor, one positive row: z = b (x - 1) is -1 or +3 on the zero rows whatever b is
  assert.deepEqual(sep([0, 3, 0, 0, 0], [[4, 1, 4, 3, 0]], null), []);
  // mixed signs: z = a + b x = 0 on the positive rows (x = 0) forces a = 0, and b x >= 0 on
  // x = -2 and x = 4 forces b = 0. The absolute 1e-6 stopping rule answered [5, 6] here (the
  // shrinking target's last positive fits); the exact-fit rule answers [] like the programme.
  assert.deepEqual(sep([0, 0, 0, 2, 3, 0, 0], [[-2, -2, 0, 0, 0, 4, 3]], null), []);
});

Deno.test("reluSeparation = linear-programme truth: separated rows found after several rounds", () => {
  // with a fixed effect (level 0: rows 0, 2, 4; level 1: rows 1, 3): rows 0, 1, 4 separated
  const fe5 = ["0", "1", "0", "1", "0"];
  assert.deepEqual(sep([0, 0, 1, 3, 0], [[1, -2, 1, 2, -1], [4, 3, 2, 2, -1]], fe5), [0, 1, 4]);
  // a single positive row (x = 2): z = 2 - x is 2, 0, 0, 4, 0, 1 -> rows 0, 3, 5 separated
  assert.deepEqual(sep([0, 0, 0, 0, 2, 0], [[0, 2, 2, -2, 2, 1]], null), [0, 3, 5]);
  // fixed effect and one regressor: rows 1, 3, 5 (level 1, x > 0 on its zero rows) separated
  const fe7 = ["0", "1", "0", "1", "0", "1", "0"];
  assert.deepEqual(sep([0, 0, 2, 0, 3, 0, 3], [[-2, 4, 0, 3, 1, 1, 1]], fe7), [1, 3, 5]);
});
