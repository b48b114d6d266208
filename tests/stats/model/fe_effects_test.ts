/**
 * The fixed effects a fit reports (lib/stats/model/fit.ts recoverFe) and the connected components
 * they are normalised in (lib/stats/model/fe.ts rowComponents), and how factors are coded
 * (encodeFactor). The reference for the effects is plain alternating projections from zero,
 * written out here: with two dimensions their limit is the normalisation documented (the second
 * dimension's effects sum to zero over each component's rows), which the effects must reproduce.
 */
import assert from "node:assert/strict";
import { encodeFactor, rowComponents } from "../../../lib/stats/model/fe.ts";
import { fitModel, predict } from "../../../lib/stats/model/fit.ts";

// two components: {a, b, u, v, w} and {c, d, x, y}
const G = ["a", "a", "b", "b", "a", "c", "c", "d", "d", "c"];
const H = ["u", "v", "v", "w", "w", "x", "y", "y", "x", "x"];
const Y = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3];
const X = [0.5, 1.5, 0.2, 0.8, 1.1, 0.3, 0.9, 1.7, 0.4, 1.2];

/** Alternating projections from zero (dimension g, then h, each sweep), unweighted. */
function apEffects(v: number[], g: string[], h: string[]) {
  const a = new Map<string, number>(), b = new Map<string, number>();
  const r = [...v];
  for (let sweep = 0; sweep < 20000; sweep++) {
    let big = 0;
    for (const [codes, eff] of [[g, a], [h, b]] as const) {
      const sum = new Map<string, number>(), cnt = new Map<string, number>();
      codes.forEach((l, i) => {
        sum.set(l, (sum.get(l) ?? 0) + r[i]);
        cnt.set(l, (cnt.get(l) ?? 0) + 1);
      });
      for (const [l, s] of sum) {
        const m = s / cnt.get(l)!;
        eff.set(l, (eff.get(l) ?? 0) + m);
        big = Math.max(big, Math.abs(m));
      }
      r.forEach((_, i) => (r[i] -= sum.get(codes[i])! / cnt.get(codes[i])!));
    }
    if (big < 1e-15) break;
  }
  return { a, b };
}

Deno.test("rowComponents: rows numbered by the component of their levels, in order of first row", () => {
  const r = rowComponents([encodeFactor("g", [G]), encodeFactor("h", [H])]);
  assert.equal(r.count, 2);
  assert.deepEqual([...r.row], [0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
  const three = rowComponents([
    encodeFactor("a", [["x", "y", "z"]]),
    encodeFactor("b", [["u", "u", "v"]]),
    encodeFactor("c", [["p", "q", "q"]]),
  ]);
  assert.deepEqual(three, { row: Int32Array.from([0, 0, 0]), count: 1 });
  assert.deepEqual(rowComponents([]), { row: new Int32Array(0), count: 0 });
});

Deno.test("reported fixed effects (OLS, two dimensions) = the limit of alternating projections from zero; the second dimension sums to zero over each component", () => {
  const r = fitModel({ dependent: "y", terms: ["x"], fe: ["g", "h"] }, {
    columns: { y: Y, x: X },
    labels: { g: G, h: H },
  });
  const b = r.coefficients[0].estimate;
  // the fit's rows (row 0 is a singleton of h = u, dropped)
  assert.deepEqual(r.rows, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
  const ref = apEffects(
    r.rows.map((i) => Y[i] - b * X[i]),
    r.rows.map((i) => G[i]),
    r.rows.map((i) => H[i]),
  );
  const [fg, fh] = r.model.fe;
  for (const [l, v] of ref.a) assert.ok(Math.abs(fg.effects[l] - v) < 1e-10, `g ${l}`);
  for (const [l, v] of ref.b) assert.ok(Math.abs(fh.effects[l] - v) < 1e-10, `h ${l}`);
  for (const comp of [[1, 2, 3, 4], [5, 6, 7, 8, 9]]) {
    const s = comp.reduce((acc, i) => acc + fh.effects[H[i]], 0);
    assert.ok(Math.abs(s) < 1e-12, `component sum ${s}`);
  }
  // predictions are the fitted values whatever the normalisation
  const p = predict(r, { columns: { x: X }, labels: { g: G, h: H } });
  r.rows.forEach((i, t) => assert.ok(Math.abs(p[i] - r.fitted[t]) < 1e-12, `row ${i}`));
});

Deno.test("encodeFactor: levels told apart by their labels (a number and its string are one level; parts joined by ^)", () => {
  const f = encodeFactor("a^b", [["x", "x", "y"], [2000, "2000", 2001]]);
  assert.deepEqual([...f.codes], [0, 0, 1]);
  assert.deepEqual(f.labels, ["x^2000", "y^2001"]);
  // "a^b" + "c" and "a" + "b^c" have one label, so one level (as before the parts were coded)
  const g = encodeFactor("g", [["a^b", "a"], ["c", "b^c"]]);
  assert.deepEqual([...g.codes], [0, 0]);
  assert.equal(g.levels, 1);
  // -0 and 0 label alike ("0")
  assert.deepEqual([...encodeFactor("z", [[0, -0, 1]]).codes], [0, 0, 1]);
});
