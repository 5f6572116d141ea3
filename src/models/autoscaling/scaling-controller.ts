import type { Simulator } from '../../engine/index.ts';
import type { MetricSeries } from '../cloudwatch/metric-series.ts';
import { PeriodicTask } from '../cloudwatch/periodic-task.ts';
import type { ScalingDecision } from './group-state.ts';
import type { AutoScalingGroup } from './group.ts';
import type { PredictiveScaling } from './predictive-scaling.ts';
import { combineTargetTracking } from './policies/combine-target-tracking.ts';
import type { SimpleScalingPolicy } from './policies/simple-scaling.ts';
import type { StepScalingPolicy } from './policies/step-scaling.ts';
import type { TargetTrackingPolicy } from './policies/target-tracking.ts';

/** A dynamic policy and the metric series its alarms read, looked up in the registry when it was built. */
export interface BoundPolicy<P> {
  readonly policy: P;
  readonly series: MetricSeries;
}

/**
 * Invokes the group's dynamic policies once per metrics period, as CloudWatch invokes a policy
 * once a minute while its alarm is in ALARM, and carries out the combined decision (it starts after
 * the publishers of the metrics it reads, so it sees the period that has just ended):
 * - target-tracking policies combine among themselves (out if any, in only if all agree, section 2.1);
 * - with step and simple policies, the largest capacity asked for wins, for scale-out and scale-in
 *   alike (ASG-UG:as-scale-based-on-demand, "Multiple scaling policies");
 * - predictive scaling sets a floor that dynamic scale-in does not cross (section 4: the group runs
 *   at the larger of predictive and dynamic capacity).
 */
export class ScalingController extends PeriodicTask {
  /** Decisions carried out, by policy type. */
  readonly activities = { target_tracking: 0, step: 0, simple: 0 };

  constructor(
    sim: Simulator,
    period: number,
    private readonly group: AutoScalingGroup,
    private readonly targetTracking: readonly BoundPolicy<TargetTrackingPolicy>[],
    private readonly step: readonly BoundPolicy<StepScalingPolicy>[],
    private readonly simple: readonly BoundPolicy<SimpleScalingPolicy>[],
    private readonly predictive: PredictiveScaling | undefined,
  ) {
    super(sim, period);
  }

  /** Predictive scaling first takes in the period's load, then the dynamic policies decide. */
  protected endPeriod(): void {
    this.predictive?.observe();
    this.evaluate();
  }

  private evaluate(): void {
    const state = this.group.state();
    const candidates: Array<{ decision: ScalingDecision; type: keyof ScalingController['activities'] }> = [];
    const tt = combineTargetTracking(
      this.targetTracking.map((b) => ({ scaleInEnabled: b.policy.scaleInEnabled, decision: b.policy.decide(b.series, state) })),
    );
    if (tt) candidates.push({ decision: tt, type: 'target_tracking' });
    for (const b of this.step) {
      const d = b.policy.decide(b.series, state);
      if (d) candidates.push({ decision: d, type: 'step' });
    }
    for (const b of this.simple) {
      const d = b.policy.decide(b.series, state);
      if (d) candidates.push({ decision: d, type: 'simple' });
    }
    if (candidates.length === 0) return;
    const chosen = candidates.reduce((best, c) => (c.decision.desiredCapacity > best.decision.desiredCapacity ? c : best));
    let desired = chosen.decision.desiredCapacity;
    let cause = chosen.decision.cause;
    const floor = this.predictive?.floor ?? 0;
    if (desired < floor) {
      desired = floor;
      cause += `; held at ${floor} by predictive scaling`;
    }
    if (desired === state.desiredCapacity) return;
    this.activities[chosen.type]++;
    this.group.setDesiredCapacity(desired, cause);
  }
}
