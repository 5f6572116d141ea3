/** The limits trace readers hold input to, one place for each (the README lists them). */

/**
 * Longest line accepted, characters. Real lines are far shorter (an ALB entry with a long URL
 * and user agent is a few kilobytes); a longer one is a file that is not a trace (or a gzip
 * bomb without a newline), refused after reading this much rather than read to its end.
 */
export const MAX_LINE_CHARS = 1_000_000;

/** Most buckets a rate trace may span: a year at 1-second buckets, 250 MB in memory. */
export const MAX_BUCKETS = 366 * 86400;

/**
 * Most requests a rate trace may hold in all. fleetsim simulates about a million requests a
 * second, so replaying more would take over ten days; and below it every sum of counts is exact.
 */
export const MAX_TRACE_REQUESTS = 1e12;

/**
 * Largest `time_s` (either sign), seconds: about 31,700 years, where a double still resolves a
 * millisecond; beyond it neighbouring arrivals merge and a span can overflow to Infinity.
 */
export const MAX_TRACE_TIME = 1e12;

/** What is wrong with a time_s past MAX_TRACE_TIME. */
export function timeOutOfRange(t: number): string {
  return `time_s ${t} is out of range: at most ${MAX_TRACE_TIME} s either side of 0 are accepted (about 31,700 years, where a double still resolves a millisecond)`;
}
