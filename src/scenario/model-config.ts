/**
 * Scenario settings in the models' terms, shared by the builders (build.ts) and the service-time
 * model (service-time.ts), so neither imports the other.
 */

import { lognormalFromMedianP99, type DistributionSpec } from '../engine/index.ts';
import type { RequestFileOptions } from '../models/workload/traces/request-times.ts';
import type { ArrivalsConfig, DistributionConfig } from './schema.ts';

export function requestFileOptions(a: Extract<ArrivalsConfig, { type: 'requests' }>): RequestFileOptions {
  return { format: a.format, skipBadLines: a.skip_bad_lines, reorderWindow: a.reorder_window };
}

export function toDistribution(d: DistributionConfig): DistributionSpec {
  switch (d.dist) {
    case 'lognormal': {
      if (d.median !== undefined && d.p99 !== undefined) return { dist: 'lognormal', ...lognormalFromMedianP99(d.median, d.p99) };
      return { dist: 'lognormal', mu: d.mu!, sigma: d.sigma! };
    }
    default:
      return d;
  }
}
