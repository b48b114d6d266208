import assert from "node:assert/strict";
import { readCapitals } from "../../../lib/data/sources/capitals.ts";
import { InputError } from "../../../lib/errors.ts";

const FIX = new URL("../../fixtures/data", import.meta.url).pathname;
const read = (f: string) => Deno.readTextFileSync(`${FIX}/${f}`);

Deno.test("capitals: the unquoted comma row is mended, the hopeless row counted", () => {
  const iso2 = { CHN: "CN", KAZ: "KZ", USA: "US" };
  const lat = readCapitals(read("capitals.csv"), "capitals.csv", {
    iso2,
    column: "CapitalLatitude",
  });
  const lon = readCapitals(read("capitals.csv"), "capitals.csv", {
    iso2,
    column: "CapitalLongitude",
  });
  assert.deepEqual(lat.observations.map((o) => [o.iso3, o.value]), [
    ["CHN", 40],
    ["KAZ", 51],
    ["USA", 38.5],
  ]);
  assert.equal(lon.observations[2].value, -77.25);
  assert.equal(
    lat.notes[0],
    "capitals.csv: 1 row(s) with an unquoted comma in CapitalName mended (rows 4); 1 row(s) could not be mended (rows 5; none is a panel country)",
  );
  const bad =
    "CountryName,CapitalName,CapitalLatitude,CapitalLongitude,CountryCode,ContinentName\n" +
    "Kazakhstan,Astana,x,y,KZ,Asia,extra\n";
  assert.throws(
    () => readCapitals(bad, "c.csv", { iso2, column: "CapitalLatitude" }),
    (e: Error) =>
      e instanceof InputError && /^c\.csv: row 2: 7 fields, header has 6/.test(e.message),
  );
});
