/** HTML tables let long tokens wrap (so Table 1's source paths fit the page), nothing else. */
import assert from "node:assert/strict";
import { formatTable } from "../../lib/report/table.ts";

Deno.test("formatTable html: long paths get <wbr> after / _ . --, short words and numbers none", () => {
  const html = formatTable({
    columns: [{ key: "source" }, { key: "note" }, { key: "n" }],
    rows: [{
      source: "raw/wdi/open_numbers/ddf--datapoints--it_net_bbnd_p2.csv",
      note: "derived: dist_km x oil_price",
      n: 1234567890123,
    }],
  }, "html");
  assert.ok(html.includes(
    "raw/<wbr>wdi/<wbr>open_<wbr>numbers/<wbr>ddf--<wbr>datapoints--<wbr>it_<wbr>net_<wbr>bbnd_<wbr>" +
      "p2.<wbr>csv",
  ));
  assert.ok(html.includes(">derived: dist_km x oil_price<"));
  assert.ok(html.includes(">1234567890123<"));
  // The text the reader sees is unchanged.
  assert.ok(html.replace(/<wbr>/g, "").includes("raw/wdi/open_numbers/ddf--datapoints--it_net_"));
});
