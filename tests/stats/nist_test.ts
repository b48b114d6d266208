/**
 * NIST StRD linear regression: all 11 datasets, log relative error (LRE) >= 7 on every
 * certified coefficient and standard error.
 */
import assert from "node:assert/strict";
import { parseCsv } from "../../lib/data/csv.ts";
import { ols } from "../../lib/stats/ols.ts";

const DIR = new URL("../../../shared/data/nist-strd/", import.meta.url);

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

/** Fit one dataset from its CSV; returns [min LRE coefficients, min LRE SEs, residual SD LRE]. */
export function nistLre(name: string): [number, number, number] {
  const c = certified[name];
  const table = parseCsv(Deno.readTextFileSync(new URL(c.csv, DIR)));
  const col = (h: string) => table.rows.map((r) => Number(r[table.header.indexOf(h)]));
  const fit = ols(col(c.y), c.x.map((h) => ({ name: h, values: col(h) })), {
    intercept: c.intercept,
  });
  assert.deepEqual(fit.omitted, [], `${name}: nothing may be declared collinear`);
  assert.deepEqual(fit.coefficients.map((v) => v.term), c.terms.map((t) => t));
  const lc = Math.min(...fit.coefficients.map((v, i) => lre(v.estimate, c.coefficients[i])));
  const ls = Math.min(...fit.coefficients.map((v, i) => lre(v.stdError, c.stdErrors[i])));
  return [lc, ls, lre(fit.sigma, c.residualSD)];
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
for (const name of names) {
  const [lc, ls, lsd] = nistLre(name);
  Deno.test(
    `NIST ${name}: min LRE coefficients ${lc.toFixed(1)}, standard errors ${ls.toFixed(1)}, ` +
      `residual SD ${lsd.toFixed(1)}`,
    () => {
      assert.ok(lc >= 7, `${name} coefficients LRE ${lc}`);
      assert.ok(ls >= 7, `${name} standard errors LRE ${ls}`);
    },
  );
}
