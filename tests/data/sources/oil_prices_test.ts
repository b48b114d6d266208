import assert from "node:assert/strict";
import { readOilAnnual } from "../../../lib/data/sources/oil_prices.ts";

const FIX = new URL("../../fixtures/data", import.meta.url).pathname;
const read = (f: string) => Deno.readTextFileSync(`${FIX}/${f}`);

Deno.test("oil prices: one year-level observation a dated row", () => {
  assert.deepEqual(
    readOilAnnual(read("oil.csv"), "oil.csv").observations.map((o) => [o.year, o.value]),
    [
      [2014, 100],
      [2015, 50],
      [2016, 40],
    ],
  );
});
