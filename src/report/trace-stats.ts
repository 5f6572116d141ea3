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
  /**
   * ALB access logs: the requests' target_processing_time, seconds (requests without one are
   * `missing`); mean and quantiles null when no line records one.
   */
  readonly serviceTime?: {
    readonly requests: number;
    readonly missing: number;
    readonly mean: number | null;
    readonly p50: number | null;
    readonly p99: number | null;
  };
  /**
   * Trace time of the first bucket or request, and the span covered, seconds: a rate CSV's
   * buckets; for a per-request file, the whole seconds from the first request's to the last one's.
   */
  readonly start: number;
  readonly span: number;
  readonly requests: number;
  /** Requests over the span. */
  readonly meanPerSecond: number;
  /**
   * Busiest second and minute of the trace's clock, as rates over the part of that second or
   * minute the trace covers (a log of 3 s holding 30 requests peaks at 600/min), so that neither
   * is below the mean. Buckets wider than a second or a minute: the busiest bucket's rate.
   */
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
  for (const c of counts) total += c;
  const span = counts.length * bucket;
  const profile = new Array<number>(COLUMNS).fill(0);
  counts.forEach((c, i) => (profile[Math.min(COLUMNS - 1, Math.floor((i * COLUMNS) / counts.length))] += c));
  return {
    format: 'rate-csv',
    start,
    span,
    bucket,
    requests: total,
    meanPerSecond: total / span,
    peakPerSecond: peakRate(trace, 1),
    peakPerMinute: peakRate(trace, 60),
    profile,
  };
}

/**
 * The highest rate, per `window` seconds, over the windows of the trace's clock: each window's
 * requests over the part of it that buckets cover. Buckets at least a window wide: the busiest
 * bucket's rate.
 */
function peakRate({ counts, start, bucket }: RateTrace, window: number): number {
  let peak = 0;
  if (bucket >= window) {
    for (const c of counts) peak = Math.max(peak, c);
    return (peak / bucket) * window;
  }
  let key = NaN;
  let sum = 0;
  let covered = 0;
  for (let i = 0; i <= counts.length; i++) {
    // A bucket belongs to the window where it starts; the tolerance keeps grid starts such as 0.1 * 30 in their window.
    const k = i < counts.length ? Math.floor((start + i * bucket) / window + 1e-9) : NaN;
    if (k !== key) {
      if (covered > 0) peak = Math.max(peak, (sum / covered) * window);
      key = k;
      sum = 0;
      covered = 0;
    }
    if (i < counts.length) {
      sum += counts[i];
      covered += bucket;
    }
  }
  return peak;
}

/**
 * Slots of the profile of a per-request file. Their width doubles (neighbours merge) whenever a
 * request falls past the last one, so the profile takes fixed memory whatever the file's span: a
 * sparkline column gathers at least 512 slots and is off by at most one slot at each edge.
 */
const PROFILE_SLOTS = COLUMNS * 1024;

/**
 * Statistics of a per-request file, read as a stream in fixed memory whatever its span: times come
 * in order, so the busiest second and minute are found as each one closes.
 */
export function requestTimesStats(reader: RequestTimesReader): TraceStats {
  const service = new LogHistogram();
  const slots = new Float64Array(PROFILE_SLOTS);
  let slotWidth = 1;
  let missing = 0;
  let first = NaN;
  let total = 0;
  let second = NaN;
  let inSecond = 0;
  let peakSecond = 0;
  /** The minute being counted and its requests. */
  let minute = NaN;
  let inMinute = 0;
  let peakMinute = 0;
  /** The minute's rate over its seconds within the span, `to` its last one. */
  const closeMinute = (to: number) => (peakMinute = Math.max(peakMinute, (inMinute / (to - Math.max(minute * 60, Math.floor(first)) + 1)) * 60));
  try {
    for (let t = reader.next(); t !== Infinity; t = reader.next()) {
      if (Number.isNaN(reader.serviceTime)) missing++;
      else service.record(reader.serviceTime);
      const s = Math.floor(t);
      if (Number.isNaN(first)) {
        first = t;
        second = s;
        minute = Math.floor(s / 60);
      }
      total++;
      if (s !== second) {
        peakSecond = Math.max(peakSecond, inSecond);
        second = s;
        inSecond = 0;
        // Minutes on the trace's own clock, as a rate CSV of 60 s buckets would count them.
        const m = Math.floor(s / 60);
        if (m !== minute) {
          closeMinute(minute * 60 + 59);
          minute = m;
          inMinute = 0;
        }
      }
      inSecond++;
      inMinute++;
      let slot = Math.floor((s - Math.floor(first)) / slotWidth);
      while (slot >= PROFILE_SLOTS) {
        for (let i = 0; i < PROFILE_SLOTS / 2; i++) slots[i] = slots[2 * i] + slots[2 * i + 1];
        slots.fill(0, PROFILE_SLOTS / 2);
        slotWidth *= 2;
        slot = Math.floor((s - Math.floor(first)) / slotWidth);
      }
      slots[slot]++;
    }
  } finally {
    reader.close();
  }
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
  peakSecond = Math.max(peakSecond, inSecond);
  closeMinute(second);
  const span = second - Math.floor(first) + 1;
  const profile = new Array<number>(COLUMNS).fill(0);
  const used = Math.ceil(span / slotWidth);
  for (let i = 0; i < used; i++) profile[Math.min(COLUMNS - 1, Math.floor(((i * slotWidth) / span) * COLUMNS))] += slots[i];
  return {
    ...about,
    start: first,
    span,
    bucket: 1,
    requests: total,
    meanPerSecond: total / span,
    peakPerSecond: peakSecond,
    peakPerMinute: peakMinute,
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
