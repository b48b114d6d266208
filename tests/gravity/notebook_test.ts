import assert from "node:assert/strict";
import { DISPLAY } from "../../lib/report/jupyter.ts";
import { formatStudy } from "../../lib/gravity/render/study.ts";
import { displayStudy } from "../../lib/gravity/notebook.ts";
import { runGravityStudy } from "../../lib/gravity/study/run.ts";
import { syntheticStudy } from "../../lib/gravity/synthetic/study.ts";

Deno.test("displayStudy makes the study result render as the HTML report in a notebook", () => {
  const { config, panel } = syntheticStudy({ spread: 0.2 });
  const plain = runGravityStudy(config, panel);
  assert.equal(DISPLAY in plain, false, "the computed result is a plain object");
  const r = displayStudy(plain);
  const bundle = (r as unknown as Record<symbol, () => Record<string, string>>)[DISPLAY]();
  assert.equal(bundle["text/html"], formatStudy(r, "html"));
  assert.ok(bundle["text/html"].includes("<caption>Table 2."));
  assert.equal(JSON.stringify(r), JSON.stringify(plain), "JSON is unchanged by the display hook");
});
