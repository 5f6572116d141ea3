import { TraceFormatError } from '../models/workload/traces/trace-error.ts';
import type { Scenario } from '../scenario/schema.ts';

/**
 * `--skip-bad-lines` leaves rate CSVs alone: a row is a whole bucket's count, and a row skipped
 * would replay as a bucket without requests, a hole in the traffic that looks like data. An error
 * in a rate CSV read under the option says so.
 */
export function rateCsvRowsNotSkipped<T>(rateCsvs: readonly string[], step: () => T): T {
  try {
    return step();
  } catch (err) {
    if (err instanceof TraceFormatError && rateCsvs.includes(err.file)) {
      throw new TraceFormatError(
        err.file,
        err.line,
        `${err.problem} (--skip-bad-lines skips lines of per-request files and access logs only: a rate CSV row is a bucket's count, and a skipped row would replay as a bucket without requests)`,
      );
    }
    throw err;
  }
}

/** The rate CSVs a scenario replays. */
export function rateCsvsOf(arrivals: Scenario['workload']['arrivals']): string[] {
  if (arrivals.type === 'trace') return [arrivals.file];
  if (arrivals.type === 'combined') return arrivals.parts.flatMap((p) => (p.type === 'trace' ? [p.file] : []));
  return [];
}
