import type { Instance } from '../compute/instance.ts';
import type { Simulator } from '../../engine/index.ts';
import type { Datapoint } from '../cloudwatch/datapoint.ts';
import { MetricSeries } from '../cloudwatch/metric-series.ts';
import type { TargetGroup } from '../elb/target-group.ts';
import { Cause, type Outcomes } from '../requests/outcomes.ts';
import type { AutoScalingGroup } from './group.ts';

/** The metrics the group and its load balancer publish, by AWS's names (aws-semantics.md sections 2.1, 4, 7). */
export const GROUP_METRICS = [
  /** Average CPU % of InService instances past their warmup (section 1.4). */
  'ASGAverageCPUUtilization',
  /** Sum of the CPU % of every InService instance: the load metric of predictive scaling (section 4). */
  'ASGTotalCPUUtilization',
  /** Requests routed in the period per healthy target, else per registered one (Average), with the count as Sum. */
  'ALBRequestCountPerTarget',
  'RequestCount',
  /** Requests waiting in instance queues at the end of the period, averaged over InService instances. */
  'QueueDepth',
  /** Seconds from arrival to response of the requests completed in the period (Average). */
  'TargetResponseTime',
  /**
   * Connections with a request in flight, on average over the period (Little's law on completed
   * requests); idle keep-alive connections are not counted, so it is a lower bound.
   */
  'ActiveConnectionCount',
  'HealthyHostCount',
  'UnHealthyHostCount',
  /** 502, 503 and 504 answered by the load balancer itself. */
  'HTTPCode_ELB_5XX_Count',
  /** Errors from the targets: requests their full queue rejected. */
  'HTTPCode_Target_5XX_Count',
] as const;
export type GroupMetric = (typeof GROUP_METRICS)[number];

/**
 * Publishes one datapoint per metric and period, at the end of the period, into series that
 * alarms and policies read. A metric without samples in a period (no instance past its warmup,
 * no target) gets no datapoint: CloudWatch's missing data.
 */
export class GroupMetricsPublisher {
  private readonly series = new Map<GroupMetric, MetricSeries>();
  private readonly kind: number;
  private periodStart = 0;
  private lastRouted = 0;
  private lastCompleted = 0;
  private lastTimeInSystem = 0;
  private lastElb5xx = 0;
  private lastTarget5xx = 0;
  /** Called after each period's datapoints are published. */
  onPublished: () => void = () => {};

  constructor(
    private readonly sim: Simulator,
    private readonly group: AutoScalingGroup,
    private readonly lb: TargetGroup<Instance>,
    private readonly outcomes: Outcomes,
    readonly period: number,
    /** Periods each series keeps: the most any alarm reads. */
    keep: number,
  ) {
    for (const name of GROUP_METRICS) this.series.set(name, new MetricSeries(period, keep));
    this.kind = sim.register(() => this.publish());
  }

  start(): void {
    this.sim.schedule(this.period, this.kind);
  }

  get(name: GroupMetric): MetricSeries {
    return this.series.get(name)!;
  }

  private publish(): void {
    const now = this.sim.now;
    const time = this.periodStart;
    const width = now - time;
    let included = 0;
    let sum = 0;
    let min = Infinity;
    let max = -Infinity;
    let total = 0;
    let totalCount = 0;
    let queued = 0;
    let longestQueue = 0;
    for (const m of this.group.members) {
      if (m.state !== 'InService' && m.state !== 'Terminating') continue;
      const busy = m.instance.busySeconds(now);
      const cpu = (100 * Math.min(1, (busy - m.busyAtSample) / (m.instance.vcpus * width)));
      m.busyAtSample = busy;
      // A crashed or cut-off instance publishes nothing: its CPU is missing, not zero.
      if (m.state !== 'InService' || m.instance.down) continue;
      total += cpu;
      totalCount++;
      queued += m.instance.queued;
      if (m.instance.queued > longestQueue) longestQueue = m.instance.queued;
      if (now < m.warmupEndsAt) continue;
      included++;
      sum += cpu;
      if (cpu < min) min = cpu;
      if (cpu > max) max = cpu;
    }
    const put = (name: GroupMetric, d: Datapoint) => this.get(name).append(d);
    if (included > 0) put('ASGAverageCPUUtilization', { time, sampleCount: included, sum, minimum: min, maximum: max });
    if (totalCount > 0) {
      put('ASGTotalCPUUtilization', { time, sampleCount: 1, sum: total, minimum: total, maximum: total });
      put('QueueDepth', { time, sampleCount: totalCount, sum: queued, minimum: 0, maximum: longestQueue });
    }
    const requests = this.lb.routedTotal - this.lastRouted;
    this.lastRouted = this.lb.routedTotal;
    put('RequestCount', { time, sampleCount: 1, sum: requests, minimum: requests, maximum: requests });
    // Over the healthy targets, or every registered one when none is healthy (ALB user guide,
    // CloudWatch metrics: RequestCountPerTarget). Kept as the total over the targets, so that
    // Average is the per-target value the target is set in.
    const healthy = this.lb.countHealth('healthy');
    const targets = healthy > 0 ? healthy : this.lb.targetCount;
    const perTarget = requests / targets;
    if (targets > 0) put('ALBRequestCountPerTarget', { time, sampleCount: targets, sum: requests, minimum: perTarget, maximum: perTarget });
    const o = this.outcomes;
    const completed = o.completed - this.lastCompleted;
    const seconds = o.timeInSystem - this.lastTimeInSystem;
    if (completed > 0) put('TargetResponseTime', { time, sampleCount: completed, sum: seconds, minimum: 0, maximum: seconds });
    this.lastCompleted = o.completed;
    this.lastTimeInSystem = o.timeInSystem;
    const count = (name: GroupMetric, value: number) => put(name, { time, sampleCount: 1, sum: value, minimum: value, maximum: value });
    count('ActiveConnectionCount', seconds / width);
    count('HealthyHostCount', this.lb.countHealth('healthy'));
    count('UnHealthyHostCount', this.lb.countHealth('unhealthy'));
    const f = o.failedByCause;
    const elb5xx = f[Cause.http_502] + f[Cause.http_503] + f[Cause.http_504];
    count('HTTPCode_ELB_5XX_Count', elb5xx - this.lastElb5xx);
    count('HTTPCode_Target_5XX_Count', f[Cause.rejected] - this.lastTarget5xx);
    this.lastElb5xx = elb5xx;
    this.lastTarget5xx = f[Cause.rejected];
    this.periodStart = now;
    this.sim.schedule(now + this.period, this.kind);
    this.onPublished();
  }
}
