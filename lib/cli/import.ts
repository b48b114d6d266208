/** The `import` command (placeholder until its issue lands). */
export function runImport(_args: string[]): Promise<void> {
  return Promise.reject(new Error("import: not implemented yet"));
}
