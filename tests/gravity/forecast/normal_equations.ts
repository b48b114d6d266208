/**
 * OLS by the normal equations, solved here independently of lib/ (the forecast tests' reference
 * fit).
 */

/** Solve A z = b by Gaussian elimination with partial pivoting (A small, square). */
export function solve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((r, i) => [...r, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
    [M[c], M[p]] = [M[p], M[c]];
    for (let r = c + 1; r < n; r++) {
      const f = M[r][c] / M[c][c];
      for (let k = c; k <= n; k++) M[r][k] -= f * M[c][k];
    }
  }
  const z = new Array(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = M[r][n];
    for (let k = r + 1; k < n; k++) s -= M[r][k] * z[k];
    z[r] = s / M[r][r];
  }
  return z;
}

/** OLS of y on [1, x...] by the normal equations: b, s, df and a function x0 -> x0'(X'X)^-1 x0. */
export function refOls(X: number[][], y: number[]) {
  const k = X[0].length;
  const xtx = Array.from(
    { length: k },
    (_, a) => Array.from({ length: k }, (_, b) => X.reduce((s, r) => s + r[a] * r[b], 0)),
  );
  const xty = Array.from({ length: k }, (_, a) => X.reduce((s, r, i) => s + r[a] * y[i], 0));
  const b = solve(xtx, xty);
  const res = y.map((v, i) => v - X[i].reduce((s, x, a) => s + x * b[a], 0));
  const df = y.length - k;
  const s = Math.sqrt(res.reduce((a, e) => a + e * e, 0) / df);
  const quad = (x0: number[]) => x0.reduce((acc, v, a) => acc + v * solve(xtx, x0)[a], 0);
  return { b, s, df, quad };
}
