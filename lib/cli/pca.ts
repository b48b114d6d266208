/** The `pca` command (placeholder until its issue lands). */
export function runPca(_args: string[]): Promise<void> {
  return Promise.reject(new Error("pca: not implemented yet"));
}
