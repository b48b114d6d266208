/**
 * lib/gravity/render/sections/pca.ts on the hand-built result of hand_results.ts: the exact markdown of the
 * PCA table (loadings of the retained components, eigenvalues, weights, KMO and Bartlett) and of
 * the table when the PCA failed. Expected strings are written from the fixture's inputs.
 */
import assert from "node:assert/strict";
import { pcaSpec } from "../../../../lib/gravity/render/sections/pca.ts";
import { formatTable } from "../../../../lib/report/table.ts";
import { handStudy } from "../hand_results.ts";

const md = (s: Parameters<typeof formatTable>[0]) => formatTable(s, "markdown");

Deno.test("PCA table: loadings of max(retained, 2) components, starred retained, notes", () => {
  const r = handStudy();
  r.pca.proportion = [0.7523, 0.2477];
  assert.equal(
    md(pcaSpec(r)),
    [
      "**CBEC index (PCA of the standardized CBEC indicators): loadings**",
      "",
      "| Indicator | PC1* | PC2 | KMO |",
      "|:---|---:|---:|---:|",
      "| i1 | 0.707 | -0.707 | 0.500 |",
      "| i2 | 0.707 | 0.707 | 0.500 |",
      "",
      "N = 4 of 4 country-years (0 excluded: an indicator missing). Eigenvalues: PC1 1.500 " +
      "(75.2%), PC2 0.500 (24.8%).",
      "Retained (eigenvalue > 1): 1 (*); composite = 1 x PC1 (eigenvalue shares among the " +
      "retained; components oriented so loadings sum >= 0).",
      "KMO overall 0.500; Bartlett chi2(1) = 1.25, p = 0.2636.",
    ].join("\n"),
  );
  // three indicators, two retained by a cumulative share, one dropped; no KMO or Bartlett
  const p = r.pca;
  p.indicators = ["i1", "i2", "i3"];
  p.eigenvalues = [1.6, 0.9, 0.5];
  p.proportion = [0.5333, 0.3, 0.1667];
  p.loadings = [[0.6, 0.5, 0.1], [0.6, -0.5, 0.2], [0.5, 0, -0.9]];
  p.retained = 2;
  p.weights = [0.64, 0.36];
  p.retention = { rule: "cumulative", share: 0.8 };
  p.kmo = null;
  p.bartlett = null;
  p.excluded = [{ country: "AAA", year: 2019, missing: ["i3"] }];
  p.dropped = [{ indicator: "i4", present: 1 }, { indicator: "i5", present: 0 }];
  const s = pcaSpec(r);
  assert.equal(
    md(s),
    [
      "**CBEC index (PCA of the standardized CBEC indicators): loadings**",
      "",
      "| Indicator | PC1* | PC2* | KMO |",
      "|:---|---:|---:|---:|",
      "| i1 | 0.600 | 0.500 | . |",
      "| i2 | 0.600 | -0.500 | . |",
      "| i3 | 0.500 | 0 | . |",
      "",
      "N = 4 of 4 country-years (1 excluded: an indicator missing). Eigenvalues: PC1 1.600 " +
      "(53.3%), PC2 0.900 (30%), PC3 0.500 (16.7%).",
      "Retained (cumulative share >= 0.8): 2 (*); composite = 0.640 x PC1 + 0.360 x PC2 " +
      "(eigenvalue shares among the retained; components oriented so loadings sum >= 0).",
      "KMO overall .; Bartlett chi2(undefined) = ., p = ..",
      "Dropped for coverage below 0.5 of 4 country-years: i4 (1), i5 (0).",
    ].join("\n"),
  );
  // all three retained: three columns, all starred; the first-component rule
  p.retained = 3;
  p.retention = { rule: "first" };
  const t = pcaSpec(r);
  assert.deepEqual(t.columns.map((c) => c.label), ["Indicator", "PC1*", "PC2*", "PC3*", "KMO"]);
  assert.deepEqual(t.rows[2], { indicator: "i3", kmo: undefined, pc1: 0.5, pc2: 0, pc3: -0.9 });
  assert.match(t.notes![1], /^Retained \(first component\): 3 \(\*\);/);
});

Deno.test("PCA table when the PCA failed: coverage of each indicator, the reason, the dropped", () => {
  const r = handStudy();
  r.pca.ok = false;
  r.pca.reason = "fewer than 2 indicators left";
  r.pca.coverage = [{ indicator: "i1", present: 4 }, { indicator: "i2", present: 1 }];
  assert.equal(
    md(pcaSpec(r)),
    [
      "**CBEC index (PCA of the standardized CBEC indicators)**",
      "",
      "| Indicator | Present (of 4) |",
      "|:---|---:|",
      "| i1 | 4 |",
      "| i2 | 1 |",
      "",
      "fewer than 2 indicators left.",
    ].join("\n"),
  );
  r.pca.dropped = [{ indicator: "i2", present: 1 }];
  assert.deepEqual(pcaSpec(r).notes, [
    "fewer than 2 indicators left.",
    "Dropped for coverage below 0.5 of 4 country-years: i2 (1).",
  ]);
});
