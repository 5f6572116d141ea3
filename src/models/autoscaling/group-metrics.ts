import type { Simulator } from '../../engine/index.ts';
import { singleSample } from '../cloudwatch/datapoint.ts';
import { EC2_NAMESPACE, FLEETSIM_NAMESPACE, type MetricKey } from '../cloudwatch/metric-key.ts';
import type { MetricRegistry } from '../cloudwatch/metric-registry.ts';
import type { MetricSeries } from '../cloudwatch/metric-series.ts';
import { PeriodicTask } from '../cloudwatch/periodic-task.ts';
import type { AutoScalingGroup } from './group.ts';

/** Metrics published per Auto Scaling group, dimension {AutoScalingGroupName}. */
export type GroupMetricName = 'CPUUtilization' | 'ASGTotalCPUUtilization' | 'QueueDepth';

/**
 * The key of a group's metric. CPUUtilization is EC2's, aggregated over the group as target
 * tracking's ASGAverageCPUUtilization reads it (section 1.4: InService instances past their
 * warmup). AWS computes predictive scaling's load metric ASGTotalCPUUtilization itself and
 * publishes no queue length: fleetsim's namespace holds both.
 */
export function groupMetric(metric: GroupMetricName, autoScalingGroupName: string): MetricKey {
  return {
    namespace: metric === 'CPUUtilization' ? EC2_NAMESPACE : FLEETSIM_NAMESPACE,
    metricName: metric,
    dimensions: { AutoScalingGroupName: autoScalingGroupName },
  };
}

/**
 * Publishes the group's metrics at the end of each period. It lives with the group because it
 * reads what only the group knows of its members (state, warmup end, CPU-seconds at the last
 * sample). A metric without samples in a period (no instance past its warmup) gets no datapoint:
 * CloudWatch's missing data.
 */
export class GroupMetricsPublisher extends PeriodicTask {
  /** Average CPU % of InService instances past their warmup (section 1.4). */
  private readonly cpu: MetricSeries;
  /** Sum of the CPU % of every InService instance: the load metric of predictive scaling (section 4). */
  private readonly totalCpu: MetricSeries;
  /** Requests waiting in instance queues at the end of the period, averaged over InService instances. */
  private readonly queueDepth: MetricSeries;

  constructor(
    sim: Simulator,
    registry: MetricRegistry,
    private readonly group: AutoScalingGroup,
    period: number,
  ) {
    super(sim, period);
    const name = group.config.name;
    this.cpu = registry.publish(groupMetric('CPUUtilization', name), period);
    this.totalCpu = registry.publish(groupMetric('ASGTotalCPUUtilization', name), period);
    this.queueDepth = registry.publish(groupMetric('QueueDepth', name), period);
  }

  protected endPeriod(time: number, now: number): void {
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
      const busy = m.instance.server.busySeconds(now);
      const cpu = (100 * Math.min(1, (busy - m.busyAtSample) / (m.instance.server.vcpus * width)));
      m.busyAtSample = busy;
      // A crashed or cut-off instance publishes nothing: its CPU is missing, not zero.
      if (m.state !== 'InService' || m.instance.server.down) continue;
      total += cpu;
      totalCount++;
      queued += m.instance.server.queued;
      if (m.instance.server.queued > longestQueue) longestQueue = m.instance.server.queued;
      if (now < m.warmupEndsAt) continue;
      included++;
      sum += cpu;
      if (cpu < min) min = cpu;
      if (cpu > max) max = cpu;
    }
    if (included > 0) this.cpu.append({ time, sampleCount: included, sum, minimum: min, maximum: max });
    if (totalCount > 0) {
      this.totalCpu.append(singleSample(time, total));
      this.queueDepth.append({ time, sampleCount: totalCount, sum: queued, minimum: 0, maximum: longestQueue });
    }
  }
}
