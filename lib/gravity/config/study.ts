/**
 * The study config: the model as data (reporter, partners, years, dependent variable, the terms
 * of the paper's equation (2) with how each is formed, the CBEC indicators, PCA retention, SE type,
 * K definition and thresholds) and its sections (forecast, uncertainty, benchmark, structural,
 * frontier, sensitivity, counterfactual). parseStudyConfig composes one parser per part, each
 * beside its type and keys; loading and validation give one-line errors.
 * @module
 */
import { InputError } from "../../errors.ts";
import { parseStrictJson } from "../../data/read/strict_json.ts";
import type { SeType } from "../../stats/types.ts";
import { CBEC_INDEX, type GravityPanel, type TermSpec } from "../types.ts";
import { BENCHMARK_KEYS, type BenchmarkConfig, parseBenchmarkConfig } from "./benchmark.ts";
import { CBEC_KEYS, type CbecConfig, parseCbecConfig } from "./cbec.ts";
import {
  COUNTERFACTUAL_KEYS,
  type CounterfactualConfig,
  parseCounterfactualConfig,
} from "./counterfactual.ts";
import {
  configFail,
  type ConfigField,
  type ConfigKeys,
  type ConfigSection,
  configSection,
  YEAR_SPAN_KEYS,
} from "./fields.ts";
import { FRONTIER_KEYS, type FrontierConfig, parseFrontierConfig } from "./frontier.ts";
import {
  FORECAST_CONFIG_KEYS,
  type ForecastConfig,
  parseForecastConfig,
  validateForecast,
} from "./forecast.ts";
import { parsePotentialConfig, POTENTIAL_KEYS, type PotentialConfig } from "./potential.ts";
import { parseSensitivity, SENSITIVITY_KEYS, type SensitivityConfig } from "./sensitivity.ts";
import { parseStructuralConfig, STRUCTURAL_KEYS, type StructuralConfig } from "./structural.ts";
import { parseTermSpecs, TERM_KEYS } from "./terms.ts";
import { parseUncertaintyConfig, UNCERTAINTY_KEYS, type UncertaintyConfig } from "./uncertainty.ts";

/** A complete study config. */
export interface StudyConfig {
  title: string;
  /** Directory holding panel.csv, panel-flags.csv, variables.json (default "data"). */
  dataDir: string;
  /** Directory holding the paper's tables (default "data/paper"). */
  paperDir: string;
  reporter: string;
  partners: string[];
  years: { from: number; to: number };
  dependent: { variable: string; note?: string };
  terms: TermSpec[];
  cbec: CbecConfig;
  se: SeType;
  potential: PotentialConfig;
  /** Free-text statements of the choices made (printed with the results). */
  choices: string[];
  /** Out-of-time validation and scenario settings (absent: every default). */
  forecast?: ForecastConfig;
  /** Intervals and class probabilities of K (lib/gravity/potential/). */
  uncertainty: UncertaintyConfig;
  /** The world benchmark of K (lib/gravity/world/benchmark.ts); null when the config has none. */
  benchmark: BenchmarkConfig | null;
  /** The structural world K (lib/gravity/world/structural.ts); null when the config has none. */
  structural: StructuralConfig | null;
  /**
   * The stochastic frontier on the world panel (lib/gravity/world/frontier.ts); null when the
   * config has none (optional: configs written before the section have none).
   */
  frontier?: FrontierConfig | null;
  /** Optional sensitivity table: the same equation on each listed dependent variable. */
  sensitivity?: SensitivityConfig;
  /**
   * General-equilibrium scenarios on the world matrix (lib/gravity/world/counterfactual.ts); null
   * when the config has none (optional: configs written before the section have none).
   */
  counterfactual?: CounterfactualConfig | null;
}

const SE_TYPES: readonly SeType[] = ["classical", "hc0", "hc1", "hc2", "hc3", "cluster"];

/** The keys of `dependent`. */
const DEPENDENT_KEYS: ConfigKeys = { "variable!": "any", note: "any" };

/**
 * Every key a study config may have, composed of the keys each part's parser checks (years,
 * dependent, terms, cbec, potential here; the sections' in their files), so the two cannot
 * drift: parseStudyConfig checks the top level against these keys and hands each part to its
 * parser, which checks the keys inside it (an unknown key is refused with the allowed ones
 * listed and the nearest suggested; a key ending in `!` is required).
 */
export const STUDY_CONFIG_KEYS: ConfigKeys = {
  title: "any",
  dataDir: "any",
  paperDir: "any",
  "reporter!": "any",
  "partners!": "any",
  "years!": YEAR_SPAN_KEYS,
  "dependent!": DEPENDENT_KEYS,
  "terms!": [TERM_KEYS],
  "cbec!": CBEC_KEYS,
  se: "any",
  potential: POTENTIAL_KEYS,
  choices: "any",
  sensitivity: SENSITIVITY_KEYS,
  uncertainty: UNCERTAINTY_KEYS,
  benchmark: BENCHMARK_KEYS,
  forecast: FORECAST_CONFIG_KEYS,
  structural: STRUCTURAL_KEYS,
  frontier: FRONTIER_KEYS,
  counterfactual: COUNTERFACTUAL_KEYS,
};

/** The top level of STUDY_CONFIG_KEYS: each part's own parser checks inside it. */
const TOP_KEYS: ConfigKeys = Object.fromEntries(
  Object.keys(STUDY_CONFIG_KEYS).map((k) => [k, "any"]),
);

/** The dependent variable and its note. */
function parseDependent(field: ConfigField): StudyConfig["dependent"] {
  const s = field.section(DEPENDENT_KEYS);
  const note = s.get("note").text();
  return { variable: s.get("variable").str(), ...(note === undefined ? {} : { note }) };
}

