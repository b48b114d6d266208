/**
 * Notebook plumbing shared by the test harness (tests/notebooks_test.ts), `deno task strip` and
 * `deno task report`: list the committed notebooks, strip their outputs, execute them headless
 * with `jupyter nbconvert` on the Deno kernel, and count the figures and tables they produced.
 * @module
 */

/** The parts of an nbformat 4 notebook used here. */
export interface Notebook {
  cells: NotebookCell[];
  metadata: {
    kernelspec?: { name?: string };
    cbec?: { expect?: { svg?: number; tables?: number } };
    [key: string]: unknown;
  };
  nbformat: number;
  nbformat_minor: number;
}

/** One notebook cell. */
export interface NotebookCell {
  cell_type: "code" | "markdown" | "raw";
  source: string | string[];
  metadata: Record<string, unknown>;
  outputs?: NotebookOutput[];
  execution_count?: number | null;
  id?: string;
}

/** One output of a code cell. */
export interface NotebookOutput {
  output_type: string;
  data?: Record<string, string | string[]>;
  text?: string | string[];
  ename?: string;
  evalue?: string;
  traceback?: string[];
}

const joinText = (t: string | string[] | undefined) => (Array.isArray(t) ? t.join("") : t ?? "");

/**
 * The `*.ipynb` files of a directory, sorted by name.
 *
 * @example
 * ```ts
 * listNotebooks("notebooks"); // ["notebooks/01-data.ipynb", ...]
 * ```
 */
export function listNotebooks(dir: string): string[] {
  const names: string[] = [];
  try {
    for (const e of Deno.readDirSync(dir)) {
      if (e.isFile && e.name.endsWith(".ipynb")) names.push(e.name);
    }
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return [];
    throw err;
  }
  return names.sort().map((n) => `${dir.replace(/\/$/, "")}/${n}`);
}

/**
 * What keeps a notebook from being "committed stripped": outputs, execution counts, nbconvert's
 * execution timestamps, or a missing `metadata.cbec.expect` declaration. Empty when clean.
 *
 * @example
 * ```ts
 * strippedProblems(JSON.parse(Deno.readTextFileSync("notebooks/01-data.ipynb"))); // []
 * ```
 */
export function strippedProblems(nb: Notebook): string[] {
  const problems: string[] = [];
  nb.cells.forEach((cell, i) => {
    if (cell.cell_type !== "code") return;
    if (cell.outputs && cell.outputs.length) problems.push(`cell ${i + 1}: has outputs`);
    if (cell.execution_count !== null && cell.execution_count !== undefined) {
      problems.push(`cell ${i + 1}: has execution_count ${cell.execution_count}`);
    }
    if ("execution" in (cell.metadata ?? {})) {
      problems.push(`cell ${i + 1}: has execution timestamps`);
    }
  });
  if (nb.metadata?.kernelspec?.name !== "deno") problems.push('kernelspec.name is not "deno"');
  if (!nb.metadata?.cbec?.expect) problems.push("metadata.cbec.expect {svg, tables} is missing");
  return problems;
}

/**
 * A copy of the notebook without outputs, execution counts or execution timestamps.
 *
 * @example
 * ```ts
 * const clean = stripNotebook(nb);
 * strippedProblems(clean); // [] when metadata.cbec.expect is declared
 * ```
 */
export function stripNotebook(nb: Notebook): Notebook {
  return {
    ...nb,
    cells: nb.cells.map((cell) => {
      const metadata = { ...(cell.metadata ?? {}) };
      delete metadata.execution;
      if (cell.cell_type !== "code") return { ...cell, metadata };
      return { ...cell, metadata, outputs: [], execution_count: null };
    }),
  };
}

/** Serialize a notebook the way Jupyter writes it (1-space indent, trailing newline). */
export function notebookJson(nb: Notebook): string {
  return JSON.stringify(nb, null, 1) + "\n";
}

