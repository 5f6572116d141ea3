import { LineReader } from '../models/workload/traces/line-reader.ts';
import { RATE_CSV_HEADER, readRateCsv } from '../models/workload/traces/rate-csv.ts';
import { REQUESTS_HEADER, RequestTimesReader } from '../models/workload/traces/request-times.ts';
import { TraceFormatError } from '../models/workload/traces/trace-error.ts';
import { formatDuration } from '../scenario/duration.ts';
import { rateTraceStats, requestTimesStats, sparkline, type TraceStats } from '../report/trace-stats.ts';
import type { CliIO } from './io.ts';

/** `fleetsim trace inspect FILE`: span, volume, mean and peak rates, and a sparkline of the rate. */
export function traceInspectCommand(file: string, options: { json?: boolean }, io: CliIO): void {
  const stats = inspect(file);
  if (options.json) {
    io.stdout.write(`${JSON.stringify(stats, null, 2)}\n`);
    return;
  }
  const f = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(2));
  io.stdout.write(
    [
      `${file} (${stats.format === 'rate-csv' ? 'rate CSV' : 'per-request file'})`,
      `  span      ${formatDuration(stats.span)} from trace time ${stats.start} s`,
      `  requests  ${stats.requests}`,
      `  rate      mean ${f(stats.meanPerSecond)}/s, peak ${f(stats.peakPerSecond)}/s (${stats.bucket <= 1 ? 'busiest second' : `busiest ${stats.bucket} s bucket`}), ` +
        `${f(stats.peakPerMinute)}/min (${stats.bucket <= 60 ? 'busiest minute' : `busiest ${stats.bucket} s bucket`})`,
      `  profile   ${sparkline(stats.profile)}`,
      '',
    ].join('\n'),
  );
}

function inspect(file: string): TraceStats {
  const reader = new LineReader(file);
  const raw = reader.next() ?? '';
  reader.close();
  const header = raw.replace(/\s+/g, '');
  if (header === RATE_CSV_HEADER) return rateTraceStats(readRateCsv(file));
  if (header === REQUESTS_HEADER) return requestTimesStats(new RequestTimesReader(file));
  const shown = raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
  throw new TraceFormatError(file, 1, `found header "${shown}"; expected "${RATE_CSV_HEADER}" (a rate CSV) or "${REQUESTS_HEADER}" (one request per line)`);
}
