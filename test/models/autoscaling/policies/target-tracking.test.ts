import { describe, expect, it } from 'vitest';
import type { GroupState } from '../../../../src/models/autoscaling/group-state.ts';
import { combineTargetTracking } from '../../../../src/models/autoscaling/policies/combine-target-tracking.ts';
import { TargetTrackingPolicy, type TargetTrackingDecision, type TargetTrackingPolicyConfig } from '../../../../src/models/autoscaling/policies/target-tracking.ts';
import { MetricSeries } from '../../../../src/models/cloudwatch/metric-series.ts';
import { pointAt } from '../../cloudwatch/series-fixture.ts';
import { groupState } from './group-fixture.ts';

function cpu50(extra: Partial<TargetTrackingPolicyConfig> = {}): TargetTrackingPolicy {
  return new TargetTrackingPolicy({ policyName: 'cpu50', metric: { predefinedMetricType: 'ASGAverageCPUUtilization' }, targetValue: 50, ...extra });
}

/** A minute-by-minute run: each `at` closes the next minute with `value` measured on `samples` instances. */
function minutes(policy: TargetTrackingPolicy) {
  const series = new MetricSeries(60, policy.periodsNeeded);
  let minute = 0;
  return {
    at(value: number | null, samples: number, group: Partial<GroupState> = {}): TargetTrackingDecision | null {
      if (value !== null) series.append(pointAt(minute * 60, value, samples));
      minute++;
      return policy.decide(series, groupState({ now: minute * 60, desiredCapacity: samples, currentCapacity: samples, ...group }));
    },
  };
}

describe('target tracking: the alarms AWS creates (aws-semantics.md section 2.2)', () => {
  it('scales out on the third breaching one-minute datapoint, to ceil(instances x metric / target)', () => {
    const run = minutes(cpu50());
    expect(run.at(40, 4)).toBeNull();
    expect(run.at(75, 4)).toBeNull();
    expect(run.at(75, 4)).toBeNull();
    expect(run.at(75, 4)).toEqual({
      direction: 'out',
      desiredCapacity: 6,
      cause: 'target tracking policy cpu50: ASGAverageCPUUtilization 75.0 > 50 for 3 of 3 datapoints, desired 4 -> 6',
    });
  });

  it('a single good minute restarts the count', () => {
    const run = minutes(cpu50());
    run.at(75, 4);
    run.at(75, 4);
    expect(run.at(45, 4)).toBeNull();
    expect(run.at(75, 4)).toBeNull();
    expect(run.at(75, 4)).toBeNull();
    expect(run.at(75, 4)?.desiredCapacity).toBe(6);
  });

  it('scales in only after 15 datapoints below 0.7 x target, then to the capacity the load needs', () => {
    const run = minutes(cpu50());
    expect(run.at(36, 10)).toBeNull(); // above 35: does not count
    for (let i = 0; i < 14; i++) expect(run.at(20, 10)).toBeNull();
    expect(run.at(20, 10)).toEqual({
      direction: 'in',
      desiredCapacity: 4,
      cause: 'target tracking policy cpu50: ASGAverageCPUUtilization 20.0 < 35 for 15 of 15 datapoints, desired 10 -> 4',
    });
  });

  it('both alarm shapes and the low ratio can be overridden', () => {
    const run = minutes(cpu50({ alarmHigh: { evaluationPeriods: 2, datapointsToAlarm: 1 }, alarmLow: { evaluationPeriods: 2, thresholdRatio: 0.9 } }));
    expect(run.at(80, 5)?.desiredCapacity).toBe(8); // 1 of 2 is enough
    expect(run.at(40, 5)).toBeNull(); // AlarmHigh still in ALARM (80 is 1 of 2), but 5 x 40 / 50 = 4 is no scale-out
    expect(run.at(40, 5)?.desiredCapacity).toBe(4); // 2 of 2 below 0.9 x 50 = 45 (40 is above the default 35)
  });

  it('missing data leaves both alarms in INSUFFICIENT_DATA and stops scaling (section 2.1)', () => {
    const policy = cpu50();
    const run = minutes(policy);
    for (let i = 0; i < 20; i++) expect(run.at(null, 4)).toBeNull();
    expect(policy.alarmHigh.state).toBe('INSUFFICIENT_DATA');
    expect(policy.alarmLow?.state).toBe('INSUFFICIENT_DATA');
  });
});

