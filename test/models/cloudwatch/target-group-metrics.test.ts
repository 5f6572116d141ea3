import { describe, expect, it } from 'vitest';
import { targetGroupMetric } from '../../../src/models/cloudwatch/elb-metrics.ts';
import { MetricRegistry } from '../../../src/models/cloudwatch/metric-registry.ts';
import { TargetGroupMetricsPublisher } from '../../../src/models/cloudwatch/target-group-metrics.ts';
import { groupHarness } from '../autoscaling/group-harness.ts';

/**
 * ALBRequestCountPerTarget, from the ALB user guide (CloudWatch metrics for your Application Load
 * Balancer): "This count uses the total number of requests received by the target group, divided
 * by the number of healthy targets in the target group. If there are no healthy targets in the
 * target group, it is divided by the total number of registered targets." RequestCount "is only
 * incremented for requests where the load balancer node was able to choose a target", which it
 * does when failing open.
 */
describe('ALBRequestCountPerTarget', () => {
  /** Four InService targets; the crashed ones fail their health checks (unhealthy after 2 x 30 s). */
  function fourTargets(crashed: number) {
    const h = groupHarness({ minSize: 4, maxSize: 4, desiredCapacity: 4, impairedTolerance: 3600 });
    const registry = new MetricRegistry();
    const loadBalancer = { name: h.lb.name, type: 'alb' } as const;
    const metrics = new TargetGroupMetricsPublisher(h.sim, registry, h.targetGroup, loadBalancer, h.outcomes, 60);
    h.group.start();
    metrics.start();
    h.sim.run(1);
    for (const m of h.group.members.slice(0, crashed)) h.group.crash(m, 'test');
    h.sim.run(120);
    // 600 requests in the minute from 120 s to 180 s.
    for (let i = 0; i < 600; i++) h.send(0.001);
    h.sim.run(180);
    const [d] = registry.subscribe(targetGroupMetric('RequestCountPerTarget', h.lb.name, loadBalancer)).lastPeriods(1, 180);
    return { h, d: d! };
  }

  it('divides the requests by the healthy targets, not by every registered one', () => {
    const { h, d } = fourTargets(1);
    expect(h.targetGroup.countHealth('healthy')).toBe(3);
    expect(d.sum / d.sampleCount).toBe(200);
    expect(d.sampleCount).toBe(3);
  });

  it('with no healthy target (failing open) divides by every registered target, counting the requests routed to them', () => {
    const { h, d } = fourTargets(4);
    expect(h.targetGroup.countHealth('healthy')).toBe(0);
    expect(d.sum).toBe(600);
    expect(d.sum / d.sampleCount).toBe(150);
  });
});
