/**
 * lib/stats/model/design.ts: which rows a design keeps and why the others go (each count worked
 * by hand on a ten-row table), the one-line errors naming file, row and column, the clusters of
 * an interaction and the fixed-effect name written without whitespace (worked by hand from six
 * rows).
 */
import assert from "node:assert/strict";
import { InputError } from "../../../lib/errors.ts";
import { buildModelDesign } from "../../../lib/stats/model/design.ts";

const N = NaN;
/** Ten rows; the comment on each says what it does in the design below. */
const table = () => ({
  file: "t.csv",
  columns: {
    //      0  1  2  3  4  5  6  7  8  9
    y: [1, 2, 0, N, 5, 6, 7, 8, 9, 10], // row 2: ln 0; row 3: missing
    x: [1, 2, 3, 4, N, 6, 7, 8, 9, 10], // row 4: missing
    w: [1, 1, 1, 1, 1, 0, N, 2, 1, 1], // row 5: weight 0; row 6: missing
    z: [2, 2, 2, 2, 2, 2, 2, 2, 2, 2],
  },
  labels: {
    g: ["a", "a", "b", "b", "a", "b", "a", "", "a", "b"], // row 7: missing level
    h: ["u", "v", "u", "v", "u", "v", "u", "v", "u", "v"],
    c: ["p", "p", "q", "q", "p", "q", "p", "q", "", "q"], // row 8: missing cluster
  },
});

Deno.test("buildModelDesign: rows kept, missing and ln-zero rows counted apart, weights, FE and cluster codes", () => {
  const d = buildModelDesign({
    dependent: "ln(y)",
    terms: ["x", "ln(z)"],
    weights: "w",
    fe: ["g ^ h"],
    se: "cluster:c",
  }, table());
  assert.equal(d.file, "t.csv");
  assert.equal(d.N, 10);
  assert.equal(d.dependent, "ln(y)");
  assert.deepEqual(d.names, ["x", "ln(z)"]);
  assert.deepEqual(d.rows, [0, 1, 9]);
  assert.equal(d.nZeroLog, 1);
  assert.equal(d.nMissing, 6);
  assert.ok(Math.abs(d.y[1] - Math.log(2)) < 1e-15);
  assert.ok(Number.isNaN(d.y[2]));
  assert.ok(Math.abs(d.x[1][0] - Math.log(2)) < 1e-15);
  assert.deepEqual([...d.weights!], table().columns.w);
  assert.equal(d.fe.length, 1);
  assert.equal(d.fe[0].name, "g^h");
  assert.deepEqual(d.fe[0].labels.slice(0, 2), ["a^u", "a^v"]);
  assert.equal(d.clusters[0].name, "c");
  assert.equal(d.clusters[0].codes[8], -1);
  assert.equal(d.se.type, "cluster");
  // a level dependent keeps the zero; without weights/FE/clusters only rows 3 and 4 go
  const e = buildModelDesign({ dependent: "y", terms: ["x"] }, table());
  assert.deepEqual(e.rows, [0, 1, 2, 5, 6, 7, 8, 9]);
  assert.equal(e.nMissing, 2);
  assert.equal(e.nZeroLog, 0);
  assert.equal(e.y[2], 0);
  assert.equal(e.weights, null);
  assert.deepEqual(e.fe, []);
  assert.deepEqual(e.clusters, []);
  assert.equal(e.se.type, "classical");
  // a missing x on a ln-zero row counts as ln-zero (the dependent decides)
  const t = table();
  t.columns.x[2] = N;
  const f = buildModelDesign({ dependent: "ln(y)", terms: ["x"] }, t);
  assert.equal(f.nZeroLog, 1);
  assert.equal(f.nMissing, 2);
  // the file name defaults to "data"; a label may come from a numeric column
  const g = buildModelDesign({ dependent: "y", terms: ["x"], fe: ["z"] }, {
    columns: table().columns,
  });
  assert.equal(g.file, "data");
  assert.equal(g.fe[0].levels, 1);
  // two fixed effects in one entry (comma list)
  const two = buildModelDesign({ dependent: "y", terms: ["x"], fe: ["g, h"] }, table());
  assert.deepEqual(two.fe.map((f) => f.name), ["g", "h"]);
});

