/**
 * Escaping text for XML and HTML, the one escaper of the tables, the figures and the report page
 * (a file of its own so that the text tables load neither Observable Plot nor linkedom).
 * @module
 */

/**
 * Escape text for XML/HTML content and attribute values.
 *
 * @example
 * ```ts
 * escapeXml('a < b & "c"'); // "a &lt; b &amp; &quot;c&quot;"
 * ```
 */
export function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(
    /"/g,
    "&quot;",
  );
}
