/** The frontier reference data (../shared/data/raw/frontier, SOURCES.md section 15), read once. */
import "../../root.ts";

const RAW = "../shared/data/raw/frontier";

function readCsv(file: string): { head: string[]; rows: number[][] } {
  const lines = Deno.readTextFileSync(`${RAW}/${file}`).trim().split("\n");
  const head = lines[0].split(",").map((s) => s.replace(/"/g, ""));
  return { head, rows: lines.slice(1).map((l) => l.split(",").map(Number)) };
}

/** FRONTIER 4.1's EG1 data: ln output, ln capital, ln labour for 60 firms. */
export function front41() {
  const { rows } = readCsv("front41Data.csv");
  return {
    y: rows.map((r) => Math.log(r[1])),
    x: [
      { name: "ln(capital)", values: rows.map((r) => Math.log(r[2])) },
      { name: "ln(labour)", values: rows.map((r) => Math.log(r[3])) },
    ],
  };
}

/** The rice panel: ln PROD on ln AREA, ln LABOR, ln NPK; farm x year; EDYRS, BANRAT. */
export function rice() {
  const { head, rows } = readCsv("riceProdPhil.csv");
  const col = (n: string) => rows.map((r) => r[head.indexOf(n)]);
  return {
    y: col("PROD").map(Math.log),
    x: ["AREA", "LABOR", "NPK"].map((n) => ({ name: `l${n}`, values: col(n).map(Math.log) })),
    panel: { id: col("FMERCODE"), time: col("YEARDUM") },
    z: ["EDYRS", "BANRAT"].map((n) => ({ name: n, values: col(n) })),
  };
}

/**
 * The small data sets given by formulas in make_start_fixture.py (built the same way there):
 * y_i = 1 + 0.5 x_i + noise sin(7 i) - 0.4 u_i, x_i = i / n - 0.5, u_i = |cos 3i| (flip: residuals
 * skewed the wrong way) or 1 - |cos 3i|.
 */
export function formulaData(n: number, noise: number, flip: boolean) {
  const x: number[] = [], y: number[] = [];
  for (let i = 1; i <= n; i++) {
    const c = Math.abs(Math.cos(3 * i));
    x.push(i / n - 0.5);
    y.push(1 + 0.5 * x[i - 1] + noise * Math.sin(7 * i) - 0.4 * (flip ? c : 1 - c));
  }
  return { y, x: [{ name: "x", values: x }] };
}

/** The published numbers (tests/fixtures/stats/frontier/published.json). */
export const PUBLISHED = JSON.parse(
  Deno.readTextFileSync(
    new URL("../../fixtures/stats/frontier/published.json", import.meta.url),
  ),
);
