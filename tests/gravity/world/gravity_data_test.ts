/**
 * worldGravityData (lib/gravity/world/gravity_data.ts) on a hand-made world panel and CEPII table
 * (written to a fresh directory under out/): which flows enter, the CEPII code renames, the filters
 * and the unmatched count, worked out by hand. A flow from a country to itself is left out even
 * where CEPII has the self pair (dist_cepii.csv has a row i -> i for every country, e.g. ABW,ABW
 * with dist 5.2 km): a domestic "flow" is not bilateral trade.
 */
import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { CEPII_DIST_FILE, worldGravityData } from "../../../lib/gravity/world/gravity_data.ts";
import { freshTmp } from "../../tmp.ts";

const ROOT = new URL("../../../", import.meta.url).pathname;

const WORLD = [
  "reporter,partner,flow,year,value_usd_mn,estimate,source",
  "CHN,KAZ,X,2010,1.5,0,D",
  "CHN,KAZ,M,2010,9,0,D", // imports: not an export flow
  "CHN,KAZ,X,2009,2,0,D", // before first
  "CHN,KAZ,X,2013,2.5,0,D", // after last
  "CHN,ROU,X,2011,3,0,D", // CEPII's ROM
  "ROU,COD,X,2012,4,0,D", // ROM -> ZAR
  "CHN,USA,X,2011,6,0,D", // no CEPII pair: unmatched
  "KAZ,CHN,X,2012,7,0,D",
  "TLS,SRB,X,2011,8,0,D", // TMP -> YUG
  "CHN,KAZ,X,1999,1,0,D",
  "CHN,KAZ,X,2000,1,0,D",
  "CHN,KAZ,X,2020,1,0,D",
  "CHN,KAZ,X,2021,1,0,D",
].join("\n") + "\n";

const CEPII = [
  "iso_o,iso_d,contig,comlang_off,colony,dist",
  "CHN,KAZ,1,0,0,3000",
  "KAZ,CHN,1,0,0,3001",
  "CHN,ROM,0,0,0,7000",
  "ROM,ZAR,0,1,0,5000",
  "TMP,YUG,0,0,1,9000",
].join("\n") + "\n";

async function files() {
  await Deno.mkdir(`${ROOT}out`, { recursive: true });
  const dir = await Deno.makeTempDir({ dir: `${ROOT}out`, prefix: "world-gravity-" });
  await Deno.writeFile(`${dir}/world.csv.gz`, gzipSync(new TextEncoder().encode(WORLD)));
  await Deno.writeTextFile(`${dir}/dist.csv`, CEPII);
  return { dir, worldFile: `${dir}/world.csv.gz`, cepiiFile: `${dir}/dist.csv` };
}

Deno.test("worldGravityData (hand-made panel): window, renames, exports only, unmatched pairs", async () => {
  const { dir, worldFile, cepiiFile } = await files();
  try {
    const d = await worldGravityData({ first: 2010, last: 2012, worldFile, cepiiFile });
    assert.equal(d.file, `${worldFile} x CEPII`);
    assert.deepEqual(d.labels, {
      exporter: ["CHN", "CHN", "ROU", "KAZ", "TLS"],
      importer: ["KAZ", "ROU", "COD", "CHN", "SRB"],
      year: ["2010", "2011", "2012", "2012", "2011"],
    });
    assert.deepEqual(d.columns, {
      trade: [1.5, 3, 4, 7, 8],
      dist: [3000, 7000, 5000, 3001, 9000],
      contig: [1, 0, 0, 1, 0],
      lang: [0, 0, 1, 0, 0],
      colony: [0, 0, 0, 0, 1],
    });
    assert.equal(d.unmatched, 1);
    // a country filter: both ends must be in it (USA is not, so nothing is unmatched)
    const kc = await worldGravityData({
      first: 2010,
      last: 2012,
      worldFile,
      cepiiFile,
      countries: ["CHN", "KAZ"],
    });
    assert.deepEqual(kc.labels.exporter, ["CHN", "KAZ"]);
    assert.equal(kc.unmatched, 0);
    const only = await worldGravityData({
      first: 2010,
      last: 2012,
      worldFile,
      cepiiFile,
      countries: ["KAZ", "USA"],
    });
    assert.deepEqual([only.columns.trade, only.unmatched], [[], 0]);
    // default window 2000-2020, inclusive
    const all = await worldGravityData({ worldFile, cepiiFile, countries: ["CHN", "KAZ"] });
    assert.deepEqual(all.labels.year, ["2010", "2009", "2013", "2012", "2000", "2020"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("worldGravityData: the default CEPII file is the raw GeoDist", () => {
  assert.equal(CEPII_DIST_FILE, "../shared/data/raw/geo/cepii/dist_cepii.csv");
});

Deno.test("worldGravityData: a self flow is dropped even where CEPII has the self pair", async () => {
  const dir = freshTmp("world-gravity-self-");
  const world = [
    "reporter,partner,flow,year,value_usd_mn,estimate,source",
    "KAZ,KAZ,X,2011,5,0,D", // self flow (CEPII has KAZ,KAZ below)
    "KAZ,CHN,X,2011,7,0,D",
    "ROU,ROU,X,2011,2,0,D", // self flow through the rename ROM -> ROU
  ].join("\n") + "\n";
  const cepii = [
    "iso_o,iso_d,contig,comlang_off,colony,dist",
    "KAZ,KAZ,0,1,0,5.5",
    "KAZ,CHN,1,0,0,3001",
    "ROM,ROM,0,1,0,8.5",
  ].join("\n") + "\n";
  await Deno.writeFile(`${dir}/world.csv.gz`, gzipSync(new TextEncoder().encode(world)));
  await Deno.writeTextFile(`${dir}/dist.csv`, cepii);
  const d = await worldGravityData({
    first: 2011,
    last: 2011,
    worldFile: `${dir}/world.csv.gz`,
    cepiiFile: `${dir}/dist.csv`,
  });
  assert.deepEqual(d.labels, { exporter: ["KAZ"], importer: ["CHN"], year: ["2011"] });
  assert.deepEqual(d.columns.trade, [7]);
  assert.deepEqual(d.columns.dist, [3001]);
  // dropped as domestic, not counted as unmatched
  assert.equal(d.unmatched, 0);
});
