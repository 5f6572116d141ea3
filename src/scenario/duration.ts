const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400 };

export const DURATION_PATTERN = '^\\s*(\\d+(\\.\\d*)?|\\.\\d+)\\s*(ms|s|m|h|d)?\\s*$';
const DURATION_RE = new RegExp(DURATION_PATTERN);

export const DURATION_HELP = 'a duration such as 90, "90s", "5m", "1h", "1d" or "100ms"';

/** Seconds in a duration written as a number of seconds or a string with a unit; NaN if it is neither. */
export function parseDuration(value: number | string): number {
  if (typeof value === 'number') return value;
  const m = DURATION_RE.exec(value);
  if (!m) return NaN;
  return Number(m[1]) * UNIT_SECONDS[m[3] ?? 's'];
}

/** Short human form of a duration in seconds: "90 s", "5 min", "2 h", "1.5 d". */
export function formatDuration(seconds: number): string {
  if (seconds < 1) return `${+(seconds * 1000).toPrecision(3)} ms`;
  if (seconds < 120) return `${+seconds.toPrecision(3)} s`;
  if (seconds < 7200) return `${+(seconds / 60).toPrecision(3)} min`;
  if (seconds < 172800) return `${+(seconds / 3600).toPrecision(3)} h`;
  return `${+(seconds / 86400).toPrecision(3)} d`;
}
