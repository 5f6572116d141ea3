/** How fleetsim writes and prints JSON: two-space indents and a final newline, as text tools expect. */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
