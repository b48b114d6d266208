/**
 * Notebook-facing wrappers: results that render themselves as HTML tables in a Deno notebook.
 * The only gravity file that joins computing and rendering; nothing computes here.
 * @module
 */
import { displayable } from "../report/jupyter.ts";
import { formatStudy } from "./render/study.ts";
import type { StudyResult } from "./study/types.ts";

/**
 * The study result, made to display as its HTML tables when it is a notebook cell's value. JSON
 * and property access are unchanged (the display hook is a non-enumerable symbol).
 *
 * @example
 * ```ts
 * const result = displayStudy(runGravityStudy(config, panel));
 * result; // in a Deno notebook: Tables 1-3 as HTML
 * ```
 */
export function displayStudy(result: StudyResult): StudyResult {
  return displayable(result, (r) => formatStudy(r, "html"));
}
