/**
 * lib/stats/model/fe.ts: the mutants the first full mutation run left alive in singleton dropping
 * (the demeaning that was also here is now lib/stats/model/demean.ts, tested in demean_test.ts).
 */
import assert from "node:assert/strict";
import { dropSingletons, encodeFactor } from "../../../lib/stats/model/fe.ts";

Deno.test("dropSingletons: a dropped row is not counted again when its level becomes a singleton", () => {
  // g = c a c a c, h = z y y y w. Pass 1 drops rows 0 (h = z) and 4 (h = w): level c keeps row 2
  // only; pass 2 drops row 2. Rows 1 and 3 (g = a, h = y) stay.
  const g = encodeFactor("g", [["c", "a", "c", "a", "c"]]);
  const h = encodeFactor("h", [["z", "y", "y", "y", "w"]]);
  assert.deepEqual(dropSingletons([g, h]), { keep: [1, 3], dropped: 3 });
});
