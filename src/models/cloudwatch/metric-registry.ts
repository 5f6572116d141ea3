import { metricKeyId, type MetricKey } from './metric-key.ts';
import { MetricSeries } from './metric-series.ts';

/**
 * The run's CloudWatch: one series per metric (namespace, name, dimensions). Publishers declare
 * the series they put datapoints into when they are built; policies, alarms and metrics.csv then
 * look them up by key, also when they are built, so nothing looks a key up while the run goes.
 */
export class MetricRegistry {
  private readonly byId = new Map<string, MetricSeries>();
  private readonly keys: MetricKey[] = [];

  /** The series a publisher puts `key`'s datapoints into, one every `period` seconds. Each key has one publisher. */
  publish(key: MetricKey, period: number): MetricSeries {
    const id = metricKeyId(key);
    if (this.byId.has(id)) throw new RangeError(`metric ${id} already has a publisher`);
    const series = new MetricSeries(period, 1);
    this.byId.set(id, series);
    this.keys.push(key);
    return series;
  }

  /**
   * The series of `key` for a reader that looks back `periods` periods (an alarm's evaluation
   * range); it then keeps at least that many.
   */
  subscribe(key: MetricKey, periods = 1): MetricSeries {
    const series = this.byId.get(metricKeyId(key));
    if (series === undefined) throw new RangeError(`no resource publishes metric ${metricKeyId(key)}`);
    series.keepAtLeast(periods);
    return series;
  }

  /** Whether some publisher puts datapoints into `key`. */
  has(key: MetricKey): boolean {
    return this.byId.has(metricKeyId(key));
  }

  /** Every published metric, in the order publishers declared them. */
  metrics(): readonly MetricKey[] {
    return this.keys;
  }
}
