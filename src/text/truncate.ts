/** At most `max` characters, an ellipsis marking a cut: for user text quoted in messages and labels. */
export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * A short excerpt of user text in double quotes, control characters escaped: for a line or cell
 * of an input file quoted in a message, which may be megabytes long or hold a terminal's escapes.
 */
export function quoteExcerpt(text: string, max = 60): string {
  const escaped = truncate(text, max).replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return `"${escaped}"`;
}
