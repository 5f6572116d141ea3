import type { Simulator } from '../../engine/index.ts';
import { Cause } from '../requests/outcomes.ts';
import { singleSample } from './datapoint.ts';
import { targetGroupMetric, type LoadBalancerRef, type RequestCounters } from './elb-metrics.ts';
import type { MetricRegistry } from './metric-registry.ts';
import type { MetricSeries } from './metric-series.ts';
import { PeriodicTask } from './periodic-task.ts';

/** What the target-group metrics read of a target group. */
export interface TargetGroupMetricSource {
  readonly name: string;
  /** Requests it has sent to a target since the start, failing open included. */
  readonly routedTotal: number;
  countHealth(state: 'healthy' | 'unhealthy'): number;
  /** Registered targets. */
  readonly targetCount: number;
}

/**
 * A target group's metrics, dimensions {TargetGroup, LoadBalancer} (ALB user guide, "CloudWatch
 * metrics for your Application Load Balancer"), one datapoint each per period. RequestCount
 * "is only incremented for requests where the load balancer node was able to choose a target",
 * which it does when failing open.
 */
export class TargetGroupMetricsPublisher extends PeriodicTask {
  private readonly requestCount: MetricSeries;
  private readonly requestCountPerTarget: MetricSeries;
  private readonly healthyHostCount: MetricSeries;
  private readonly unHealthyHostCount: MetricSeries;
  private readonly targetResponseTime: MetricSeries;
  private readonly target5xx: MetricSeries;
  private lastRouted = 0;
  private lastCompleted = 0;
  private lastTimeInSystem = 0;
  private lastTarget5xx = 0;

  constructor(
    sim: Simulator,
    registry: MetricRegistry,
    private readonly targetGroup: TargetGroupMetricSource,
    loadBalancer: LoadBalancerRef,
    /** The requests of this target group; the run's Outcomes while the run has one target group. */
    private readonly requests: RequestCounters,
    period: number,
  ) {
    super(sim, period);
    const series = (name: Parameters<typeof targetGroupMetric>[0]) => registry.publish(targetGroupMetric(name, targetGroup.name, loadBalancer), period);
    this.requestCount = series('RequestCount');
    this.requestCountPerTarget = series('RequestCountPerTarget');
    this.healthyHostCount = series('HealthyHostCount');
    this.unHealthyHostCount = series('UnHealthyHostCount');
    this.targetResponseTime = series('TargetResponseTime');
    this.target5xx = series('HTTPCode_Target_5XX_Count');
  }

  protected endPeriod(time: number): void {
    const tg = this.targetGroup;
    const requests = tg.routedTotal - this.lastRouted;
    this.lastRouted = tg.routedTotal;
    this.requestCount.append(singleSample(time, requests));
    // Over the healthy targets, or every registered one when none is healthy (ALB user guide:
    // RequestCountPerTarget). Kept as the total over the targets, so that Average is the
    // per-target value target tracking's TargetValue is set in.
    const healthy = tg.countHealth('healthy');
    const targets = healthy > 0 ? healthy : tg.targetCount;
    const perTarget = requests / targets;
    if (targets > 0) this.requestCountPerTarget.append({ time, sampleCount: targets, sum: requests, minimum: perTarget, maximum: perTarget });
    this.healthyHostCount.append(singleSample(time, healthy));
    this.unHealthyHostCount.append(singleSample(time, tg.countHealth('unhealthy')));
    const r = this.requests;
    const completed = r.completed - this.lastCompleted;
    const seconds = r.timeInSystem - this.lastTimeInSystem;
    // Seconds from arrival to response of the requests completed in the period (Average).
    if (completed > 0) this.targetResponseTime.append({ time, sampleCount: completed, sum: seconds, minimum: 0, maximum: seconds });
    this.lastCompleted = r.completed;
    this.lastTimeInSystem = r.timeInSystem;
    // Errors from the targets: requests their full queue rejected.
    const target5xx = r.failedByCause[Cause.rejected];
    this.target5xx.append(singleSample(time, target5xx - this.lastTarget5xx));
    this.lastTarget5xx = target5xx;
  }
}
