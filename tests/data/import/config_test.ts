import "../../root.ts"; // the repository root is the working directory (relative paths below)
import assert from "node:assert/strict";
import { parseImportConfig } from "../../../lib/data/import/config.ts";
import { InputError } from "../../../lib/errors.ts";

const CONFIG = "tests/fixtures/data/import.config.json";

Deno.test("config errors are one line naming the config and the entry", () => {
  const base = JSON.parse(Deno.readTextFileSync(CONFIG));
  const bad = (mutate: (c: typeof base) => void) => {
    const c = structuredClone(base);
    mutate(c);
    return () => parseImportConfig(JSON.stringify(c), "cfg.json");
  };
  const is = (re: RegExp) => (e: Error) =>
    e instanceof InputError && re.test(e.message) && !e.message.includes("\n");
  assert.throws(
    bad((c) => (c.sources[0].layout = "xls")),
    is(/^cfg\.json: sources\[0\] \("pop"\): unknown layout "xls"/),
  );
  assert.throws(
    bad((c) => (c.sources[0].variable = "gdp")),
    is(/^cfg\.json: sources\[0\] \("gdp"\): unknown variable "gdp"/),
  );
  assert.throws(
    bad((c) => delete c.sources[3].indicator),
    is(/^cfg\.json: sources\[3\] \("internet_users"\): layout "ddf" needs "indicator"/),
  );
  assert.throws(() => parseImportConfig("{", "cfg.json"), is(/^cfg\.json: not valid JSON/));
});
