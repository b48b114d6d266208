/**
 * The paper side by side: its Table 2 and Table 3 (typed into data/paper/ from the seed text)
 * and the agreement of our results with them (sign per coefficient, class per country-year).
 * @module
 */
import { readCsv } from "../../data/read/csv.ts";
import { findColumn } from "../../data/read/header.ts";
import { classifyK, type PotentialRow } from "../potential/k.ts";
import type { PotentialClass } from "../types.ts";
import type { Thresholds } from "../types.ts";

/** One row of the paper's Table 2. */
export interface PaperCoefficient {
  /** The paper's label, e.g. "ln pgdpij". */
  variable: string;
  /** Our term key, e.g. "ln_pgdp" ("_cons" for the constant). */
  term: string;
  coefficient: number;
  stdError: number;
  t: number;
  p: number;
  ciLower: number;
  ciUpper: number;
}

/** One cell of the paper's Table 3. */
export interface PaperPotential {
  country: string;
  year: number;
  /** K as printed (null where the paper prints "-"). */
  k: number | null;
  /** The status words as printed (machine-translated, verbatim). */
  words: string;
  /** Class read from the words (null where the words are missing or ambiguous). */
  class: PotentialClass | null;
}

/** The paper's tables with their page reference. */
export interface PaperTables {
  source: string;
  table2: PaperCoefficient[];
  table3: PaperPotential[];
}

const num = (s: string): number | null => (s === "-" || s === "" ? null : Number(s));

/**
 * Read data/paper/table2.csv and table3.csv.
 *
 * @example
 * ```ts
 * const paper = await loadPaperTables("data/paper");
 * paper.table2[0]; // { variable: "ln pgdpij", term: "ln_pgdp", coefficient: 0.703, ... }
 * ```
 */
export async function loadPaperTables(dir = "data/paper"): Promise<PaperTables> {
  const t2 = await readCsv(`${dir}/table2.csv`);
  const t3 = await readCsv(`${dir}/table3.csv`);
  const col = (h: string[], name: string, file: string) => findColumn(file, h, name);
  const f2 = (name: string) => col(t2.header, name, t2.file);
  const f3 = (name: string) => col(t3.header, name, t3.file);
  const table2 = t2.rows.map((r) => ({
    variable: r[f2("variable_paper")],
    term: r[f2("term")],
    coefficient: Number(r[f2("coefficient")]),
    stdError: Number(r[f2("std_error")]),
    t: Number(r[f2("t")]),
    p: Number(r[f2("p")]),
    ciLower: Number(r[f2("ci_lower")]),
    ciUpper: Number(r[f2("ci_upper")]),
  }));
  const table3 = t3.rows.map((r) => ({
    country: r[f3("iso3")],
    year: Number(r[f3("year")]),
    k: num(r[f3("k")]),
    words: r[f3("status_words")],
    class: (r[f3("class")] || null) as PotentialClass | null,
  }));
  return { source: t2.rows[0]?.[f2("source")] ?? "", table2, table3 };
}

/** Agreement of our results with the paper's. */
export interface PaperComparison {
  coefficients: {
    term: string;
    ours: number | null;
    paper: number;
    signAgree: boolean | null;
  }[];
  classes: {
    country: string;
    year: number;
    oursK: number | null;
    oursClass: PotentialClass | null;
    paperK: number | null;
    paperClass: PotentialClass | null;
    /** Where the paper's class comes from: its words, or its K and the thresholds. */
    paperClassFrom: "words" | "threshold" | null;
    agree: boolean | null;
  }[];
  signAgreement: { agree: number; compared: number };
  classAgreement: { agree: number; compared: number };
  /** Paper cells whose printed class contradicts its own K and thresholds. */
  paperInconsistencies: string[];
}

/**
 * Compare our coefficients (term -> estimate, intercept as "_cons") and K table with the paper.
 *
 * @example
 * ```ts
 * const cmp = comparePaper(paper, { ln_pgdp: 0.5, _cons: 1 }, potentialRows);
 * cmp.signAgreement; // { agree: ..., compared: ... }
 * ```
 */
