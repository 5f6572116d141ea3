import { basename, dirname } from 'node:path';
import { LineReader } from '../models/workload/traces/line-reader.ts';
import { RATE_CSV_HEADER, readRateCsv, type RateTrace } from '../models/workload/traces/rate-csv.ts';
import { detectFormat, FORMAT_NAMES, FORMATS_EXPECTED, REQUEST_LOG_FORMATS, type RequestLogFormat } from '../models/workload/traces/request-log-format.ts';
import { RequestTimesReader } from '../models/workload/traces/request-times.ts';
import { TraceFormatError } from '../models/workload/traces/trace-error.ts';
import { MAX_BUCKETS } from '../models/workload/traces/trace-limits.ts';
import { writeAll } from '../report/atomic-write.ts';
import { jsonText } from '../report/json-text.ts';
import { rateTraceStats, requestTimesStats, sparkline, type TraceStats } from '../report/trace-stats.ts';
import { formatDuration } from '../scenario/duration.ts';
import { quoteExcerpt } from '../text/truncate.ts';
import { UsageError, type CliIO } from './io.ts';
import { checkOut, parseDurationOption, writingInto } from './options.ts';
import { rateCsvRowsNotSkipped } from './skip-bad-lines.ts';

/** Options the trace commands share for per-request files. */
export interface TraceReadOptions {
  /** times, clf or alb; default: told by the first non-empty line. */
  readonly format?: string;
  /** Count and skip malformed lines (the count goes to stderr) instead of stopping at the first. */
  readonly skipBadLines?: boolean;
}

/** `fleetsim trace inspect FILE`: span, volume, mean and peak rates, and a sparkline of the rate. */
export function traceInspectCommand(file: string, options: TraceReadOptions & { json?: boolean }, io: CliIO): void {
  const stats = inspect(file, options);
  reportSkipped(file, stats.skippedLines ?? 0, io);
  if (options.json) {
    io.stdout.write(jsonText(stats));
    return;
  }
  const f = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(2));
  const ms = (s: number) => `${f(s * 1000)} ms`;
  const service = stats.requests > 0 ? stats.serviceTime : undefined;
  const without = service && `${service.missing} of ${service.requests + service.missing} requests without one: -1`;
  io.stdout.write(
    [
      `${file} (${stats.format === 'rate-csv' ? 'rate CSV' : FORMAT_NAMES[stats.format === 'requests' ? 'times' : stats.format]})`,
      `  span      ${formatDuration(stats.span)} from trace time ${+stats.start.toFixed(6)} s${stats.origin ? ` (0 = ${stats.origin})` : ''}`,
      `  requests  ${stats.requests}`,
      `  rate      mean ${f(stats.meanPerSecond)}/s, peak ${f(stats.peakPerSecond)}/s (${stats.bucket <= 1 ? 'busiest second' : `busiest ${stats.bucket} s bucket`}), ` +
        `${f(stats.peakPerMinute)}/min (${stats.bucket <= 60 ? 'busiest minute' : `busiest ${stats.bucket} s bucket`})`,
      ...(service
        ? [
            service.mean === null || service.p50 === null || service.p99 === null
              ? `  service   no target_processing_time recorded (${without})`
              : `  service   target_processing_time mean ${ms(service.mean)}, p50 ${ms(service.p50)}, p99 ${ms(service.p99)} (${without})`,
          ]
        : []),
      `  profile   ${sparkline(stats.profile)}`,
      '',
    ].join('\n'),
  );
}

function inspect(file: string, options: TraceReadOptions): TraceStats {
  if (options.format === undefined && firstLineFormat(file) === 'rate-csv') return rateTraceStats(readRates(file, options));
  return requestTimesStats(new RequestTimesReader(file, readOptions(options)));
}

/**
 * `fleetsim trace convert FILE --bucket 60s [--out FILE]`: a normalized rate CSV (time_s,requests,
 * every bucket present) from a per-request file (time_s or an access log) or a rate CSV of finer buckets.
 * The file is written whole or not at all, like every output of fleetsim.
 */
