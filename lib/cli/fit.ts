/** The `fit` command (placeholder until its issue lands). */
export function runFit(_args: string[]): Promise<void> {
  return Promise.reject(new Error("fit: not implemented yet"));
}
