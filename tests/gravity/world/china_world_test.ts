import "../../root.ts"; // the repository root is the working directory (relative paths below)
import assert from "node:assert/strict";
import {
  loadChinaWorldPanel,
  type WorldTradeColumns,
} from "../../../lib/gravity/world/china_world.ts";
import { parseCepiiMapping, readGeoDist } from "../../../lib/data/sources/cepii.ts";

const RAW = "../shared/data/raw";
const PARTNERS = ["KAZ", "ROU", "SRB", "MNE", "COD", "TWN", "XKX", "SSD"];

/** A stand-in for the DOTS trade (only the partner list matters to these checks). */
function fakeTrade(): WorldTradeColumns {
  const t = { reporter: [], partner: [], flow: [], year: [], value: [], estimate: [] } as {
    reporter: string[];
    partner: string[];
    flow: string[];
    year: number[];
    value: number[];
    estimate: boolean[];
  };
  for (const p of PARTNERS) {
    for (const flow of ["exports", "imports"]) {
      t.reporter.push("CHN");
      t.partner.push(p);
      t.flow.push(flow);
      t.year.push(2015);
      t.value.push(1e6);
      t.estimate.push(false);
    }
  }
  return t;
}

/** The raw line of dist_cepii.csv for CHN -> code, split (read independently of the reader). */
async function rawDist(code: string): Promise<string[]> {
  const text = await Deno.readTextFile(`${RAW}/geo/cepii/dist_cepii.csv`);
  return text.split(/\r?\n/).find((l) => l.startsWith(`CHN,${code},`))!.split(",");
}

Deno.test("China world panel on the real WDI and CEPII files: codes mapped, values as in the raw files, drops named", async () => {
  const p = await loadChinaWorldPanel({
    raw: RAW,
    years: { from: 2015, to: 2015 },
    trade: fakeTrade(),
  });
  const row = (c: string) => p.rows.find((r) => r.partner === c)!;
  // ROM -> ROU: CEPII's CHN-ROM distance and dummies (dist_cepii.csv columns 3-11)
  const rom = await rawDist("ROM");
  assert.equal(row("ROU").dist, Number(rom[10]));
  assert.equal(row("ROU").distw, Number(rom[12]));
  assert.equal(row("ROU").geoMappedFrom, "ROM");
  assert.equal(row("ROU").landlocked, 0);
  const kaz = await rawDist("KAZ");
  assert.equal(row("KAZ").contig, 1); // China borders Kazakhstan
  assert.equal(row("KAZ").dist, Number(kaz[10]));
  assert.equal(row("KAZ").landlocked, 1);
  // ZAR -> COD carries everything; YUG -> SRB, MNE the bilateral fields only
  assert.equal(row("COD").dist, Number((await rawDist("ZAR"))[10]));
  assert.equal(row("SRB").dist, Number((await rawDist("YUG"))[10]));
  assert.equal(row("MNE").dist, row("SRB").dist);
  assert.ok(Number.isNaN(row("SRB").landlocked));
  // GDP and population from the long WDI files (Romania 2015, raw/wdi/gdp-current-usd-long.csv)
  assert.equal(row("ROU").gdp, 177883883008.74738);
  // dropped and named: Taiwan (no WDI), Kosovo and South Sudan (no CEPII geography), and the
  // YUG successors without a landlocked status
  const dropped = new Map(p.dropped.map((d) => [d.partner, d.missing]));
  assert.deepEqual(dropped.get("TWN"), ["gdp", "pop"]);
  assert.deepEqual(dropped.get("XKX"), ["dist", "contig", "comlang_off", "colony", "landlocked"]);
  assert.deepEqual(dropped.get("SSD"), ["dist", "contig", "comlang_off", "colony", "landlocked"]);
  assert.deepEqual(dropped.get("SRB"), ["landlocked"]);
  assert.deepEqual(dropped.get("MNE"), ["landlocked"]);
  assert.equal(dropped.has("ROU") || dropped.has("KAZ") || dropped.has("COD"), false);
});

Deno.test("the CEPII code table: every mapped code exists in CEPII, every target is new to it", async () => {
  const mapping = parseCepiiMapping(await Deno.readTextFile("data/cepii-iso3.csv"));
  const geo = await Deno.readTextFile(`${RAW}/geo/cepii/geo_cepii.csv`);
  const codes = new Set(geo.split(/\r?\n/).slice(1).map((l) => l.split(",")[1]));
  for (const m of mapping) {
    assert.ok(codes.has(m.cepii), m.cepii);
    assert.ok(!codes.has(m.iso3), m.iso3);
    assert.ok(m.note.length > 20, m.cepii);
  }
  const pairs = readGeoDist(
    await Deno.readTextFile(`${RAW}/geo/cepii/dist_cepii.csv`),
    geo,
    mapping,
  );
  // 224 x 223 directed pairs, plus a second row (MNE beside SRB) for each of YUG's 223 pairs as
  // origin and as destination; YUG-YUG is a self pair, so SRB-MNE has no geography
  assert.equal(pairs.length, 224 * 223 + 2 * 223);
  assert.ok(!pairs.some((p) => p.origin === "SRB" && p.destination === "MNE"));
  assert.ok(pairs.every((p) => p.origin !== "ROM" && p.destination !== "ZAR"));
});
