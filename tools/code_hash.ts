/**
 * The hash of a TypeScript file's code as a mutation tool sees it (tools/mutate's records use it
 * to tell whether a record is still current). Dev tool only; it lives outside tools/mutate/
 * because that folder's package.json (Stryker's) scopes npm imports to its own node_modules.
 * @module
 */
import ts from "typescript";

/**
 * SHA-256 of a TypeScript file's code as Stryker sees it: the statements without import and
 * re-export (`export ... from`) declarations, printed without comments. A file moved to another
 * folder (its import paths rewritten) or reformatted keeps its hash, so its record stays current;
 * any change to the code that can be mutated changes the hash. Stryker never mutates import
 * declarations or comments, and its mutants are a function of the syntax tree, so the same hash
 * means the same mutants (at possibly other line numbers).
 *
 * @example
 * ```ts
 * await codeHash('import { a } from "./a.ts";\nexport const b = a + 1; // note') ===
 *   await codeHash('import { a } from "../x/a.ts";\nexport const b = a + 1;'); // true
 * ```
 */
export async function codeHash(text: string): Promise<string> {
  const sf = ts.createSourceFile("f.ts", text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const printer = ts.createPrinter({ removeComments: true });
  const code = sf.statements
    .filter((s) => !ts.isImportDeclaration(s) && !(ts.isExportDeclaration(s) && s.moduleSpecifier))
    .map((s) => printer.printNode(ts.EmitHint.Unspecified, s, sf))
    .join("\n");
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(code));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
