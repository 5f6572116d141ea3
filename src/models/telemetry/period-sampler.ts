import { TimeSeries, type Simulator } from '../../engine/index.ts';
import type { Outcomes } from '../requests/outcomes.ts';

export const TIME_SERIES_COLUMNS = [
  'time_s',
  'arrivals',
  'completed',
  'failed',
  'instances_in_service',
  'utilization',
  'latency_p50_ms',
  'latency_p99_ms',
] as const;
export type TimeSeriesColumn = (typeof TIME_SERIES_COLUMNS)[number];

/** What the sampler reads of the compute side. */
export interface CapacitySource {
  readonly inService: number;
  readonly slots: number;
  busySeconds(now: number): number;
}

/**
 * Closes one time-series row per period: counts from the period counters (then reset), the
 * in-service count at the period's end, and utilisation as busy slot-seconds over slot-seconds.
 * Also integrates instances in service over time for the capacity summary.
 */
export class PeriodSampler {
  readonly series = new TimeSeries<TimeSeriesColumn>(TIME_SERIES_COLUMNS);
  /** Instance-seconds in service. */
  instanceSeconds = 0;
  maxInstances = 0;
  private periodStart = 0;
  private lastBusy = 0;
  private readonly kind: number;

  constructor(
    private readonly sim: Simulator,
    private readonly period: number,
    private readonly outcomes: Outcomes,
    private readonly capacity: CapacitySource,
  ) {
    this.kind = sim.register(() => this.close(this.sim.now));
    this.maxInstances = capacity.inService;
  }

  start(): void {
    this.sim.schedule(this.period, this.kind);
  }

  /** Closes the last, possibly partial, period at the end of the run. */
  finish(end: number): void {
    if (end > this.periodStart) this.close(end, false);
  }

  private close(now: number, scheduleNext = true): void {
    const width = now - this.periodStart;
    const cap = this.capacity;
    const busy = cap.busySeconds(now);
    const slots = cap.slots;
    const period = this.outcomes.period;
    const latency = period.latency;
    this.instanceSeconds += cap.inService * width;
    if (cap.inService > this.maxInstances) this.maxInstances = cap.inService;
    this.series.append([
      this.periodStart,
      period.arrivals,
      period.completed,
      period.failed,
      cap.inService,
      slots > 0 && width > 0 ? (busy - this.lastBusy) / (slots * width) : 0,
      latency.count > 0 ? latency.quantile(0.5) * 1000 : NaN,
      latency.count > 0 ? latency.quantile(0.99) * 1000 : NaN,
    ]);
    period.arrivals = 0;
    period.completed = 0;
    period.failed = 0;
    latency.reset();
    this.lastBusy = busy;
    this.periodStart = now;
    if (scheduleNext) this.sim.schedule(now + this.period, this.kind);
  }
}