export async function traceConvertCommand(file: string, options: TraceReadOptions & { bucket: string; out?: string }, io: CliIO): Promise<void> {
  const bucket = parseDurationOption(options.bucket, '--bucket');
  const out = options.out;
  if (out !== undefined) checkOut(out, 'file');
  const counts = rebucket(file, bucket, options, io);
  const csv = `${RATE_CSV_HEADER}\n${counts.map((c, i) => `${+(i * bucket).toFixed(6)},${c}`).join('\n')}\n`;
  if (out === undefined) io.stdout.write(csv);
  else await writingInto(out, () => writeAll(dirname(out), basename(out), (staged) => [staged.write(basename(out), csv)]), 'file');
}

/** Requests per bucket of `bucket` seconds from trace time 0 (an access log's first minute). */
function rebucket(file: string, bucket: number, options: TraceReadOptions, io: CliIO): number[] {
  const counts: number[] = [];
  const add = (t: number, n: number) => {
    const i = Math.floor(t / bucket + 1e-9);
    // The result is a rate CSV, held to the same limit as one that is read.
    if (i >= MAX_BUCKETS) {
      throw new UsageError(`--bucket: ${file} reaches trace time ${t} s, ${i + 1} buckets of ${bucket} s; a rate CSV holds at most ${MAX_BUCKETS}: use a wider --bucket`);
    }
    if (i < 0) throw new UsageError(`${file}: trace time ${t} s is before 0, where the buckets of trace convert start`);
    while (counts.length <= i) counts.push(0);
    counts[i] += n;
  };
  if (options.format !== undefined || firstLineFormat(file) !== 'rate-csv') {
    const times = new RequestTimesReader(file, readOptions(options));
    try {
      for (let t = times.next(); t !== Infinity; t = times.next()) add(t, 1);
    } finally {
      times.close();
    }
    reportSkipped(file, times.badLines, io);
    return counts;
  }
  const trace = readRates(file, options);
  if (bucket < trace.bucket || Math.abs(bucket / trace.bucket - Math.round(bucket / trace.bucket)) > 1e-9) {
    throw new UsageError(`--bucket: ${bucket} s is not a whole multiple of the trace's ${trace.bucket} s buckets`);
  }
  trace.counts.forEach((c, i) => add(trace.start + i * trace.bucket, c));
  return counts;
}

/** What the first non-empty line says the file is; an error naming the line when it fits no format. */
function firstLineFormat(file: string): 'rate-csv' | RequestLogFormat {
  const reader = new LineReader(file);
  let line: string | undefined;
  try {
    do line = reader.next();
    while (line !== undefined && line.trim() === '');
  } finally {
    reader.close();
  }
  if (line === undefined) throw new TraceFormatError(file, undefined, `empty file; expected a rate CSV (header "${RATE_CSV_HEADER}") or ${FORMATS_EXPECTED}`);
  if (line.replace(/\s+/g, '') === RATE_CSV_HEADER) return 'rate-csv';
  const format = detectFormat(line);
  if (format !== undefined) return format;
  throw new TraceFormatError(file, reader.lineNumber, `found header ${quoteExcerpt(line, 40)}; expected "${RATE_CSV_HEADER}" (a rate CSV) or ${FORMATS_EXPECTED}`);
}

function readOptions(options: TraceReadOptions): { format?: RequestLogFormat; skipBadLines: boolean } {
  const format = options.format;
  if (format !== undefined && !(REQUEST_LOG_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format: found "${format}"; accepted: ${REQUEST_LOG_FORMATS.join(', ')}`);
  }
  return { format: format as RequestLogFormat | undefined, skipBadLines: options.skipBadLines ?? false };
}

function readRates(file: string, options: TraceReadOptions): RateTrace {
  return rateCsvRowsNotSkipped(options.skipBadLines ? [file] : [], () => readRateCsv(file));
}

function reportSkipped(file: string, lines: number, io: CliIO): void {
  if (lines > 0) io.stderr.write(`fleetsim: ${file}: skipped ${lines} malformed line${lines === 1 ? '' : 's'}\n`);
}
