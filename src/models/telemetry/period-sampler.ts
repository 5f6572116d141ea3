import { TimeSeries, type Simulator } from '../../engine/index.ts';
import type { AutoScalingGroup } from '../autoscaling/group.ts';
import { isPending, isTerminating } from '../autoscaling/lifecycle.ts';
import type { Instance } from '../compute/instance.ts';
import type { InstancePool } from '../compute/instance-pool.ts';
import type { TargetGroup } from '../elb/target-group.ts';
import { FAILURE_CAUSES, type Outcomes } from '../requests/outcomes.ts';

/**
 * The columns every run has; `failed_<cause>` and per-AZ `in_service_<az>` columns follow them,
 * then `cost_usd`, the cost billed up to the period's end.
 */
const BASE_COLUMNS = [
  'time_s',
  'arrivals',
  'completed',
  'failed',
  'instances_in_service',
  'utilization',
  'latency_p50_ms',
  'latency_p99_ms',
  'desired',
  'pending',
  'warming',
  'terminating',
  'warm_pool',
  'instances_needed',
  'healthy_targets',
  'unhealthy_targets',
] as const;

/**
 * Most rows a run's time series keeps: a day at 1 s periods (86,400 rows) fits. A row is about
 * 200 bytes in memory and again in timeseries.csv, and report.html draws every one, so the bound
 * keeps each near 20 MB; a run that would need more is refused before it starts (simulate), with
 * the smallest period that fits.
 */
export const MAX_TIME_SERIES_ROWS = 100_000;

/** Rows of a run that ends at `end`: one per period, the last possibly partial. */
export function timeSeriesRows(end: number, period: number): number {
  return Math.ceil(end / period);
}

/**
 * Closes one time-series row per period: counts from the period counters (then reset), the group's
 * gauges at the period's end, and utilisation as busy worker-seconds over the worker-seconds of the
 * instances serving during the period (InService, and terminating ones still draining).
 */
export class PeriodSampler {
  readonly series: TimeSeries<string>;
  private periodStart = 0;
  private lastBusy = 0;
  private lastServing = 0;
  private lastInService = 0;
  /** Seconds in which fewer instances were in service, on average, than the load needed. */
  underProvisionedSeconds = 0;
  private readonly kind: number;

  constructor(
    private readonly sim: Simulator,
    private readonly period: number,
    private readonly outcomes: Outcomes,
    private readonly pool: InstancePool,
    private readonly group: AutoScalingGroup,
    private readonly lb: TargetGroup<Instance>,
    /** Cost billed up to a time: instances and the load balancer. */
    private readonly costAt: (now: number) => number,
  ) {
    this.series = new TimeSeries<string>([
      ...BASE_COLUMNS,
      ...FAILURE_CAUSES.map((c) => `failed_${c}`),
      ...group.config.availabilityZones.map((az) => `in_service_${az}`),
      'cost_usd',
    ]);
    this.kind = sim.register(() => this.close(this.sim.now, true));
  }

  start(): void {
    this.sim.schedule(this.period, this.kind);
  }

  /** Closes the last, possibly partial, period at the end of the run. */
  finish(end: number): void {
    if (end > this.periodStart) this.close(end, false);
  }

  private close(now: number, scheduleNext: boolean): void {
    const group = this.group;
    const busy = this.pool.busySeconds(now);
    const serving = group.serving.areaAt(now) * group.config.workers;
    const period = this.outcomes.period;
    const latency = period.latency;
    const workerSeconds = serving - this.lastServing;
    const width = now - this.periodStart;
    // Instances needed: the period's offered vCPU-seconds per second over the vCPUs of one instance.
    const needed = width > 0 ? Math.ceil(period.demand / (width * group.config.vcpus) - 1e-9) : 0;
    const inServiceArea = group.inService.areaAt(now);
    if (width > 0 && (inServiceArea - this.lastInService) / width < needed) this.underProvisionedSeconds += width;
    this.lastInService = inServiceArea;
    const inServiceByAz = group.config.availabilityZones.map((az) =>
      group.count((m) => m.state === 'InService' && m.availabilityZone === az),
    );
    this.series.append([
      this.periodStart,
      period.arrivals,
      period.completed,
      period.failed,
      group.inService.value,
      workerSeconds > 0 ? (busy - this.lastBusy) / workerSeconds : 0,
      latency.count > 0 ? latency.quantile(0.5) * 1000 : NaN,
      latency.count > 0 ? latency.quantile(0.99) * 1000 : NaN,
      group.desiredCapacity,
      group.count((m) => isPending(m.state)),
      group.warming,
      group.count((m) => isTerminating(m.state)),
      group.warmPoolSize,
      needed,
      this.lb.countHealth('healthy'),
      this.lb.countHealth('unhealthy'),
      ...period.failedByCause,
      ...inServiceByAz,
      this.costAt(now),
    ]);
    period.arrivals = 0;
    period.demand = 0;
    period.completed = 0;
    period.failed = 0;
    period.failedByCause.fill(0);
    latency.reset();
    this.lastBusy = busy;
    this.lastServing = serving;
    this.periodStart = now;
    // Multiples of the period, not repeated sums, so that row times do not drift.
    if (scheduleNext) this.sim.schedule((this.series.length + 1) * this.period, this.kind);
  }
}