describe('target tracking: capacity (aws-semantics.md sections 1.4, 2.1, 2.3)', () => {
  it('rounds up when scaling out: 1.5 instances to add become 2', () => {
    const run = minutes(cpu50());
    run.at(57.5, 10);
    run.at(57.5, 10);
    expect(run.at(57.5, 10)?.desiredCapacity).toBe(12); // needs 11.5
  });

  it('rounds down what it removes: 1.5 instances to remove become 1', () => {
    const run = minutes(cpu50({ alarmLow: { thresholdRatio: 0.9 } }));
    for (let i = 0; i < 14; i++) run.at(42.5, 10);
    expect(run.at(42.5, 10)?.desiredCapacity).toBe(9); // needs 8.5
  });

  it('instances warming after a scale-out absorb the same breach: no second activity, only the difference for a bigger one', () => {
    const run = minutes(cpu50());
    run.at(75, 4);
    run.at(75, 4);
    expect(run.at(75, 4)?.desiredCapacity).toBe(6);
    // The two new instances warm: desired and current 6, the metric still from the 4 old ones.
    const warming = { desiredCapacity: 6, currentCapacity: 6, warmingCapacity: 2, activityInProgress: true };
    expect(run.at(75, 4, warming)).toBeNull();
    expect(run.at(75, 4, warming)).toBeNull();
    expect(run.at(100, 4, warming)).toMatchObject({ direction: 'out', desiredCapacity: 8 });
  });

  it('sizes a scale-in on the busiest of the low datapoints, so one quiet minute does not empty the fleet', () => {
    const run = minutes(cpu50());
    for (let i = 0; i < 14; i++) run.at(30, 10); // 10 x 30 % needs 6 instances at 50 %
    expect(run.at(2, 10)?.desiredCapacity).toBe(6); // the last minute alone would need 1
  });

  it('never scales in while an instance warms', () => {
    const run = minutes(cpu50());
    for (let i = 0; i < 20; i++) expect(run.at(10, 10, { warmingCapacity: 1 })).toBeNull();
    expect(run.at(10, 10)?.desiredCapacity).toBe(2);
  });

  it('with DisableScaleIn never scales in, and still scales out', () => {
    const policy = cpu50({ disableScaleIn: true });
    expect(policy.scaleInEnabled).toBe(false);
    const run = minutes(policy);
    for (let i = 0; i < 20; i++) expect(run.at(10, 10)).toBeNull();
    run.at(90, 10);
    run.at(90, 10);
    expect(run.at(90, 10)?.desiredCapacity).toBe(18);
  });

  it('clamps to [min, max]: out stops at max, in at min, and at the bound nothing is decided', () => {
    const run = minutes(cpu50());
    run.at(100, 10, { maxSize: 15 });
    run.at(100, 10, { maxSize: 15 });
    expect(run.at(100, 10, { maxSize: 15 })?.desiredCapacity).toBe(15);
    expect(run.at(100, 15, { maxSize: 15 })).toBeNull();
    const low = minutes(cpu50());
    for (let i = 0; i < 14; i++) low.at(5, 10, { minSize: 3 });
    expect(low.at(5, 10, { minSize: 3 })?.desiredCapacity).toBe(3);
  });

  it('can track to zero when the metric really is 0 and MinSize is 0 (section 2.1)', () => {
    const policy = new TargetTrackingPolicy({ policyName: 'rps', metric: { predefinedMetricType: 'ALBRequestCountPerTarget' }, targetValue: 1000 });
    const run = minutes(policy);
    for (let i = 0; i < 14; i++) run.at(0, 2, { minSize: 0 });
    expect(run.at(0, 2, { minSize: 0 })?.desiredCapacity).toBe(0);
  });

  it('ALBRequestCountPerTarget: requests per target per minute, sized on the targets measured', () => {
    const policy = new TargetTrackingPolicy({ policyName: 'rps', metric: { predefinedMetricType: 'ALBRequestCountPerTarget' }, targetValue: 1000 });
    const run = minutes(policy);
    run.at(1200, 3);
    run.at(1200, 3);
    expect(run.at(1200, 3)).toMatchObject({ desiredCapacity: 4, cause: expect.stringContaining('ALBRequestCountPerTarget 1200.0 > 1000') }); // 3.6 -> 4
  });

  it('a customized metric may use a high-resolution period', () => {
    const policy = new TargetTrackingPolicy({ policyName: 'q', metric: { customizedMetricName: 'BacklogPerInstance', period: 10 }, targetValue: 100 });
    expect(policy.alarmHigh.period).toBe(10);
    expect(() => new TargetTrackingPolicy({ policyName: 'q', metric: { customizedMetricName: 'B', period: 20 }, targetValue: 100 })).toThrow(/period/);
    expect(() => cpu50({ targetValue: 0 })).toThrow(/TargetValue/);
  });

  it('float noise in a sum does not buy an instance', () => {
    const series = new MetricSeries(60, 20);
    // 3 instances at 0.1 + 0.2 (= 0.30000000000000004) against a target of 0.1 need 9, not 10.
    for (let i = 0; i < 3; i++) series.append({ time: i * 60, sampleCount: 3, sum: 3 * (0.1 + 0.2), minimum: 0.3, maximum: 0.3 });
    const policy = new TargetTrackingPolicy({ policyName: 'p', metric: { customizedMetricName: 'M' }, targetValue: 0.1 });
    expect(policy.decide(series, groupState({ now: 180, desiredCapacity: 3, currentCapacity: 3 }))?.desiredCapacity).toBe(9);
  });
});

