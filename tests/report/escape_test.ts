/**
 * escapeXml (lib/report/escape.ts), the one escaper of the HTML and SVG output: the four
 * characters, `&` first (an entity in the input is escaped once, not left as an entity), and
 * `"` kept as it is with `quotes: false` (element content).
 */
import assert from "node:assert/strict";
import { escapeXml } from "../../lib/report/escape.ts";

Deno.test('escapeXml: & < > and " escaped, & first; quotes: false keeps the quotes', () => {
  assert.equal(escapeXml('a < b & "c" > d'), "a &lt; b &amp; &quot;c&quot; &gt; d");
  assert.equal(escapeXml("&lt;"), "&amp;lt;");
  assert.equal(escapeXml('"last value" <x>', { quotes: false }), '"last value" &lt;x&gt;');
  assert.equal(escapeXml('"q"', { quotes: true }), "&quot;q&quot;");
  assert.equal(escapeXml("plain text, no markup"), "plain text, no markup");
  assert.equal(escapeXml("'"), "'");
});
