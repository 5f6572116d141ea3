/**
 * One CloudWatch datapoint: the statistics of the samples published for a metric in one period
 * (aws-semantics.md section 2.1: 60 s by default, 10 or 30 s for high resolution).
 */
export interface Datapoint {
  /** Start of the period, simulated seconds. */
  readonly time: number;
  /** Samples in the period (e.g. instances contributing to an ASG average). */
  readonly sampleCount: number;
  readonly sum: number;
  readonly minimum: number;
  readonly maximum: number;
}

export type Statistic = 'Average' | 'Sum' | 'Minimum' | 'Maximum' | 'SampleCount';

export function statisticOf(d: Datapoint, statistic: Statistic): number {
  switch (statistic) {
    case 'Average':
      return d.sum / d.sampleCount;
    case 'Sum':
      return d.sum;
    case 'Minimum':
      return d.minimum;
    case 'Maximum':
      return d.maximum;
    case 'SampleCount':
      return d.sampleCount;
  }
}

/** The datapoint of a figure read once in a period: a count, or a gauge such as a host count. */
export function singleSample(time: number, value: number): Datapoint {
  return { time, sampleCount: 1, sum: value, minimum: value, maximum: value };
}
