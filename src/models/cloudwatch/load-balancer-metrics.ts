import type { Simulator } from '../../engine/index.ts';
import { Cause } from '../requests/outcomes.ts';
import { singleSample } from './datapoint.ts';
import { loadBalancerMetric, type LoadBalancerRef, type RequestCounters } from './elb-metrics.ts';
import type { MetricRegistry } from './metric-registry.ts';
import type { MetricSeries } from './metric-series.ts';
import { PeriodicTask } from './periodic-task.ts';

/** What the load-balancer metrics read of a load balancer. */
export interface LoadBalancerMetricSource {
  /** Requests it has sent to a target since the start, over all its target groups. */
  readonly routedTotal: number;
}

/** A load balancer's metrics, dimension {LoadBalancer}, one datapoint each per period. */
export class LoadBalancerMetricsPublisher extends PeriodicTask {
  private readonly requestCount: MetricSeries;
  private readonly activeConnectionCount: MetricSeries;
  private readonly elb5xx: MetricSeries;
  private lastRouted = 0;
  private lastTimeInSystem = 0;
  private lastElb5xx = 0;

  constructor(
    sim: Simulator,
    registry: MetricRegistry,
    private readonly loadBalancer: LoadBalancerMetricSource,
    ref: LoadBalancerRef,
    /** The requests that reached this load balancer; the run's Outcomes while the run has one. */
    private readonly requests: RequestCounters,
    period: number,
  ) {
    super(sim, period);
    const series = (name: Parameters<typeof loadBalancerMetric>[0]) => registry.publish(loadBalancerMetric(name, ref), period);
    this.requestCount = series('RequestCount');
    this.activeConnectionCount = series('ActiveConnectionCount');
    this.elb5xx = series('HTTPCode_ELB_5XX_Count');
  }

  protected endPeriod(time: number, now: number): void {
    const routed = this.loadBalancer.routedTotal;
    this.requestCount.append(singleSample(time, routed - this.lastRouted));
    this.lastRouted = routed;
    // Connections with a request in flight, on average over the period (Little's law on completed
    // requests); idle keep-alive connections are not counted, so it is a lower bound.
    const r = this.requests;
    this.activeConnectionCount.append(singleSample(time, (r.timeInSystem - this.lastTimeInSystem) / (now - time)));
    this.lastTimeInSystem = r.timeInSystem;
    // 502, 503 and 504 answered by the load balancer itself.
    const f = r.failedByCause;
    const elb5xx = f[Cause.http_502] + f[Cause.http_503] + f[Cause.http_504];
    this.elb5xx.append(singleSample(time, elb5xx - this.lastElb5xx));
    this.lastElb5xx = elb5xx;
  }
}
