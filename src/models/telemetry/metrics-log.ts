import { TimeSeries } from '../../engine/index.ts';
import { statisticOf, type Statistic } from '../cloudwatch/datapoint.ts';
import { GROUP_METRICS, type GroupMetric, type GroupMetricsPublisher } from '../autoscaling/group-metrics.ts';

/** One column of metrics.csv: a metric as read with one statistic. */
export interface MetricColumn {
  readonly metric: GroupMetric;
  readonly statistic: Statistic;
}

/**
 * The statistic each metric is read with unless a policy asks for another: Average for the
 * per-instance and per-request figures (and the per-target request count, as target tracking
 * reads it), Sum for counts.
 */
const STANDARD_STATISTIC: Readonly<Record<GroupMetric, Statistic>> = {
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

/** Every metric with its standard statistic, then each other statistic that `read` names. */
export function metricColumns(read: readonly MetricColumn[]): MetricColumn[] {
  const columns: MetricColumn[] = GROUP_METRICS.map((metric) => ({ metric, statistic: STANDARD_STATISTIC[metric] }));
  for (const c of read) {
    if (!columns.some((k) => k.metric === c.metric && k.statistic === c.statistic)) columns.push(c);
  }
  return columns;
}

/**
 * metrics.csv: the datapoint of each metric in each period, as the alarms and policies saw it, so
 * that an alarm that never fired can be checked against what it read. A period without a datapoint
 * (CloudWatch's missing data: no instance past its warmup, no target) stays empty, not zero.
 */
export class MetricsLog {
  readonly series: TimeSeries<string>;
  /** Periods that ended after the log was full, and so are not in it. */
  leftOut = 0;

  constructor(
    private readonly publisher: GroupMetricsPublisher,
    private readonly columns: readonly MetricColumn[],
    /** Most rows it keeps: metrics periods are at most 60 s, so a long run would grow it without bound. */
    private readonly maxRows: number,
  ) {
    this.series = new TimeSeries<string>(['time_s', ...columns.map((c) => `${c.metric}:${c.statistic}`)]);
  }

  /** Appends the period that has just ended at `now` (called once its datapoints are published). */
  record(now: number): void {
    if (this.series.length >= this.maxRows) {
      this.leftOut++;
      return;
    }
    const row = [now - this.publisher.period];
    for (const c of this.columns) {
      const [d] = this.publisher.get(c.metric).lastPeriods(1, now);
      row.push(d === undefined ? NaN : statisticOf(d, c.statistic));
    }
    this.series.append(row);
  }
}
