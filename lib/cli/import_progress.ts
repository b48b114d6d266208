/**
 * Progress of the world-panel import on stderr: one line rewritten in place on a terminal, a
 * line every 50 workbooks otherwise.
 * @module
 */

/**
 * A progress callback writing `import: world panel N/T workbooks (FILE)` to stderr.
 *
 * @example
 * ```ts
 * const progress = stderrProgress();
 * progress(1, 235, "DOTS_1.xlsx");
 * ```
 */
export function stderrProgress(): (done: number, total: number, file: string) => void {
  const tty = Deno.stderr.isTerminal();
  const enc = new TextEncoder();
  return (done, total, file) => {
    const line = `import: world panel ${done}/${total} workbooks (${file})`;
    if (tty) Deno.stderr.writeSync(enc.encode(`\r${line}${done === total ? "\n" : ""}`));
    else if (done % 50 === 0 || done === total || done === 1) {
      Deno.stderr.writeSync(enc.encode(line + "\n"));
    }
  };
}
