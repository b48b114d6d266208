/** The `study` command (placeholder until its issue lands). */
export function runStudy(_args: string[]): Promise<void> {
  return Promise.reject(new Error("study: not implemented yet"));
}
