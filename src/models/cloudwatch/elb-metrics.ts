import { APPLICATION_ELB_NAMESPACE, FLEETSIM_NAMESPACE, NETWORK_ELB_NAMESPACE, type MetricKey } from './metric-key.ts';

export type LoadBalancerType = 'alb' | 'nlb';

/** A load balancer as its metrics' dimensions name it. */
export interface LoadBalancerRef {
  readonly name: string;
  readonly type: LoadBalancerType;
}

/** Metrics published per target group, dimensions {TargetGroup, LoadBalancer}, by the ALB's names. */
export type TargetGroupMetricName =
  | 'RequestCount'
  | 'RequestCountPerTarget'
  | 'HealthyHostCount'
  | 'UnHealthyHostCount'
  | 'TargetResponseTime'
  | 'HTTPCode_Target_5XX_Count';

/** Metrics published per load balancer, dimension {LoadBalancer}, by the ALB's names. */
export type LoadBalancerMetricName = 'RequestCount' | 'ActiveConnectionCount' | 'HTTPCode_ELB_5XX_Count';

/**
 * What an NLB publishes in AWS/NetworkELB in place of the ALB's metric (NLB user guide, "CloudWatch
 * metrics for your Network Load Balancer"). An NLB counts flows, not requests, and sees no HTTP
 * status or response time: fleetsim's request figures for it go to the fleetsim namespace under the
 * ALB's names. ActiveFlowCount counts open connections as ActiveConnectionCount does; fleetsim's
 * figure counts those with a request in flight (a lower bound) for both.
 */
const NETWORK_ELB_NAME: Partial<Record<TargetGroupMetricName | LoadBalancerMetricName, string>> = {
  HealthyHostCount: 'HealthyHostCount',
  UnHealthyHostCount: 'UnHealthyHostCount',
  ActiveConnectionCount: 'ActiveFlowCount',
};

function elbMetric(metric: TargetGroupMetricName | LoadBalancerMetricName, type: LoadBalancerType, dimensions: Record<string, string>): MetricKey {
  if (type === 'alb') return { namespace: APPLICATION_ELB_NAMESPACE, metricName: metric, dimensions };
  const nlbName = NETWORK_ELB_NAME[metric];
  return nlbName === undefined
    ? { namespace: FLEETSIM_NAMESPACE, metricName: metric, dimensions }
    : { namespace: NETWORK_ELB_NAMESPACE, metricName: nlbName, dimensions };
}

/** The key of a target group's metric: ALBRequestCountPerTarget's ResourceLabel names the same pair. */
export function targetGroupMetric(metric: TargetGroupMetricName, targetGroup: string, loadBalancer: LoadBalancerRef): MetricKey {
  return elbMetric(metric, loadBalancer.type, { TargetGroup: targetGroup, LoadBalancer: loadBalancer.name });
}

export function loadBalancerMetric(metric: LoadBalancerMetricName, loadBalancer: LoadBalancerRef): MetricKey {
  return elbMetric(metric, loadBalancer.type, { LoadBalancer: loadBalancer.name });
}

/**
 * The request counters the ELB metrics are taken from, totals since the start of the run (a
 * request's fate: requests/outcomes.ts). Outcomes holds the run's; counters per target group and
 * per load balancer plug in here once the requests carry them.
 */
export interface RequestCounters {
  readonly completed: number;
  /** Seconds from arrival to response, summed over the completed requests. */
  readonly timeInSystem: number;
  /** Failed requests by cause, indexed by requests/outcomes.ts `Cause`. */
  readonly failedByCause: ArrayLike<number>;
}