Deno.test("buildModelDesign: one-line errors naming file, row and column", () => {
  const err = (spec: object, re: RegExp, t = table()) =>
    assert.throws(
      () => buildModelDesign({ dependent: "y", terms: ["x"], ...spec }, t),
      (e) => e instanceof InputError && re.test(e.message),
      String(re),
    );
  err({ dependent: "q" }, /^t\.csv: no column "q"$/);
  err({ dependent: "ln(q)" }, /^t\.csv: no column "q"$/);
  err({ weights: "q" }, /^t\.csv: no column "q"$/);
  err({ fe: ["q"] }, /^t\.csv: no column "q"$/);
  err({ se: "cluster:q" }, /^t\.csv: no column "q"$/);
  const neg = table();
  neg.columns.y[4] = -1;
  err({ dependent: "ln(y)" }, /^t\.csv: row 6, column "y": ln of -1$/, neg);
  const inf = table();
  inf.columns.x[1] = Infinity;
  err({}, /^t\.csv: row 3, column "x": infinite value$/, inf);
  const w = table();
  w.columns.w[0] = -2;
  err({ weights: "w" }, /^t\.csv: row 2, column "w": negative weight$/, w);
  const none = table();
  none.columns.y = none.columns.y.map(() => N);
  err({}, /^t\.csv: no complete observations$/, none);
  // a missing x before an infinite one in the same row: the row is just incomplete
  const both = table();
  both.columns.x[0] = N;
  const z2 = { ...both.columns, x2: both.columns.x.map((_, i) => (i === 0 ? Infinity : 1)) };
  const d = buildModelDesign({ dependent: "y", terms: ["x", "x2"] }, { ...both, columns: z2 });
  assert.equal(d.rows[0], 1);
});

/** Six rows with an interaction and a label column whose name has a space. */
const sixRows = {
  file: "t.csv",
  columns: { y: [1, 2, 3, 4, 5, 6], x: [1, 0, 2, 5, 3, 4] },
  labels: {
    g: ["a", "a", "b", "b", "a", "b"],
    h: ["u", "v", "u", "v", "u", "v"],
    "my g": ["p", "q", "p", "q", "q", "p"],
  },
};

Deno.test("buildModelDesign: clusters of an interaction a^b", () => {
  const d = buildModelDesign({ dependent: "y", terms: ["x"], se: "cluster:g^h" }, sixRows);
  assert.equal(d.clusters.length, 1);
  assert.equal(d.clusters[0].name, "g^h");
  // cells a^u (rows 0, 4), a^v (row 1), b^u (row 2), b^v (rows 3, 5)
  assert.deepEqual([...d.clusters[0].codes], [0, 1, 2, 3, 0, 3]);
  assert.deepEqual(d.clusters[0].labels, ["a^u", "a^v", "b^u", "b^v"]);
});

Deno.test("buildModelDesign: a fixed effect is named as written, whitespace removed", () => {
  const d = buildModelDesign({ dependent: "y", terms: ["x"], fe: [" my g ^ h"] }, sixRows);
  assert.equal(d.fe[0].name, "myg^h");
  assert.deepEqual(d.fe[0].labels, ["p^u", "q^v", "q^u", "p^v"]);
});

Deno.test("buildModelDesign: an offset is read per row; a missing offset makes the row incomplete, an infinite one is a one-line error", () => {
  const t = table();
  const o = [0.5, -1, 2, 0, 0, 0, 0, 0, 0, NaN]; // row 9: missing offset
  const d = buildModelDesign({ dependent: "y", terms: ["x"], offset: "o" }, {
    ...t,
    columns: { ...t.columns, o },
  });
  assert.deepEqual([...d.offset!], o);
  assert.deepEqual(d.rows, [0, 1, 2, 5, 6, 7, 8]);
  assert.equal(d.nMissing, 3);
  assert.equal(buildModelDesign({ dependent: "y", terms: ["x"] }, t).offset, null);
  assert.throws(
    () => buildModelDesign({ dependent: "y", terms: ["x"], offset: "q" }, t),
    (e) => e instanceof InputError && e.message === 't.csv: no column "q" (offset)',
  );
  const inf = [...o];
  inf[1] = -Infinity;
  assert.throws(
    () =>
      buildModelDesign({ dependent: "y", terms: ["x"], offset: "o" }, {
        ...t,
        columns: { ...t.columns, o: inf },
      }),
    (e) => e instanceof InputError && e.message === 't.csv: row 3, column "o": infinite offset',
  );
  // an infinite offset on a row already incomplete (x missing, row 4) is just incomplete
  const late = [...o];
  late[4] = Infinity;
  const l = buildModelDesign({ dependent: "y", terms: ["x"], offset: "o" }, {
    ...t,
    columns: { ...t.columns, o: late },
  });
  assert.deepEqual(l.rows, [0, 1, 2, 5, 6, 7, 8]);
});

Deno.test("buildModelDesign: a plain Float64Array dependent is the column itself; ln(y) is a new array, the data untouched", () => {
  const y = Float64Array.from([1, 2, 0, 4]);
  const x = [0, 1, 2, 3];
  assert.equal(buildModelDesign({ dependent: "y", terms: ["x"] }, { columns: { y, x } }).y, y);
  const d = buildModelDesign({ dependent: "ln(y)", terms: ["x"] }, { columns: { y, x } });
  assert.notEqual(d.y, y);
  assert.deepEqual([...y], [1, 2, 0, 4]);
  assert.deepEqual([...d.y], [0, Math.log(2), NaN, Math.log(4)]);
  // a plain number[] dependent is copied: the data's array is never the design's
  const yl = [1, 2, 0, 4];
  const e = buildModelDesign({ dependent: "ln(y)", terms: ["x"] }, { columns: { y: yl, x } });
  assert.deepEqual(yl, [1, 2, 0, 4]);
  assert.equal(e.nZeroLog, 1);
});