describe('several target-tracking policies (aws-semantics.md section 2.1)', () => {
  const out = (desiredCapacity: number): TargetTrackingDecision => ({ direction: 'out', desiredCapacity, cause: `out to ${desiredCapacity}` });
  const inn = (desiredCapacity: number): TargetTrackingDecision => ({ direction: 'in', desiredCapacity, cause: `in to ${desiredCapacity}` });

  it('scales out if any policy wants to, to the largest capacity asked for', () => {
    expect(combineTargetTracking([
      { scaleInEnabled: true, decision: out(6) },
      { scaleInEnabled: true, decision: inn(2) },
      { scaleInEnabled: true, decision: out(8) },
    ])).toEqual(out(8));
  });

  it('scales in only if every scale-in-enabled policy wants to, and then by the least', () => {
    expect(combineTargetTracking([
      { scaleInEnabled: true, decision: inn(3) },
      { scaleInEnabled: true, decision: inn(5) },
      { scaleInEnabled: false, decision: null },
    ])).toEqual(inn(5));
    expect(combineTargetTracking([
      { scaleInEnabled: true, decision: inn(3) },
      { scaleInEnabled: true, decision: null },
    ])).toBeNull();
    expect(combineTargetTracking([{ scaleInEnabled: false, decision: null }])).toBeNull();
    expect(combineTargetTracking([])).toBeNull();
  });

  it('works on real policies: CPU wants in, requests per target do not, so nothing happens', () => {
    const cpu = cpu50();
    const rps = new TargetTrackingPolicy({ policyName: 'rps', metric: { predefinedMetricType: 'ALBRequestCountPerTarget' }, targetValue: 1000 });
    const cpuSeries = new MetricSeries(60, cpu.periodsNeeded);
    const rpsSeries = new MetricSeries(60, rps.periodsNeeded);
    let last: TargetTrackingDecision | null = null;
    for (let i = 0; i < 15; i++) {
      cpuSeries.append(pointAt(i * 60, 10, 10));
      rpsSeries.append(pointAt(i * 60, 900, 10));
      const group = groupState({ now: (i + 1) * 60 });
      last = combineTargetTracking([cpu, rps].map((p, k) => ({ scaleInEnabled: p.scaleInEnabled, decision: p.decide(k === 0 ? cpuSeries : rpsSeries, group) })));
    }
    expect(cpu.alarmLow?.state).toBe('ALARM');
    expect(last).toBeNull();
  });
});