/** The reporter and its partners (distinct, the reporter not among them). */
function parseCountries(s: ConfigSection): { reporter: string; partners: string[] } {
  const reporter = s.get("reporter").str();
  const partners = s.get("partners").strList();
  if (partners.includes(reporter)) s.fail(`the reporter ${reporter} is also a partner`);
  return { reporter, partners };
}

/** The optional sections: forecast, uncertainty, world benchmark, structural K, frontier, sensitivity. */
function parseSections(
  s: ConfigSection,
  from: number,
  dependent: string,
): Pick<
  StudyConfig,
  "forecast" | "uncertainty" | "benchmark" | "structural" | "frontier" | "sensitivity"
> {
  const { file, value: raw } = s;
  return {
    ...(raw.forecast === undefined
      ? {}
      : { forecast: parseForecastConfig(raw.forecast, from, dependent, file) }),
    uncertainty: parseUncertaintyConfig(raw.uncertainty, file),
    benchmark: parseBenchmarkConfig(raw.benchmark, file),
    structural: parseStructuralConfig(raw.structural, file),
    // absent: no key at all (results and configs written before the section stay as they were)
    ...(raw.frontier === undefined ? {} : { frontier: parseFrontierConfig(raw.frontier, file) }),
    ...(raw.sensitivity === undefined
      ? {}
      : { sensitivity: parseSensitivity(raw.sensitivity, file) }),
  };
}

/**
 * Check a parsed config object and fill defaults; every problem is one InputError line naming
 * the file and the field (`FILE: "years.from" must be a number`; an unknown key: `FILE: unknown
 * key "partnrs" in the top level (allowed: ...); did you mean "partners"?`).
 *
 * @example
 * ```ts
 * const cfg = parseStudyConfig(JSON.parse(await Deno.readTextFile("data/study.config.json")));
 * cfg.reporter; // "CHN"
 * ```
 */
export function parseStudyConfig(raw: unknown, file = "study config"): StudyConfig {
  const s = configSection(file, raw, [], TOP_KEYS);
  const years = s.get("years").years();
  const dependent = parseDependent(s.get("dependent"));
  const terms = parseTermSpecs(s.get("terms"));
  const cbec = parseCbecConfig(s.get("cbec"));
  const se = s.get("se").oneOf(SE_TYPES, "classical");
  const potential = parsePotentialConfig(s.get("potential"));
  const { reporter, partners } = parseCountries(s);
  const choices = s.get("choices");
  const config: StudyConfig = {
    title: s.get("title").str("Extended gravity study"),
    dataDir: s.get("dataDir").str("data"),
    paperDir: s.get("paperDir").str("data/paper"),
    reporter,
    partners,
    years,
    dependent,
    terms,
    cbec,
    se,
    potential,
    // free text: a list (possibly empty), each entry kept as text
    choices: choices.absent ? [] : choices.items().map((c) => String(c.value)),
    ...parseSections(s, years.from, dependent.variable),
  };
  // absent: no key at all (results and configs written before the section stay as they were)
  if (s.value.counterfactual !== undefined) {
    config.counterfactual = parseCounterfactualConfig(s.value.counterfactual, file, {
      reporter,
      partners,
      structuralYears: config.structural?.enabled ? config.structural.years : null,
    });
  }
  return config;
}

/**
 * Read and check a config file (JSON). A missing file or bad JSON is a one-line InputError.
 *
 * @example
 * ```ts
 * const cfg = await loadStudyConfig("data/study.config.json");
 * ```
 */
export async function loadStudyConfig(path: string): Promise<StudyConfig> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (e) {
    throw new InputError(`${path}: cannot read the config (${(e as Error).name})`);
  }
  return parseStudyConfig(parseStrictJson(text, path), path);
}

/**
 * Check a config against a panel: countries, years, indicators and term variables must exist.
 * Throws a one-line InputError naming the config file and the offending entry.
 *
 * @example
 * ```ts
 * validateAgainstPanel(cfg, panel, "data/study.config.json");
 * ```
 */
export function validateAgainstPanel(
  config: StudyConfig,
  panel: GravityPanel,
  file = "study config",
): void {
  const countries = new Set(panel.countries);
  for (const c of [config.reporter, ...config.partners]) {
    if (!countries.has(c)) {
      configFail(file, `unknown country "${c}" (the panel has ${panel.countries.join(", ")})`);
    }
  }
  const lo = Math.min(...panel.years);
  const hi = Math.max(...panel.years);
  for (const y of [config.years.from, config.years.to]) {
    if (y < lo || y > hi) configFail(file, `year ${y} is outside the data (${lo}-${hi})`);
  }
  const vars = new Set(panel.variables.map((v) => v.name));
  for (const ind of config.cbec.indicators) {
    if (!vars.has(ind)) configFail(file, `unknown CBEC indicator "${ind}" (not a panel variable)`);
  }
  for (const t of config.terms) {
    if (t.variable !== CBEC_INDEX && !vars.has(t.variable)) {
      configFail(file, `term "${t.name}": unknown variable "${t.variable}" (not a panel variable)`);
    }
  }
  if (!vars.has(config.dependent.variable)) {
    configFail(
      file,
      `unknown dependent variable "${config.dependent.variable}" (not a panel variable)`,
    );
  }
  if (config.forecast) {
    const regressors: Record<string, boolean> = {};
    for (const t of config.terms) regressors[t.variable] = t.log ?? true;
    validateForecast(
      config.forecast,
      {
        reporter: config.reporter,
        partners: config.partners,
        dependent: config.dependent.variable,
        regressors,
      },
      panel,
      file,
    );
  }
}
