import { randomExponential, randomLogNormal, randomNormal, randomUniform } from 'd3-random';
import type { Uniform } from './random.ts';

/** A draw of a non-negative quantity (a duration in seconds, a size). */
export type Sampler = () => number;

/** Standard normal quantile at 0.99, for lognormal fits from (median, p99). */
export const Z99 = 2.3263478740408408;

export type DistributionSpec =
  | { readonly dist: 'constant'; readonly value: number }
  | { readonly dist: 'exponential'; readonly mean: number }
  | { readonly dist: 'uniform'; readonly min: number; readonly max: number }
  | { readonly dist: 'normal'; readonly mean: number; readonly stddev: number }
  | { readonly dist: 'lognormal'; readonly mu: number; readonly sigma: number }
  | { readonly dist: 'empirical'; readonly values: readonly number[] };

/** Lognormal parameters from its median and 99th percentile. */
export function lognormalFromMedianP99(median: number, p99: number): { mu: number; sigma: number } {
  const mu = Math.log(median);
  return { mu, sigma: (Math.log(p99) - mu) / Z99 };
}

/** Builds a sampler over `source`. Normal draws are truncated at 0, since durations cannot be negative. */
export function makeSampler(spec: DistributionSpec, source: Uniform): Sampler {
  switch (spec.dist) {
    case 'constant': {
      const v = spec.value;
      return () => v;
    }
    case 'exponential':
      return randomExponential.source(source)(1 / spec.mean);
    case 'uniform':
      return randomUniform.source(source)(spec.min, spec.max);
    case 'normal': {
      const draw = randomNormal.source(source)(spec.mean, spec.stddev);
      return () => {
        const v = draw();
        return v > 0 ? v : 0;
      };
    }
    case 'lognormal':
      return randomLogNormal.source(source)(spec.mu, spec.sigma);
    case 'empirical': {
      const values = Float64Array.from(spec.values);
      const n = values.length;
      return () => values[Math.floor(source() * n)];
    }
  }
}

/** The distribution's mean, for sizing and reports. */
export function distributionMean(spec: DistributionSpec): number {
  switch (spec.dist) {
    case 'constant':
      return spec.value;
    case 'exponential':
      return spec.mean;
    case 'uniform':
      return (spec.min + spec.max) / 2;
    case 'normal':
      return spec.mean;
    case 'lognormal':
      return Math.exp(spec.mu + (spec.sigma * spec.sigma) / 2);
    case 'empirical': {
      let sum = 0;
      for (const v of spec.values) sum += v;
      return sum / spec.values.length;
    }
  }
}
