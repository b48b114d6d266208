import assert from "node:assert/strict";
import { readCepii } from "../../../lib/data/sources/cepii.ts";

const FIX = new URL("../../fixtures/data", import.meta.url).pathname;
const read = (f: string) => Deno.readTextFileSync(`${FIX}/${f}`);

Deno.test("CEPII dist file: the chosen column for reporter -> each partner", () => {
  const c = readCepii(read("cepii.csv"), "cepii.csv", {
    reporter: "CHN",
    partners: ["KAZ"],
    column: "distcap",
  });
  assert.deepEqual(c.observations, [{ iso3: "KAZ", year: null, value: 3600.5, row: 2 }]);
});
