import { toSummary } from '../report/summary.ts';
import { simulate } from '../scenario/simulate.ts';
import type { RunWarning } from '../scenario/warnings.ts';
import type { MetricValues, RepresentativeSeries } from './compare-result.ts';
import { loadVariant } from './load-variant.ts';
import { parseOverride } from './overrides.ts';
import { metricsOf, seriesOf, sloBoundsOf } from './run-metrics.ts';

/** One simulation of compare or sweep: plain data, so that it can be posted to a worker thread. */
export interface RunJob {
  readonly file: string;
  /** `path=value` overrides, applied in order. */
  readonly sets: readonly string[];
  readonly seed: number;
  /** Overrides the scenario's duration, seconds. */
  readonly duration: number | null;
  /** Keep the run's time series (compare's representative seed). */
  readonly series: boolean;
}

export interface JobResult {
  readonly metrics: MetricValues;
  readonly series: RepresentativeSeries | null;
  /** What the run warned of (summary.json's warnings), for the command to print. */
  readonly warnings: readonly RunWarning[];
}

export function runJob(job: RunJob): JobResult {
  const { scenario, warnings } = loadVariant(job.file, job.sets.map((text) => parseOverride(text)));
  const run = simulate(scenario, { seed: job.seed, duration: job.duration ?? undefined, warnings });
  return {
    metrics: metricsOf(toSummary(run), sloBoundsOf(scenario)),
    series: job.series ? seriesOf(run.timeSeries, job.seed) : null,
    warnings: run.warnings,
  };
}
