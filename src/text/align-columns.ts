/**
 * Rows of cells as lines of aligned columns, two spaces apart: the first `left` columns flush
 * left (labels), the others flush right (figures); the first row sets the number of columns.
 */
export function alignColumns(rows: readonly (readonly string[])[], left = 0): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (c < left ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd());
}
