/** What fleetsim takes from one line of a request log. */
export interface LogEntry {
  /** Arrival: whole seconds since the Unix epoch for access logs, trace seconds for time_s files. */
  time: number;
  /** Fraction of a second to add to `time` (access logs with sub-second times). */
  fraction: number;
  /** Observed service time, seconds; NaN when the line records none. */
  service: number;
}
