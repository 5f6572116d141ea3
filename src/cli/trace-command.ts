import { LineReader } from '../models/workload/traces/line-reader.ts';
import { RATE_CSV_HEADER, readRateCsv } from '../models/workload/traces/rate-csv.ts';
import { REQUESTS_HEADER, RequestTimesReader } from '../models/workload/traces/request-times.ts';
import { TraceFormatError } from '../models/workload/traces/trace-error.ts';
import { formatDuration } from '../scenario/duration.ts';
import { rateTraceStats, requestTimesStats, sparkline, type TraceStats } from '../report/trace-stats.ts';
import { basename, dirname } from 'node:path';
import { AtomicOutput } from '../report/atomic-write.ts';
import { DURATION_HELP, parseDuration } from '../scenario/duration.ts';
import { UsageError, type CliIO } from './io.ts';

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

/**
 * `fleetsim trace convert FILE --bucket 60s [--out FILE]`: a normalized rate CSV (time_s,requests,
 * every bucket present) from a per-request file or a rate CSV of finer buckets.
 */
export function traceConvertCommand(file: string, options: { bucket: string; out?: string }, io: CliIO): void {
  const bucket = parseDuration(options.bucket);
  if (!(bucket > 0)) throw new UsageError(`--bucket: found "${options.bucket}"; expected ${DURATION_HELP}, longer than 0`);
  const counts = rebucket(file, bucket);
  const csv = `${RATE_CSV_HEADER}\n${counts.map((c, i) => `${+(i * bucket).toFixed(6)},${c}`).join('\n')}\n`;
  if (options.out) {
    const out = new AtomicOutput(dirname(options.out));
    out.write(basename(options.out), csv);
    out.commit();
  } else {
    io.stdout.write(csv);
  }
}

/** Requests per bucket of `bucket` seconds from trace time 0. */
function rebucket(file: string, bucket: number): number[] {
  const counts: number[] = [];
  const add = (t: number, n: number) => {
    const i = Math.floor(t / bucket + 1e-9);
    while (counts.length <= i) counts.push(0);
    counts[i] += n;
  };
  const reader = new LineReader(file);
  const header = (reader.next() ?? '').replace(/\s+/g, '');
  reader.close();
  if (header === REQUESTS_HEADER) {
    const times = new RequestTimesReader(file);
    for (let t = times.next(); t !== Infinity; t = times.next()) add(t, 1);
    times.close();
    return counts;
  }
  const trace = readRateCsv(file);
  if (bucket < trace.bucket || Math.abs(bucket / trace.bucket - Math.round(bucket / trace.bucket)) > 1e-9) {
    throw new UsageError(`--bucket: ${bucket} s is not a whole multiple of the trace's ${trace.bucket} s buckets`);
  }
  trace.counts.forEach((c, i) => add(trace.start + i * trace.bucket, c));
  return counts;
}
