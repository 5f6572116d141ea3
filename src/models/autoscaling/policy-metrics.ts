import type { Statistic } from '../cloudwatch/datapoint.ts';
import { loadBalancerMetric, targetGroupMetric, type LoadBalancerRef } from '../cloudwatch/elb-metrics.ts';
import type { MetricKey } from '../cloudwatch/metric-key.ts';
import { groupMetric } from './group-metrics.ts';
import type { PredictiveMetric } from './predictive-scaling.ts';

/**
 * The metrics a scenario's scaling policies may name, by the names of target tracking's predefined
 * metric types and of the ALB's metrics, in metrics.csv's column order. Each stands for a metric of
 * the policy's own group, target group or load balancer: `policyMetricKey` says which.
 */
export const POLICY_METRICS = [
  'ASGAverageCPUUtilization',
  'ASGTotalCPUUtilization',
  'ALBRequestCountPerTarget',
  'RequestCount',
  'QueueDepth',
  'TargetResponseTime',
  'ActiveConnectionCount',
  'HealthyHostCount',
  'UnHealthyHostCount',
  'HTTPCode_ELB_5XX_Count',
  'HTTPCode_Target_5XX_Count',
] as const;
export type PolicyMetric = (typeof POLICY_METRICS)[number];

/** What a policy's metric is measured on: its group, and the target group it follows (AWS's ResourceLabel). */
export interface PolicyMetricScope {
  readonly autoScalingGroupName: string;
  readonly targetGroup: string;
  /** The load balancer that routes to the target group. */
  readonly loadBalancer: LoadBalancerRef;
}

/**
 * The registry key a policy's metric resolves to: ASGAverageCPUUtilization is AWS/EC2
 * CPUUtilization of the group, ALBRequestCountPerTarget the RequestCountPerTarget of the target
 * group its ResourceLabel names (aws-semantics.md section 2.1); RequestCount, ActiveConnectionCount
 * and HTTPCode_ELB_5XX_Count are the load balancer's, the other ALB metrics the target group's.
 */
export function policyMetricKey(metric: PolicyMetric, scope: PolicyMetricScope): MetricKey {
  const group = scope.autoScalingGroupName;
  const targetGroup = (name: Parameters<typeof targetGroupMetric>[0]) => targetGroupMetric(name, scope.targetGroup, scope.loadBalancer);
  switch (metric) {
    case 'ASGAverageCPUUtilization':
      return groupMetric('CPUUtilization', group);
    case 'ASGTotalCPUUtilization':
    case 'QueueDepth':
      return groupMetric(metric, group);
    case 'ALBRequestCountPerTarget':
      return targetGroup('RequestCountPerTarget');
    case 'TargetResponseTime':
    case 'HealthyHostCount':
    case 'UnHealthyHostCount':
    case 'HTTPCode_Target_5XX_Count':
      return targetGroup(metric);
    case 'RequestCount':
    case 'ActiveConnectionCount':
    case 'HTTPCode_ELB_5XX_Count':
      return loadBalancerMetric(metric, scope.loadBalancer);
  }
}

/**
 * The load metric of a predictive scaling metric pair (aws-semantics.md section 4):
 * ASGTotalCPUUtilization of the group, or ALBTargetGroupRequestCount, the RequestCount of the
 * target group its ResourceLabel names.
 */
export function predictiveLoadMetricKey(metric: PredictiveMetric, scope: PolicyMetricScope): MetricKey {
  return metric === 'ASGCPUUtilization'
    ? groupMetric('ASGTotalCPUUtilization', scope.autoScalingGroupName)
    : targetGroupMetric('RequestCount', scope.targetGroup, scope.loadBalancer);
}

/**
 * The statistic each metric is read with unless a policy asks for another: Average for the
 * per-instance and per-request figures (and the per-target request count, as target tracking
 * reads it), Sum for counts.
 */
export const STANDARD_STATISTIC: Readonly<Record<PolicyMetric, Statistic>> = {
  ASGAverageCPUUtilization: 'Average',
  ASGTotalCPUUtilization: 'Sum',
  ALBRequestCountPerTarget: 'Average',
  RequestCount: 'Sum',
  QueueDepth: 'Average',
  TargetResponseTime: 'Average',
  ActiveConnectionCount: 'Average',
  HealthyHostCount: 'Average',
  UnHealthyHostCount: 'Average',
  HTTPCode_ELB_5XX_Count: 'Sum',
  HTTPCode_Target_5XX_Count: 'Sum',
};

/** metrics.csv's columns: every metric with its standard statistic, then each other statistic that `read` names. */
export function policyMetricColumns(read: readonly { metric: PolicyMetric; statistic: Statistic }[]): { metric: PolicyMetric; statistic: Statistic }[] {
  const columns = POLICY_METRICS.map((metric) => ({ metric, statistic: STANDARD_STATISTIC[metric] }));
  for (const c of read) {
    if (!columns.some((k) => k.metric === c.metric && k.statistic === c.statistic)) columns.push(c);
  }
  return columns;
}
