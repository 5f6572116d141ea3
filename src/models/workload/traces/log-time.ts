const MONTHS: Readonly<Record<string, number>> = {
  jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11,
};

/**
 * Seconds since the Unix epoch of a calendar time, or NaN when a field is out of range (Date.UTC
 * would roll 31 June over to 1 July). A second of 60 is a leap second.
 */
function epochSeconds(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  if (month < 0 || month > 11 || day < 1 || hour > 23 || minute > 59 || second > 60) return NaN;
  // Every month has 28 days: only later days need the month's length (a Date per line otherwise).
  if (day > 28 && day > new Date(Date.UTC(year, month + 1, 0)).getUTCDate()) return NaN;
  return Date.UTC(year, month, day, hour, minute, 0) / 1000 + second;
}

const CLF_TIME = /^(\d{2})\/([A-Za-z]{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/;

/** `01/Jul/1995:00:00:01 -0400` (Common Log Format's %t without brackets) in epoch seconds, or NaN. */
export function clfTime(text: string): number {
  const m = CLF_TIME.exec(text);
  if (!m) return NaN;
  const month = MONTHS[m[2].toLowerCase()];
  if (month === undefined) return NaN;
  const offsetHours = Number(m[8]);
  const offsetMinutes = Number(m[9]);
  if (offsetHours > 14 || offsetMinutes > 59) return NaN;
  const local = epochSeconds(Number(m[3]), month, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6]));
  return local - (m[7] === '-' ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
}

const ISO_UTC = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?Z$/;

/**
 * `2018-07-02T22:23:00.186641Z` (the ALB log's times, always UTC) as whole epoch seconds and the
 * fraction apart (their sum as one double would lose the microseconds), or undefined.
 */
export function isoUtcTime(text: string): { readonly whole: number; readonly fraction: number } | undefined {
  const m = ISO_UTC.exec(text);
  if (!m) return undefined;
  const whole = epochSeconds(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  return Number.isNaN(whole) ? undefined : { whole, fraction: m[7] === undefined ? 0 : Number(m[7]) };
}