export function comparePaper(
  paper: PaperTables,
  coefficients: Record<string, number> | null,
  potential: PotentialRow[],
  thresholds: Thresholds = { huge: 0.8, remodelling: 1.2 },
): PaperComparison {
  const coefs = paper.table2.map((p) => {
    const ours = coefficients?.[p.term] ?? null;
    return {
      term: p.term,
      ours,
      paper: p.coefficient,
      signAgree: ours === null ? null : Math.sign(ours) === Math.sign(p.coefficient),
    };
  });
  const byKey = new Map(potential.map((r) => [`${r.country}|${r.year}`, r]));
  const inconsistencies: string[] = [];
  const classes = paper.table3.map((p) => {
    const ours = byKey.get(`${p.country}|${p.year}`);
    const byThreshold = p.k === null ? null : classifyK(p.k, thresholds);
    if (p.class && byThreshold && p.class !== byThreshold) {
      inconsistencies.push(
        `${p.country} ${p.year}: K = ${p.k} is "${byThreshold}" by the thresholds but the paper ` +
          `says "${p.words}"`,
      );
    }
    const paperClass = p.class ?? byThreshold;
    const oursClass = ours?.class ?? null;
    return {
      country: p.country,
      year: p.year,
      oursK: ours?.k ?? null,
      oursClass,
      paperK: p.k,
      paperClass,
      paperClassFrom: p.class ? "words" as const : byThreshold ? "threshold" as const : null,
      agree: oursClass === null || paperClass === null ? null : oursClass === paperClass,
    };
  });
  const count = (xs: (boolean | null)[]) => ({
    agree: xs.filter((x) => x === true).length,
    compared: xs.filter((x) => x !== null).length,
  });
  return {
    coefficients: coefs,
    classes,
    signAgreement: count(coefs.map((c) => c.signAgree)),
    classAgreement: count(classes.map((c) => c.agree)),
    paperInconsistencies: inconsistencies,
  };
}

const fmt3 = (x: number | null) => (x === null ? "none" : x.toFixed(3));

/**
 * Where our results differ from the paper's, in plain sentences: every coefficient whose sign
 * differs, every country-year whose class differs, and what could not be compared.
 *
 * @example
 * ```ts
 * describeDisagreement(comparePaper(paper, ours, potentialRows));
 * // ["Signs differ from the paper for 2 of 8 coefficients: ln_pop (ours 0.120, paper -0.268); ...", ...]
 * ```
 */
export function describeDisagreement(cmp: PaperComparison): string[] {
  const out: string[] = [];
  const signs = cmp.coefficients.filter((c) => c.signAgree === false);
  const noSign = cmp.coefficients.filter((c) => c.signAgree === null);
  if (cmp.signAgreement.compared) {
    out.push(
      signs.length
        ? `Signs differ from the paper for ${signs.length} of ${cmp.signAgreement.compared} ` +
          `coefficients: ${
            signs.map((c) => `${c.term} (ours ${fmt3(c.ours)}, paper ${fmt3(c.paper)})`).join("; ")
          }.`
        : `Every one of the ${cmp.signAgreement.compared} compared coefficients has the paper's sign.`,
    );
  }
  if (noSign.length) {
    out.push(`No estimate of ours to compare for: ${noSign.map((c) => c.term).join(", ")}.`);
  }
  const classes = cmp.classes.filter((c) => c.agree === false);
  if (cmp.classAgreement.compared) {
    out.push(
      classes.length
        ? `Classes differ from the paper in ${classes.length} of ${cmp.classAgreement.compared} ` +
          `country-years: ${
            classes.map((c) =>
              `${c.country} ${c.year} (ours ${c.oursClass} K ${
                fmt3(c.oursK)
              }, paper ${c.paperClass} K ${fmt3(c.paperK)})`
            ).join("; ")
          }.`
        : `Every one of the ${cmp.classAgreement.compared} compared country-years has the paper's class.`,
    );
  }
  const paperOnly = cmp.classes.filter((c) => c.paperClass !== null && c.oursClass === null);
  const paperClassified = cmp.classes.filter((c) => c.paperClass !== null).length;
  if (paperOnly.length && paperOnly.length === paperClassified) {
    out.push(`None of the paper's ${paperClassified} classified country-years has a K of ours.`);
  } else if (paperOnly.length) {
    out.push(
      `The paper classifies ${paperOnly.length} country-years we do not: ${
        paperOnly.map((c) => `${c.country} ${c.year}`).join(", ")
      }.`,
    );
  }
  return out;
}
