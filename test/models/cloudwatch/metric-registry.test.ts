import { describe, expect, it } from 'vitest';
import { MetricRegistry } from '../../../src/models/cloudwatch/metric-registry.ts';
import { pointAt } from './series-fixture.ts';

const cpu = (group: string) => ({ namespace: 'AWS/EC2', metricName: 'CPUUtilization', dimensions: { AutoScalingGroupName: group } });

describe('MetricRegistry', () => {
  it('keeps the same metric name with other dimensions as another series', () => {
    const registry = new MetricRegistry();
    const web = registry.publish(cpu('web'), 60);
    const api = registry.publish(cpu('api'), 60);
    web.append(pointAt(0, 70));
    api.append(pointAt(0, 20));
    expect(registry.subscribe(cpu('web')).lastPeriods(1, 60)[0]?.sum).toBe(70);
    expect(registry.subscribe(cpu('api')).lastPeriods(1, 60)[0]?.sum).toBe(20);
  });

  it('finds a metric whatever order its dimensions are given in, and tells other namespaces apart', () => {
    const registry = new MetricRegistry();
    const key = { namespace: 'AWS/ApplicationELB', metricName: 'RequestCountPerTarget', dimensions: { TargetGroup: 'blue', LoadBalancer: 'lb' } };
    const series = registry.publish(key, 60);
    expect(registry.subscribe({ ...key, dimensions: { LoadBalancer: 'lb', TargetGroup: 'blue' } })).toBe(series);
    expect(registry.has({ ...key, namespace: 'AWS/NetworkELB' })).toBe(false);
  });

  it('refuses a reader of a metric nobody publishes and a second publisher of one metric, naming the metric', () => {
    const registry = new MetricRegistry();
    registry.publish(cpu('web'), 60);
    expect(() => registry.subscribe(cpu('api'))).toThrow('no resource publishes metric AWS/EC2 CPUUtilization {AutoScalingGroupName=api}');
    expect(() => registry.publish(cpu('web'), 60)).toThrow(/already has a publisher/);
  });

  it('keeps as many periods as its most demanding reader, with the datapoints already kept', () => {
    const registry = new MetricRegistry();
    const series = registry.publish(cpu('web'), 60);
    series.append(pointAt(0, 1));
    series.append(pointAt(60, 2));
    expect(() => series.lastPeriods(3, 180)).toThrow(/keeps 1/);
    registry.subscribe(cpu('web'), 15);
    series.append(pointAt(120, 3));
    expect(series.capacity).toBe(15);
    expect(series.lastPeriods(3, 180).map((d) => d?.sum)).toEqual([undefined, 2, 3]);
  });
});
