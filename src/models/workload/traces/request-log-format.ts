import { quoteExcerpt } from '../../../text/truncate.ts';
import { DEFAULT_IDLE_TIMEOUT } from '../../elb/idle-timeout.ts';
import { ALB_SHAPE, parseAlbLine } from './alb-log.ts';
import { CLF_SHAPE, parseCommonLogLine } from './common-log.ts';
import type { LogEntry } from './log-entry.ts';
import { MAX_TRACE_TIME, timeOutOfRange } from './trace-limits.ts';

/** Per-request file formats: `time_s` files, Common/Combined Log Format, ALB access logs. */
export const REQUEST_LOG_FORMATS = ['times', 'clf', 'alb'] as const;
export type RequestLogFormat = (typeof REQUEST_LOG_FORMATS)[number];

export const REQUESTS_HEADER = 'time_s';

export const FORMAT_NAMES: Readonly<Record<RequestLogFormat, string>> = {
  times: 'per-request file (time_s)',
  clf: 'Common Log Format',
  alb: 'ALB access log',
};

/** Whether a format's lines carry wall-clock times (then trace time 0 is the earliest request). */
export const WALL_CLOCK: Readonly<Record<RequestLogFormat, boolean>> = { times: false, clf: true, alb: true };

/** Whether a format records each request's service time. */
export const HAS_SERVICE_TIME: Readonly<Record<RequestLogFormat, boolean>> = { times: false, clf: false, alb: true };

/**
 * Default reorder window, seconds. A time_s file is sorted. A server writes an access log line
 * when it answers, stamped with the request's arrival (ALB's request_creation_time, Apache's %t),
 * so a slow request's line comes after those of requests that arrived after it: up to the ALB's
 * default idle timeout. A Common Log Format server has no such bound; the same 60 s is a guess.
 */
export const DEFAULT_REORDER_WINDOW: Readonly<Record<RequestLogFormat, number>> = { times: 0, clf: 60, alb: DEFAULT_IDLE_TIMEOUT.alb };

/** Reads one data line of a time_s file. */
function parseTimesLine(line: string, entry: LogEntry): string | undefined {
  const s = line.trim();
  const t = s === '' ? NaN : Number(s);
  if (!Number.isFinite(t)) return `time_s ${quoteExcerpt(s)} is not a number`;
  if (Math.abs(t) > MAX_TRACE_TIME) return timeOutOfRange(t);
  entry.time = t;
  entry.fraction = 0;
  entry.service = NaN;
  return undefined;
}

export const PARSERS: Readonly<Record<RequestLogFormat, (line: string, entry: LogEntry) => string | undefined>> = {
  times: parseTimesLine,
  clf: parseCommonLogLine,
  alb: parseAlbLine,
};

/** The format of a file by its first non-empty line, or undefined when none fits. */
export function detectFormat(firstLine: string): RequestLogFormat | undefined {
  if (firstLine.trim() === REQUESTS_HEADER) return 'times';
  const probe: LogEntry = { time: NaN, fraction: 0, service: NaN };
  if (parseAlbLine(firstLine, probe) === undefined) return 'alb';
  if (parseCommonLogLine(firstLine, probe) === undefined) return 'clf';
  return undefined;
}

export const FORMATS_EXPECTED =
  `the header "${REQUESTS_HEADER}" (one arrival time per line), a Common Log Format line (${CLF_SHAPE}) ` +
  `or an ALB access log entry (${ALB_SHAPE})`;
