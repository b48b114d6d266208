// loadChinaWorldPanel end to end on hand-made raw files (CEPII dist/geo, WDI long GDP and
// population, a gzip'd world panel and a CEPII code table) in a fresh directory: the defaults
// (raw directory ../shared/data/raw relative to the working directory, reporter CHN, years
// 2010-2020, the trade read from the world panel file), partners sorted whatever the order of
// the flows, only the reporter's CEPII rows parsed, and the raw file named in a parse error.
// Every expected value is read off the files below by hand (mutation record:
// tests/mutation/gravity_world_china_world.json).
import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { InputError } from "../../../lib/errors.ts";
import {
  loadChinaWorldPanel,
  type WorldTradeColumns,
} from "../../../lib/gravity/world/china_world.ts";
import { freshTmp } from "../../tmp.ts";

// value_usd_mn: the panel holds US dollars (x 1e6). TJK's flows come first, so a panel that
// kept the order of the flows would list TJK before KAZ.
const WORLD = [
  "reporter,partner,flow,year,value_usd_mn,estimate,source",
  "CHN,TJK,X,2011,2,0,D",
  "CHN,TJK,M,2011,3,1,D",
  "CHN,KAZ,X,2010,1.5,0,D",
  "CHN,KAZ,M,2010,0.5,0,D",
  "KAZ,CHN,X,2010,9,0,D", // another reporter
  "CHN,KAZ,X,2021,4,0,D", // after the default window
].join("\n") + "\n";

// TJX is CEPII's (made-up) old code of TJK
const MAPPING = 'cepii,iso3,carries,note\nTJX,TJK,all,"a renamed country, every field carried"\n';

// the KAZ-origin row has a broken distance: only the reporter's (CHN's) rows may be parsed
const DIST = [
  "iso_o,iso_d,contig,comlang_off,colony,comcol,dist,distcap,distw",
  "CHN,KAZ,1,0,0,0,3000,3001,3002",
  "CHN,TJX,0,1,0,0,4000,4001,4002",
  "KAZ,CHN,1,0,0,0,oops,3001,3002",
].join("\n") + "\n";
const GEO = "iso3,landlocked\nCHN,0\nKAZ,1\nTJX,1\n";
const GDP =
  "Country Name,Country Code,Year,Value\nKazakhstan,KAZ,2010,1e11\nTajikistan,TJK,2011,8e9\n";
const POP = "Country Name,Country Code,Year,Value\nKazakhstan,KAZ,2010,16000000\n";

/** dir/shared/data/raw with the files above (each may be replaced), and the world panel file. */
function rawFiles(dir: string, replace: Record<string, string> = {}) {
  const raw = `${dir}/shared/data/raw`;
  Deno.mkdirSync(`${raw}/geo/cepii`, { recursive: true });
  Deno.mkdirSync(`${raw}/wdi`, { recursive: true });
  const files: Record<string, string> = {
    "geo/cepii/dist_cepii.csv": DIST,
    "geo/cepii/geo_cepii.csv": GEO,
    "wdi/gdp-current-usd-long.csv": GDP,
    "wdi/population-long.csv": POP,
    ...replace,
  };
  for (const [name, text] of Object.entries(files)) Deno.writeTextFileSync(`${raw}/${name}`, text);
  Deno.writeTextFileSync(`${dir}/mapping.csv`, MAPPING);
  Deno.writeFileSync(`${dir}/world.csv.gz`, gzipSync(new TextEncoder().encode(WORLD)));
  return { raw, mappingFile: `${dir}/mapping.csv`, worldFile: `${dir}/world.csv.gz` };
}

