import { TimeSeries, type Simulator } from '../../engine/index.ts';
import { statisticOf, type Statistic } from './datapoint.ts';
import type { MetricSeries } from './metric-series.ts';
import { PeriodicTask } from './periodic-task.ts';

/** One column of metrics.csv: a metric as read with one statistic. */
export interface MetricColumn {
  /** Its header. */
  readonly label: string;
  readonly series: MetricSeries;
  readonly statistic: Statistic;
}

/**
 * metrics.csv: the datapoint of each metric in each period, as the alarms and policies saw it, so
 * that an alarm that never fired can be checked against what it read. A period without a datapoint
 * (CloudWatch's missing data: no instance past its warmup, no target) stays empty, not zero. It
 * starts after the publishers of its columns, so each row holds the period that has just ended.
 */
export class MetricsLog extends PeriodicTask {
  readonly series: TimeSeries<string>;
  /** Periods that ended after the log was full, and so are not in it. */
  leftOut = 0;

  constructor(
    sim: Simulator,
    period: number,
    private readonly columns: readonly MetricColumn[],
    /** Most rows it keeps: metrics periods are at most 60 s, so a long run would grow it without bound. */
    private readonly maxRows: number,
  ) {
    super(sim, period);
    this.series = new TimeSeries<string>(['time_s', ...columns.map((c) => c.label)]);
  }

  protected endPeriod(_time: number, now: number): void {
    if (this.series.length >= this.maxRows) {
      this.leftOut++;
      return;
    }
    const row = [now - this.period];
    for (const c of this.columns) {
      const [d] = c.series.lastPeriods(1, now);
      row.push(d === undefined ? NaN : statisticOf(d, c.statistic));
    }
    this.series.append(row);
  }
}
