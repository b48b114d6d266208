/**
 * NIST StRD linear regression: all 11 datasets, log relative error (LRE) >= 7 on every
 * certified coefficient, standard error, residual SD and R² (uncentred R² for NoInt1/2), each
 * dataset fitted inside its own test.
 */
import assert from "node:assert/strict";
import { parseCsv } from "../../../lib/data/read/csv.ts";
import { ols } from "../../../lib/stats/linear/ols.ts";

const DIR = new URL("../../../../shared/data/nist-strd/", import.meta.url);

interface Certified {
  csv: string;
  intercept: boolean;
  y: string;
  x: string[];
  terms: string[];
  coefficients: number[];
  stdErrors: number[];
  residualSD: number;
  rSquared: number;
}

const certified: Record<string, Certified> = JSON.parse(
  Deno.readTextFileSync(new URL("certified.json", DIR)),
).datasets;

/** NIST's LRE: -log10(|est - cert| / |cert|), or of the absolute error when cert is 0. */
function lre(est: number, cert: number): number {
  const err = cert === 0 ? Math.abs(est) : Math.abs(est - cert) / Math.abs(cert);
  return err === 0 ? 16 : Math.min(16, -Math.log10(err));
}

/** Fit one dataset from its CSV; returns the minimum LREs of coefficients, SEs, residual SD, R². */
export function nistLre(name: string): { coef: number; se: number; sd: number; r2: number } {
  const c = certified[name];
  const table = parseCsv(Deno.readTextFileSync(new URL(c.csv, DIR)));
  const col = (h: string) => table.rows.map((r) => Number(r[table.header.indexOf(h)]));
  const fit = ols(col(c.y), c.x.map((h) => ({ name: h, values: col(h) })), {
    intercept: c.intercept,
  });
  assert.deepEqual(fit.omitted, [], `${name}: nothing may be declared collinear`);
  assert.deepEqual(fit.coefficients.map((v) => v.term), c.terms.map((t) => t));
  return {
    coef: Math.min(...fit.coefficients.map((v, i) => lre(v.estimate, c.coefficients[i]))),
    se: Math.min(...fit.coefficients.map((v, i) => lre(v.stdError, c.stdErrors[i]))),
    sd: lre(fit.sigma, c.residualSD),
    r2: lre(fit.r2, c.rSquared),
  };
}

const names = [
  "Norris",
  "Pontius",
  "NoInt1",
  "NoInt2",
  "Filip",
  "Longley",
  "Wampler1",
  "Wampler2",
  "Wampler3",
  "Wampler4",
  "Wampler5",
];
Deno.test("NIST: every dataset of the certified list is tested", () => {
  assert.deepEqual([...names].sort(), Object.keys(certified).sort());
});
for (const name of names) {
  Deno.test(`NIST ${name}: LRE >= 7 on coefficients, standard errors, residual SD and R²`, () => {
    const l = nistLre(name);
    assert.ok(l.coef >= 7, `${name} coefficients LRE ${l.coef}`);
    assert.ok(l.se >= 7, `${name} standard errors LRE ${l.se}`);
    assert.ok(l.sd >= 7, `${name} residual SD LRE ${l.sd}`);
    assert.ok(l.r2 >= 7, `${name} R² LRE ${l.r2}`);
  });
}
