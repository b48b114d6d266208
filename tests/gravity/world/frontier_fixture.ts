/**
 * The synthetic China world panel of the frontier tests (tests/fixtures/gravity/world/
 * frontier_world.csv, drawn by make_frontier_fixture.py with a one-sided partner shortfall).
 */
import { parseCsv } from "../../../lib/data/read/csv.ts";
import type { ChinaWorldPanel, ChinaWorldRow } from "../../../lib/gravity/world/china_world.ts";

/** The folder of the fixture and of its reference output (frontier_expected.json). */
export const FIXTURES = new URL("../../fixtures/gravity/world/", import.meta.url);

/** The fixture's CSV as a China world panel (only `rows` is read by the section). */
export function fixtureWorld(): ChinaWorldPanel {
  const { header, rows } = parseCsv(Deno.readTextFileSync(new URL("frontier_world.csv", FIXTURES)));
  const col = (n: string) => header.indexOf(n);
  const num = (r: string[], n: string) => (r[col(n)] === "" ? NaN : Number(r[col(n)]));
  const panelRows: ChinaWorldRow[] = rows.map((r) => ({
    partner: r[col("partner")],
    year: num(r, "year"),
    trade: num(r, "trade"),
    exports: num(r, "exports"),
    imports: num(r, "imports"),
    estimate: false,
    gdp: num(r, "gdp"),
    pop: num(r, "pop"),
    dist: num(r, "dist"),
    distcap: num(r, "distcap"),
    distw: num(r, "distw"),
    contig: num(r, "contig"),
    comlang_off: num(r, "comlang_off"),
    colony: num(r, "colony"),
    landlocked: num(r, "landlocked"),
  }));
  return {
    reporter: "CHN",
    years: { from: 2012, to: 2020 },
    partners: [...new Set(panelRows.map((r) => r.partner))],
    rows: panelRows,
    coverage: [],
    dropped: [],
    notes: [],
  };
}
