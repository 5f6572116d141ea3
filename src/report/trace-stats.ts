import { LogHistogram } from '../engine/index.ts';
import type { RateTrace } from '../models/workload/traces/rate-csv.ts';
import { HAS_SERVICE_TIME } from '../models/workload/traces/request-log-format.ts';
import type { RequestTimesReader } from '../models/workload/traces/request-times.ts';

/** What `fleetsim trace inspect` tells of a trace. */
export interface TraceStats {
  /** rate-csv; requests (a time_s file); clf (Common/Combined Log Format); alb (ALB access log). */
  readonly format: 'rate-csv' | 'requests' | 'clf' | 'alb';
  /** Access logs: the wall-clock time of trace time 0, the start of the earliest request's minute (ISO 8601, UTC). */
  readonly origin?: string;
  /** Per-request files: malformed lines skipped (--skip-bad-lines). */
  readonly skippedLines?: number;
  /** ALB access logs: the requests' target_processing_time, seconds (requests without one are `missing`). */
  /** Observed service times (target_processing_time); mean and quantiles null when no line records one. */
  readonly serviceTime?: {
    readonly requests: number;
    readonly missing: number;
    readonly mean: number | null;
    readonly p50: number | null;
    readonly p99: number | null;
  };
  /** Trace time of the first bucket or request, and the span covered, seconds. */
  readonly start: number;
  readonly span: number;
  readonly requests: number;
  readonly meanPerSecond: number;
  /** Busiest second and minute (a rate CSV with wider buckets: its busiest bucket, per second or minute). */
  readonly peakPerSecond: number;
  /** Width of the trace's buckets (1 for a per-request file): peaks are averages over it. */
  readonly bucket: number;
  readonly peakPerMinute: number;
  /** Requests per sparkline column, evenly over the span. */
  readonly profile: readonly number[];
}

const COLUMNS = 60;

/** Statistics of a rate CSV. A bucket's count is spread evenly over it for per-second and per-minute peaks. */
export function rateTraceStats(trace: RateTrace): TraceStats {
  const { counts, bucket, start } = trace;
  let total = 0;
  let peak = 0;
  for (const c of counts) {
    total += c;
    if (c > peak) peak = c;
  }
  const span = counts.length * bucket;
  // Per minute: sum whole buckets into minutes when buckets are finer than a minute.
  let peakMinute = 0;
  if (bucket < 60) {
    const perMinute = Math.round(60 / bucket);
    for (let i = 0; i < counts.length; i += perMinute) {
      let m = 0;
      for (let j = i; j < Math.min(i + perMinute, counts.length); j++) m += counts[j];
      if (m > peakMinute) peakMinute = m;
    }
  } else {
    peakMinute = (peak / bucket) * 60;
  }
  const profile = new Array<number>(COLUMNS).fill(0);
  counts.forEach((c, i) => (profile[Math.min(COLUMNS - 1, Math.floor((i * COLUMNS) / counts.length))] += c));
  return {
    format: 'rate-csv',
    start,
    span,
    bucket,
    requests: total,
    meanPerSecond: total / span,
    peakPerSecond: bucket <= 1 ? peak : peak / bucket,
    peakPerMinute: peakMinute,
    profile,
  };
}

/** Statistics of a per-request file, read as a stream (one count per second and per minute in memory). */
export function requestTimesStats(reader: RequestTimesReader): TraceStats {
  const perSecond: number[] = [];
  const perMinute: number[] = [];
  const service = new LogHistogram();
  let missing = 0;
  let first = NaN;
  let last = NaN;
  let total = 0;
  for (let t = reader.next(); t !== Infinity; t = reader.next()) {
    if (Number.isNaN(reader.serviceTime)) missing++;
    else service.record(reader.serviceTime);
    if (Number.isNaN(first)) first = t;
    last = t;
    total++;
    const s = Math.floor(t) - Math.floor(first);
    while (perSecond.length <= s) perSecond.push(0);
    perSecond[s]++;
    // Minutes on the trace's own clock, as a rate CSV of 60 s buckets would count them.
    const m = Math.floor(t / 60) - Math.floor(first / 60);
    while (perMinute.length <= m) perMinute.push(0);
    perMinute[m]++;
  }
  reader.close();
  const about = {
    format: reader.format === 'times' ? ('requests' as const) : reader.format,
    ...(reader.wallClock && total > 0 ? { origin: new Date(reader.origin * 1000).toISOString() } : {}),
    skippedLines: reader.badLines,
    ...(HAS_SERVICE_TIME[reader.format]
      ? {
          serviceTime:
            service.count > 0
              ? { requests: service.count, missing, mean: service.mean, p50: service.quantile(0.5), p99: service.quantile(0.99) }
              : { requests: 0, missing, mean: null, p50: null, p99: null },
        }
      : {}),
  };
  if (total === 0) return { ...about, start: 0, span: 0, bucket: 1, requests: 0, meanPerSecond: 0, peakPerSecond: 0, peakPerMinute: 0, profile: [] };
  const span = Math.max(last - first, 1);
  const profile = new Array<number>(COLUMNS).fill(0);
  perSecond.forEach((c, i) => (profile[Math.min(COLUMNS - 1, Math.floor((i * COLUMNS) / perSecond.length))] += c));
  return {
    ...about,
    start: first,
    span,
    bucket: 1,
    requests: total,
    meanPerSecond: total / span,
    // A loop, not Math.max(...counts): a long trace has more seconds than a call takes arguments.
    peakPerSecond: perSecond.reduce((a, b) => Math.max(a, b), 0),
    peakPerMinute: perMinute.reduce((a, b) => Math.max(a, b), 0),
    profile,
  };
}

/** A one-line picture of the rate. */
export function sparkline(values: readonly number[]): string {
  const bars = '▁▂▃▄▅▆▇█';
  const max = Math.max(...values, 0);
  if (max === 0) return bars[0].repeat(values.length);
  return values.map((v) => bars[Math.min(bars.length - 1, Math.floor((v / max) * bars.length))]).join('');
}
