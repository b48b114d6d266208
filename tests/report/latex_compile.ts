/**
 * Compile a LaTeX table fragment the way a reader of the README would: inside a minimal
 * `article` with `\usepackage{booktabs}`, with pdflatex (Debian `texlive-latex-recommended`), and
 * read the PDF's text back with pdftotext (`poppler-utils`). Both are optional: {@link
 * LATEX_MISSING} says why the tests that need them are skipped.
 */
import { freshTmp } from "../tmp.ts";

/** Whether a program runs (`PROGRAM -v` exits 0). */
async function runs(program: string): Promise<boolean> {
  try {
    const out = await new Deno.Command(program, { args: ["-v"], stdout: "null", stderr: "null" })
      .output();
    return out.code === 0 || out.code === 99; // pdftotext -v exits 99 on older poppler
  } catch {
    return false;
  }
}

/** Why LaTeX tests are skipped (null when pdflatex and pdftotext are both installed). */
export const LATEX_MISSING: string | null = !(await runs("pdflatex"))
  ? "pdflatex not installed (apt-get install texlive-latex-recommended)"
  : !(await runs("pdftotext"))
  ? "pdftotext not installed (apt-get install poppler-utils)"
  : null;

if (LATEX_MISSING) console.log(`skipping the LaTeX compile tests: ${LATEX_MISSING}`);

/** The minimal document a fragment is compiled in. */
export const LATEX_DOCUMENT = (fragment: string) =>
  [
    "\\documentclass{article}",
    "\\usepackage{booktabs}",
    "\\begin{document}",
    fragment,
    "\\end{document}",
    "",
  ].join("\n");

/**
 * Compile `fragment` in {@link LATEX_DOCUMENT} (pdflatex, halting on the first error) and return
 * the PDF's text (pdftotext -layout). Throws with pdflatex's error lines when it fails.
 */
export async function compileLatex(fragment: string): Promise<string> {
  const dir = freshTmp("latex-");
  await Deno.writeTextFile(`${dir}/doc.tex`, LATEX_DOCUMENT(fragment));
  const tex = await new Deno.Command("pdflatex", {
    args: ["-interaction=nonstopmode", "-halt-on-error", "doc.tex"],
    cwd: dir,
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (tex.code !== 0) {
    const log = new TextDecoder().decode(tex.stdout);
    const errors = log.split("\n").filter((l) => l.startsWith("!") || l.startsWith("l."));
    throw new Error(`pdflatex failed (exit ${tex.code}):\n${errors.join("\n")}`);
  }
  const text = await new Deno.Command("pdftotext", {
    args: ["-layout", `${dir}/doc.pdf`, "-"],
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (text.code !== 0) throw new Error(new TextDecoder().decode(text.stderr));
  return new TextDecoder().decode(text.stdout);
}
