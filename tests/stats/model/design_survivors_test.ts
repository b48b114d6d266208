/**
 * lib/stats/model/design.ts: the mutants of the first mutation run that the design tests left alive:
 * clusters of an interaction, and the fixed-effect name written without whitespace. Expected
 * values worked by hand from the six rows below.
 */
import assert from "node:assert/strict";
import { buildModelDesign } from "../../../lib/stats/model/design.ts";

const data = {
  file: "t.csv",
  columns: { y: [1, 2, 3, 4, 5, 6], x: [1, 0, 2, 5, 3, 4] },
  labels: {
    g: ["a", "a", "b", "b", "a", "b"],
    h: ["u", "v", "u", "v", "u", "v"],
    "my g": ["p", "q", "p", "q", "q", "p"],
  },
};

Deno.test("buildModelDesign: clusters of an interaction a^b", () => {
  const d = buildModelDesign({ dependent: "y", terms: ["x"], se: "cluster:g^h" }, data);
  assert.equal(d.clusters.length, 1);
  assert.equal(d.clusters[0].name, "g^h");
  // cells a^u (rows 0, 4), a^v (row 1), b^u (row 2), b^v (rows 3, 5)
  assert.deepEqual([...d.clusters[0].codes], [0, 1, 2, 3, 0, 3]);
  assert.deepEqual(d.clusters[0].labels, ["a^u", "a^v", "b^u", "b^v"]);
});

Deno.test("buildModelDesign: a fixed effect is named as written, whitespace removed", () => {
  const d = buildModelDesign({ dependent: "y", terms: ["x"], fe: [" my g ^ h"] }, data);
  assert.equal(d.fe[0].name, "myg^h");
  assert.deepEqual(d.fe[0].labels, ["p^u", "q^v", "q^u", "p^v"]);
});
