// worldGravityData leaves out a flow from a country to itself even when CEPII has the self pair
// (dist_cepii.csv has a row i -> i for every country, e.g. ABW,ABW with dist 5.2 km): a domestic
// "flow" is not bilateral trade. Written for the survivor `e === m` -> `false` of
// `deno task mutate lib/gravity/world/gravity_data.ts` (tests/mutation/gravity_world_gravity.json).
import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { worldGravityData } from "../../../lib/gravity/world/gravity_data.ts";
import { freshTmp } from "../../tmp.ts";

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
