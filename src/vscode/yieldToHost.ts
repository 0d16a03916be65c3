/** Lets the extension host handle other events between two long steps (each stays short; together they would block it). */
export function yieldToHost(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
