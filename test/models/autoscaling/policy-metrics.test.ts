import { describe, expect, it } from 'vitest';
import { Simulator } from '../../../src/engine/index.ts';
import { GroupMetricsPublisher } from '../../../src/models/autoscaling/group-metrics.ts';
import { policyMetricKey, predictiveLoadMetricKey, type PolicyMetricScope } from '../../../src/models/autoscaling/policy-metrics.ts';
import { TargetTrackingPolicy } from '../../../src/models/autoscaling/policies/target-tracking.ts';
import { ScalingController } from '../../../src/models/autoscaling/scaling-controller.ts';
import { metricKeyId } from '../../../src/models/cloudwatch/metric-key.ts';
import { MetricRegistry } from '../../../src/models/cloudwatch/metric-registry.ts';
import { TargetGroupMetricsPublisher } from '../../../src/models/cloudwatch/target-group-metrics.ts';
import { groupHarness } from './group-harness.ts';

describe('policy metrics', () => {
  it("resolve the predefined metric types to the policy's group and target group (ResourceLabel)", () => {
    const scope: PolicyMetricScope = { autoScalingGroupName: 'web', targetGroup: 'web-tg', loadBalancer: { name: 'front', type: 'alb' } };
    expect(metricKeyId(policyMetricKey('ASGAverageCPUUtilization', scope))).toBe('AWS/EC2 CPUUtilization {AutoScalingGroupName=web}');
    expect(metricKeyId(policyMetricKey('ALBRequestCountPerTarget', scope))).toBe('AWS/ApplicationELB RequestCountPerTarget {LoadBalancer=front, TargetGroup=web-tg}');
    expect(metricKeyId(policyMetricKey('RequestCount', scope))).toBe('AWS/ApplicationELB RequestCount {LoadBalancer=front}');
    // Predictive scaling's ALBRequestCount pair loads on ALBTargetGroupRequestCount (aws-semantics.md section 4).
    expect(metricKeyId(predictiveLoadMetricKey('ALBRequestCount', scope))).toBe('AWS/ApplicationELB RequestCount {LoadBalancer=front, TargetGroup=web-tg}');
    expect(metricKeyId(predictiveLoadMetricKey('ASGCPUUtilization', scope))).toBe('fleetsim ASGTotalCPUUtilization {AutoScalingGroupName=web}');
    // An NLB has its own names where it has the metric, and no HTTP metrics at all (NLB user guide, CloudWatch metrics).
    const nlb = { ...scope, loadBalancer: { name: 'front', type: 'nlb' as const } };
    expect(metricKeyId(policyMetricKey('HealthyHostCount', nlb))).toBe('AWS/NetworkELB HealthyHostCount {LoadBalancer=front, TargetGroup=web-tg}');
    expect(metricKeyId(policyMetricKey('ActiveConnectionCount', nlb))).toBe('AWS/NetworkELB ActiveFlowCount {LoadBalancer=front}');
    expect(metricKeyId(policyMetricKey('TargetResponseTime', nlb))).toBe('fleetsim TargetResponseTime {LoadBalancer=front, TargetGroup=web-tg}');
  });

  it("two groups each track their own target group's ALBRequestCountPerTarget: traffic to one scales only that one", () => {
    const sim = new Simulator();
    const registry = new MetricRegistry();
    const size = { minSize: 2, maxSize: 10, desiredCapacity: 2, instanceWarmup: 0 };
    const groups = ['web', 'api'].map((name) => {
      const h = groupHarness({ ...size, name }, { name: `${name}-tg` }, undefined, sim);
      const loadBalancer = { name: 'front', type: 'alb' } as const;
      const publishers = [new GroupMetricsPublisher(sim, registry, h.group, 60), new TargetGroupMetricsPublisher(sim, registry, h.targetGroup, loadBalancer, h.outcomes, 60)];
      const scope = { autoScalingGroupName: name, targetGroup: h.targetGroup.name, loadBalancer };
      const policy = new TargetTrackingPolicy({ policyName: `${name}-requests`, metric: { predefinedMetricType: 'ALBRequestCountPerTarget' }, targetValue: 100 });
      const series = registry.subscribe(policyMetricKey('ALBRequestCountPerTarget', scope), policy.periodsNeeded);
      const controller = new ScalingController(sim, 60, h.group, [{ policy, series }], [], [], undefined);
      return { h, publishers, controller, series };
    });
    for (const g of groups) {
      g.h.group.start();
      for (const p of g.publishers) p.start();
      g.controller.start();
    }
    const [web, api] = groups;
    // 600 requests a minute to web's target group only: 300 per target, three times its target.
    for (let t = 0.1; t < 600; t += 0.1) {
      sim.run(t);
      web.h.send(0.001);
    }
    sim.run(600);
    expect(web.series.lastPeriods(1, 600)[0]!.sum).toBeGreaterThan(500);
    expect(api.series.lastPeriods(1, 600)[0]!.sum).toBe(0);
    // ceil(2 x 300 / 100) = 6 once AlarmHigh has seen 3 datapoints above 100.
    expect(web.h.group.desiredCapacity).toBeGreaterThanOrEqual(6);
    expect(api.h.group.desiredCapacity).toBe(2);
    expect(web.controller.activities.target_tracking).toBeGreaterThan(0);
    expect(api.controller.activities.target_tracking).toBe(0);
  });
});
