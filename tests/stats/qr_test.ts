/**
 * The streaming QR and the double-double product of lib/stats/qr.ts: rows fed in several blocks (R
 * must absorb an earlier R), a new block that is tiny beside the earlier ones (the reflector's sign
 * choice against cancellation), columns 1e340 apart in size (the scaling against overflow), the
 * factor and the input left untouched, and Dekker's exact product. Expected values are exact
 * integer arithmetic (BigInt) or closed forms.
 */
import assert from "node:assert/strict";
import {
  createStreamingQr,
  ddAddProduct,
  solveUpper,
  solveUpperTransposed,
  triangularFactor,
} from "../../lib/stats/qr.ts";

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

/** Streams `rows` (p columns) through the QR in blocks of the given sizes. */
function streamed(rows: number[][], sizes: number[]): Float64Array {
  const p = rows[0].length;
  const qr = createStreamingQr(p);
  let at = 0;
  for (const m of sizes) {
    qr.addRows(new Float64Array(rows.slice(at, at + m).flat()), m);
    at += m;
  }
  assert.equal(at, rows.length);
  return qr.factor().r;
}

/**
 * |R| of a two-column integer matrix from exact sums (Cholesky of A'A): |R00| = sqrt(S00),
 * |R01| = |S01| / sqrt(S00), |R11| = sqrt(det / S00) with det = S00 S11 - S01^2 in BigInt.
 */
function exactR2(rows: number[][]): [number, number, number] {
  let s00 = 0n, s01 = 0n, s11 = 0n;
  for (const [a, b] of rows) {
    s00 += BigInt(a) * BigInt(a);
    s01 += BigInt(a) * BigInt(b);
    s11 += BigInt(b) * BigInt(b);
  }
  const det = s00 * s11 - s01 * s01;
  const r00 = Math.sqrt(Number(s00));
  // det / s00 to full precision: scale the BigInt quotient by 2^60 before the division
  const q = Number((det << 60n) / s00) / 2 ** 60;
  return [r00, Math.abs(Number(s01)) / r00, Math.sqrt(q)];
}

Deno.test("streaming QR: blocks of 2 + 1 and 1 + 1 + 1 rows give |R| of A'A = [[3, 6], [6, 14]]", () => {
  const rows = [[1, 1], [1, 2], [1, 3]];
  // R'R = A'A: |R00| = sqrt 3, |R01| = 6 / sqrt 3 = 2 sqrt 3, |R11| = sqrt(14 - 12) = sqrt 2
  const want = [Math.sqrt(3), 2 * Math.sqrt(3), Math.sqrt(2)];
  for (const sizes of [[3], [2, 1], [1, 1, 1], [1, 2]]) {
    const r = streamed(rows, sizes);
    const got = [Math.abs(r[0]), Math.abs(r[1]), Math.abs(r[3])];
    got.forEach((g, i) => assert.ok(rel(g, want[i]) < 1e-15, `${sizes}: ${got} vs ${want}`));
    assert.equal(r[2], 0); // below the diagonal
    // R01 and R00 have the same sign (their product is sum x0 x1 = 6 > 0)
    assert.ok(r[0] * r[1] > 0);
  }
});

Deno.test("streaming QR: small rows after a large block keep |R11| to 1e-9 (no cancellation)", () => {
  // a first block of large, nearly collinear rows, then one small row per block: each new block
  // changes R00 by a relative 1e-13 or so, which the reflector must not lose to cancellation
  const rows: number[][] = [];
  for (let i = 0; i < 4; i++) rows.push([1e6 + i, 2e6 + 3 * i + (i % 2)]);
  for (let i = 0; i < 6; i++) rows.push([i + 1, 2 * (i + 1) + (i % 3) - 1]);
  const want = exactR2(rows);
  for (const sizes of [[4, 1, 1, 1, 1, 1, 1], [4, 2, 2, 2], [10]]) {
    const r = streamed(rows, sizes);
    const got = [Math.abs(r[0]), Math.abs(r[1]), Math.abs(r[3])];
    assert.ok(rel(got[0], want[0]) < 1e-14, `${sizes} R00 ${got[0]} vs ${want[0]}`);
    assert.ok(rel(got[1], want[1]) < 1e-14, `${sizes} R01 ${got[1]} vs ${want[1]}`);
    assert.ok(rel(got[2], want[2]) < 1e-9, `${sizes} R11 ${got[2]} vs ${want[2]}`);
  }
});

Deno.test("QR of columns 1e340 apart in size: no overflow or underflow, R = A up to row signs", () => {
  // A = [[1, 1e170], [0, 1e-170]] is upper triangular already: R = diag(+-1) A
  const r = triangularFactor(new Float64Array([1, 1e170, 0, 1e-170]), 2, 2).r;
  assert.ok(rel(Math.abs(r[0]), 1) < 1e-15, `${r}`);
  assert.ok(rel(Math.abs(r[1]), 1e170) < 1e-15, `${r}`);
  assert.ok(rel(Math.abs(r[3]), 1e-170) < 1e-15, `${r}`);
  // and the same rows streamed one at a time
  const s = streamed([[1, 1e170], [0, 1e-170]], [1, 1]);
  assert.ok(rel(Math.abs(s[3]), 1e-170) < 1e-15, `${s}`);
  // solving with it: R x = R [0, 1]' = [R01, R11] recovers [0, 1]
  const x = solveUpper({ p: 2, r }, [r[1], r[3]]);
  assert.ok(x[0] === 0 && x[1] === 1, `${x}`);
  const z = solveUpperTransposed({ p: 1, r: new Float64Array([4]) }, [2]);
  assert.deepEqual(Array.from(z), [0.5]);
});

Deno.test("factor() is a copy, and triangularFactor leaves its input alone", () => {
  const qr = createStreamingQr(1);
  qr.addRows(new Float64Array([3, 4]), 2);
  const first = qr.factor();
  assert.equal(Math.abs(first.r[0]), 5);
  qr.addRows(new Float64Array([12]), 1);
  assert.equal(Math.abs(first.r[0]), 5); // still the factor of (3, 4)
  assert.equal(Math.abs(qr.factor().r[0]), 13); // 3^2 + 4^2 + 12^2 = 13^2
  const a = new Float64Array([3, 4]);
  triangularFactor(a, 2, 1);
  assert.deepEqual(Array.from(a), [3, 4]);
});

Deno.test("ddAddProduct: hi + lo is the exact product of two 47-bit integers (checked in BigInt)", () => {
  const pairs: [number, number][] = [
    [123456789012345, 98765432109876],
    [140737488355327, 140737488355313], // 2^47 - 1 and a nearby odd number
    [-99999999999973, 77777777777777],
    [3, 140737488355327],
  ];
  for (const [a, b] of pairs) {
    const acc = new Float64Array(2);
    ddAddProduct(acc, a, b);
    // both parts are integers here (the low part is below 2^53), so BigInt holds them exactly
    assert.equal(BigInt(acc[0]) + BigInt(acc[1]), BigInt(a) * BigInt(b), `${a} * ${b}`);
    assert.equal(acc[0], a * b); // the high part is the rounded product
  }
  // a sum that cancels its large terms keeps the small one exactly
  const acc = new Float64Array(2);
  ddAddProduct(acc, 123456789012345, 98765432109876);
  ddAddProduct(acc, 1, 7);
  ddAddProduct(acc, -123456789012345, 98765432109876);
  assert.deepEqual([acc[0] + acc[1]], [7]);
});
