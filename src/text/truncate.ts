/** At most `max` characters, an ellipsis marking a cut: for user text quoted in messages and labels. */
export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