Deno.test("loadChinaWorldPanel defaults: ../shared/data/raw, reporter CHN, 2010-2020, trade from the world panel file", async () => {
  const dir = freshTmp("china-world-load-");
  const { mappingFile, worldFile } = rawFiles(dir);
  // the default raw directory is ../shared/data/raw from the working directory
  Deno.mkdirSync(`${dir}/repo`);
  const cwd = Deno.cwd();
  Deno.chdir(`${dir}/repo`);
  let p;
  try {
    p = await loadChinaWorldPanel({ mappingFile, worldFile });
  } finally {
    Deno.chdir(cwd);
  }
  assert.equal(p.reporter, "CHN");
  assert.deepEqual(p.years, { from: 2010, to: 2020 });
  assert.deepEqual(p.partners, ["KAZ", "TJK"]);
  assert.equal(p.rows.length, 2 * 11);
  assert.deepEqual(p.rows.map((r) => `${r.partner}${r.year}`).slice(9, 13), [
    "KAZ2019",
    "KAZ2020",
    "TJK2010",
    "TJK2011",
  ]);
  const N = NaN;
  assert.deepEqual(p.rows[0], {
    partner: "KAZ",
    year: 2010,
    trade: 2e6,
    exports: 1.5e6,
    imports: 0.5e6,
    estimate: false,
    gdp: 1e11,
    pop: 16e6,
    dist: 3000,
    distcap: 3001,
    distw: 3002,
    contig: 1,
    comlang_off: 0,
    colony: 0,
    landlocked: 1,
  });
  assert.deepEqual(p.rows[12], {
    partner: "TJK",
    year: 2011,
    trade: 5e6,
    exports: 2e6,
    imports: 3e6,
    estimate: true,
    gdp: 8e9,
    pop: N,
    dist: 4000,
    distcap: 4001,
    distw: 4002,
    contig: 0,
    comlang_off: 1,
    colony: 0,
    landlocked: 1,
    geoMappedFrom: "TJX",
  });
  // KAZ 2021 is outside the window; KAZ 2011 has no flow
  assert.ok(Number.isNaN(p.rows[1].trade));
  assert.deepEqual(p.dropped, [{ partner: "TJK", missing: ["pop"] }]);
  const trade = p.coverage.find((c) => c.variable === "trade")!;
  assert.deepEqual([trade.present, trade.total], [2, 22]);
});

/** A stand-in trade: CHN's exports and imports to KAZ in 2010. */
const TRADE: WorldTradeColumns = {
  reporter: ["CHN", "CHN"],
  partner: ["KAZ", "KAZ"],
  flow: ["exports", "imports"],
  year: [2010, 2010],
  value: [1, 2],
  estimate: [false, false],
};

Deno.test("loadChinaWorldPanel: a bad number in the raw CEPII files names the file under the raw directory", async () => {
  const dir = freshTmp("china-world-bad-");
  const { raw, mappingFile } = rawFiles(dir, {
    "geo/cepii/dist_cepii.csv": DIST.replace("CHN,KAZ,1,0,0,0,3000", "CHN,KAZ,1,0,0,0,far"),
  });
  await assert.rejects(
    () => loadChinaWorldPanel({ raw, mappingFile, trade: TRADE }),
    (e: Error) => {
      assert.ok(e instanceof InputError);
      assert.ok(e.message.startsWith(`${raw}/geo/cepii/dist_cepii.csv`), e.message);
      assert.match(e.message, /"far" is not a number/);
      return true;
    },
  );
  const dir2 = freshTmp("china-world-bad-geo-");
  const geo = rawFiles(dir2, { "geo/cepii/geo_cepii.csv": "iso3,landlocked\nCHN,no\n" });
  await assert.rejects(
    () => loadChinaWorldPanel({ raw: geo.raw, mappingFile: geo.mappingFile, trade: TRADE }),
    (e: Error) => {
      assert.ok(e instanceof InputError);
      assert.ok(e.message.startsWith(`${geo.raw}/geo/cepii/geo_cepii.csv`), e.message);
      assert.match(e.message, /"no" is not a number/);
      return true;
    },
  );
  // the same raw files with the trade given and another window: KAZ 2010 only
  const ok = await loadChinaWorldPanel({
    raw: rawFiles(freshTmp("china-world-ok-")).raw,
    mappingFile,
    trade: TRADE,
    years: { from: 2010, to: 2010 },
  });
  assert.deepEqual(ok.rows.map((r) => [r.partner, r.year, r.trade, r.dist]), [[
    "KAZ",
    2010,
    3,
    3000,
  ]]);
});