/** Figures, tables and errors found in an executed notebook's outputs. */
export interface OutputCounts {
  /** Outputs holding an SVG (MIME image/svg+xml, or `<svg` inside text/html). */
  svg: number;
  /** text/html outputs holding a `<table`. */
  tables: number;
  /** Error outputs ("ename: evalue"). */
  errors: string[];
}

/**
 * Count the SVG figures and HTML tables an executed notebook produced.
 *
 * @example
 * ```ts
 * countOutputs(executed); // { svg: 3, tables: 2, errors: [] }
 * ```
 */
export function countOutputs(nb: Notebook): OutputCounts {
  const counts: OutputCounts = { svg: 0, tables: 0, errors: [] };
  for (const cell of nb.cells) {
    for (const out of cell.outputs ?? []) {
      if (out.output_type === "error") counts.errors.push(`${out.ename}: ${out.evalue}`);
      const data = out.data ?? {};
      const htmlText = joinText(data["text/html"]);
      if ("image/svg+xml" in data || htmlText.includes("<svg")) counts.svg++;
      if (htmlText.includes("<table")) counts.tables++;
    }
  }
  return counts;
}

/** Result of {@link executeNotebook}. */
export interface ExecutionResult {
  ok: boolean;
  /** Path of the executed notebook (or HTML) written by nbconvert. */
  output: string;
  seconds: number;
  /** nbconvert's error text (the failing cell and its traceback) when not ok. */
  error: string;
}

/** Options of {@link executeNotebook}. */
export interface ExecuteOptions {
  /** Output directory (absolute, or relative to the current directory; default "out/notebooks"). */
  outDir?: string;
  /** nbconvert target: "notebook" (executed .ipynb, default) or "html". */
  to?: "notebook" | "html";
  /** Seconds per cell (default 120). */
  timeout?: number;
  /** The jupyter executable (default "jupyter"). */
  jupyter?: string;
  /** An nbconvert template file (absolute path) for the HTML export (default: nbconvert's). */
  templateFile?: string;
}

function absolute(path: string): string {
  return path.startsWith("/") ? path : `${Deno.cwd()}/${path}`;
}

/**
 * Execute a notebook headless on the Deno kernel: `jupyter nbconvert --to notebook --execute`,
 * run from the notebook's own directory (so `../lib/...` imports resolve) with NO_COLOR=1.
 *
 * @example
 * ```ts
 * const r = await executeNotebook("notebooks/01-data.ipynb");
 * if (!r.ok) console.error(r.error);
 * ```
 */
export async function executeNotebook(
  path: string,
  options: ExecuteOptions = {},
): Promise<ExecutionResult> {
  const abs = absolute(path);
  const dir = abs.slice(0, abs.lastIndexOf("/"));
  const name = abs.slice(abs.lastIndexOf("/") + 1);
  const outDir = absolute(options.outDir ?? "out/notebooks");
  const to = options.to ?? "notebook";
  Deno.mkdirSync(outDir, { recursive: true });
  const started = performance.now();
  const { code, stderr } = await new Deno.Command(options.jupyter ?? "jupyter", {
    args: [
      "nbconvert",
      `--to`,
      to,
      "--execute",
      `--ExecutePreprocessor.timeout=${options.timeout ?? 120}`,
      "--ExecutePreprocessor.kernel_name=deno",
      "--output-dir",
      outDir,
      ...(options.templateFile ? ["--template-file", options.templateFile] : []),
      name,
    ],
    cwd: dir,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const seconds = (performance.now() - started) / 1000;
  const text = new TextDecoder().decode(stderr);
  const markers = [
    /[\w.]*CellExecutionError/,
    /[\w.]*CellTimeoutError/,
    /DeadKernelError/,
    /Traceback/,
  ];
  const found = markers.map((m) => text.search(m)).find((i) => i >= 0);
  const at = found ?? -1;
  const error = code === 0 ? "" : (at >= 0 ? text.slice(at) : text).trim().slice(-4000);
  const ext = to === "html" ? ".html" : ".ipynb";
  return { ok: code === 0, output: `${outDir}/${name.replace(/\.ipynb$/, ext)}`, seconds, error };
}
