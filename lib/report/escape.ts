/**
 * Escaping text for XML and HTML, the one escaper of the tables, the figures and the report page
 * (a file of its own, with no dependencies, so that the text tables and renderers load neither
 * Observable Plot nor linkedom).
 * @module
 */

/** Options of {@link escapeXml}. */
export interface EscapeOptions {
  /**
   * Escape `"` too (default true: safe in attribute values). False leaves it as it is, which
   * element content allows.
   */
  quotes?: boolean;
}

/**
 * Escape text for XML/HTML content and attribute values: `&`, `<`, `>` and (unless
 * `quotes: false`) `"`.
 *
 * @example
 * ```ts
 * escapeXml('a < b & "c"'); // "a &lt; b &amp; &quot;c&quot;"
 * escapeXml('a < "c"', { quotes: false }); // 'a &lt; "c"'
 * ```
 */
export function escapeXml(s: string, options: EscapeOptions = {}): string {
  const content = s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return options.quotes === false ? content : content.replace(/"/g, "&quot;");
}
