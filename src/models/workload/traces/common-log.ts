import { quoteExcerpt } from '../../../text/truncate.ts';
import { clfTime } from './log-time.ts';
import type { LogEntry } from './log-entry.ts';

/**
 * A Common Log Format line up to the opening quote of the request: host, identity, user and the
 * bracketed time. Combined Log Format adds the referer and user agent after the size.
 */
const PREFIX = /^\S+ \S+ \S+ \[([^\]]{26})\] "/;

export const CLF_SHAPE = 'host ident user [dd/Mon/yyyy:HH:MM:SS +zone] "request" status bytes';

/**
 * Reads the arrival time of a Common or Combined Log Format line into `entry`; returns what is
 * wrong with the line, or undefined. Only the host, the bracketed time and the request's opening
 * quote are checked: the request string, status and size are not needed, and real logs (the NASA
 * 1995 ones among them) hold malformed request strings. Such logs record no service time.
 */
export function parseCommonLogLine(line: string, entry: LogEntry): string | undefined {
  const m = PREFIX.exec(line);
  if (!m) return `expected a Common Log Format line (${CLF_SHAPE})`;
  const t = clfTime(m[1]);
  if (Number.isNaN(t)) return `time ${quoteExcerpt(m[1])} is not a date and time such as 01/Jul/1995:00:00:01 -0400`;
  entry.time = t;
  entry.fraction = 0;
  entry.service = NaN;
  return undefined;
}
