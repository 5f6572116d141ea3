import { LogHistogram } from '../../engine/index.ts';
import type { RequestTable } from './request-table.ts';

/**
 * Why a request failed. The index is what the per-request path records; the name is what reports print.
 * Models add causes here as they gain ways to fail.
 */
export const FAILURE_CAUSES = ['rejected', 'timeout', 'http_502', 'http_503', 'http_504'] as const;
export type FailureCause = (typeof FAILURE_CAUSES)[number];
export const Cause = {
  /** The instance's queue was full (queue_limit). */
  rejected: 0,
  /** No response within request_timeout; the work was abandoned. */
  timeout: 1,
  /** The target was cut off mid-request: terminated before its requests finished (aws-semantics.md 7.7). */
  http_502: 2,
  /** The load balancer had no registered target (aws-semantics.md 7.7). */
  http_503: 3,
  /** No response within the load balancer's idle timeout (aws-semantics.md 7.6, 7.7). */
  http_504: 4,
} as const satisfies Record<FailureCause, number>;

/** Counters of one sampling period; the time series reads and resets them. */
export interface PeriodCounters {
  arrivals: number;
  /** Service demand of the period's arrivals, vCPU-seconds. */
  demand: number;
  completed: number;
  failed: number;
  /** Failures by cause index (FAILURE_CAUSES). */
  readonly failedByCause: Float64Array;
  readonly latency: LogHistogram;
}

/** A target's own count of the requests it answered and the sum of their response times, seconds. */
export interface CompletionTally {
  completed: number;
  latencySum: number;
}

/**
 * The fate of every request: each one that arrives is counted once as completed, failed with a
 * cause, or still in flight at the end. Latency and queue-wait statistics cover only requests that
 * arrived at or after the warmup; the counts cover every request.
 */
export class Outcomes {
  arrived = 0;
  completed = 0;
  readonly failedByCause = new Float64Array(FAILURE_CAUSES.length);
  /** Response time (arrival to completion), seconds, requests after warmup. */
  readonly latency = new LogHistogram();
  /** Time spent queued before service, seconds, requests after warmup (zeros included). */
  readonly wait = new LogHistogram();
  /** Requests after warmup that had to queue before service. */
  waited = 0;
  /** Seconds in the system of every completed request (for active connections, by Little's law). */
  timeInSystem = 0;
  readonly period: PeriodCounters = {
    arrivals: 0,
    demand: 0,
    completed: 0,
    failed: 0,
    failedByCause: new Float64Array(FAILURE_CAUSES.length),
    latency: new LogHistogram(),
  };

  constructor(readonly warmup: number) {}

  get failed(): number {
    let n = 0;
    for (let i = 0; i < this.failedByCause.length; i++) n += this.failedByCause[i];
    return n;
  }

  /** A request arrived needing `demand` vCPU-seconds. */
  arrival(demand: number): void {
    this.arrived++;
    this.period.arrivals++;
    this.period.demand += demand;
  }

  /**
   * Request `id` left with its response now, on `clock`, from `target`, whose tally it joins
   * here where its latency is known. It takes the table, an id and the clock, not the times:
   * doubles passed to a call the JIT does not inline are boxed, an allocation per request.
   */
  complete(requests: RequestTable, id: number, clock: { readonly now: number }, target: CompletionTally): void {
    const arrival = requests.arrival[id];
    const start = requests.start[id];
    this.completed++;
    const period = this.period;
    period.completed++;
    const latency = clock.now - arrival;
    this.timeInSystem += latency;
    target.completed++;
    target.latencySum += latency;
    const bucket = this.latency.bucketOf(latency);
    period.latency.recordInBucket(bucket, latency);
    if (arrival >= this.warmup) {
      this.latency.recordInBucket(bucket, latency);
      const wait = start - arrival;
      this.wait.record(wait);
      if (wait > 0) this.waited++;
    }
  }

  fail(cause: number): void {
    this.failedByCause[cause]++;
    this.period.failed++;
    this.period.failedByCause[cause]++;
  }

  failuresByName(): Record<FailureCause, number> {
    const out = {} as Record<FailureCause, number>;
    FAILURE_CAUSES.forEach((name, i) => (out[name] = this.failedByCause[i]));
    return out;
  }
}
