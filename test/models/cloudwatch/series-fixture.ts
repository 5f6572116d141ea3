import type { Datapoint } from '../../../src/models/cloudwatch/datapoint.ts';
import { MetricSeries } from '../../../src/models/cloudwatch/metric-series.ts';

/** A datapoint of `samples` samples that all read `value`. */
export function pointAt(time: number, value: number, samples = 1): Datapoint {
  return { time, sampleCount: samples, sum: value * samples, minimum: value, maximum: value };
}

/**
 * A series with one period per entry from t = 0 (null: no datapoint), and the time at which the
 * last of them has ended. It keeps 64 periods unless told otherwise: more than any alarm here reads.
 */
export function seriesOf(values: readonly (number | null)[], opts: { period?: number; samples?: number; capacity?: number } = {}): { series: MetricSeries; now: number } {
  const period = opts.period ?? 60;
  const series = new MetricSeries(period, opts.capacity ?? 64);
  values.forEach((v, i) => {
    if (v !== null) series.append(pointAt(i * period, v, opts.samples));
  });
  return { series, now: values.length * period };
}
