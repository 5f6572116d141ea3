import { z } from 'zod';
import { bounded } from './bounded.ts';
import { duration, positiveDuration } from './duration-schema.ts';
import { MAX_DURATION_SECONDS, MAX_LOGNORMAL_SIGMA } from './limits.ts';

/** Distributions of a time (service times, launch times, hook durations), in seconds. */

const constantDist = z.strictObject({ dist: z.literal('constant').describe('Constant: every draw is value.'), value: duration.describe('The value, s.') });
const exponentialDist = z.strictObject({ dist: z.literal('exponential').describe('Exponential distribution.'), mean: positiveDuration.describe('Mean, s.') });
const uniformDist = z
  .strictObject({ dist: z.literal('uniform').describe('Uniform between min and max.'), min: duration.describe('Lower bound, s.'), max: duration.describe('Upper bound, s; at least min.') })
  .refine((d) => d.min <= d.max, { error: 'min must not exceed max', path: ['max'] });
const normalDist = z.strictObject({ dist: z.literal('normal').describe('Normal distribution, truncated at 0.'), mean: positiveDuration.describe('Mean, s.'), stddev: duration.describe('Standard deviation, s.') });
const lognormalDist = z
  .strictObject({
    dist: z.literal('lognormal').describe('Lognormal: give median and p99, or mu and sigma.'),
    median: positiveDuration.optional().describe('Median, s; with p99.'),
    p99: positiveDuration.optional().describe('99th percentile, s; with median, not below it.'),
    mu: bounded(-Infinity, Math.log(MAX_DURATION_SECONDS), 'a median of at most MAX_DURATION_SECONDS').optional().describe('Mean of the log of seconds; with sigma.'),
    sigma: bounded(0, MAX_LOGNORMAL_SIGMA, 'MAX_LOGNORMAL_SIGMA').optional().describe(`Standard deviation of the log of seconds, 0 to ${MAX_LOGNORMAL_SIGMA}; with mu.`),
  })
  .superRefine((d, ctx) => {
    const byQuantiles = d.median !== undefined || d.p99 !== undefined;
    const byParams = d.mu !== undefined || d.sigma !== undefined;
    if (byQuantiles === byParams || (byQuantiles && (d.median === undefined || d.p99 === undefined)) ||
        (byParams && (d.mu === undefined || d.sigma === undefined))) {
      ctx.addIssue({ code: 'custom', message: 'give either median and p99, or mu and sigma (of the log of seconds)' });
    } else if (byQuantiles && d.p99! < d.median!) {
      ctx.addIssue({ code: 'custom', path: ['p99'], message: 'p99 must not be below median' });
    }
  });
const empiricalDist = z.strictObject({ dist: z.literal('empirical').describe('Drawn uniformly from a list of values.'), values: z.array(duration).min(1).describe('The values, s.') });

export const distributionSchema = z.discriminatedUnion('dist', [
  constantDist,
  exponentialDist,
  uniformDist,
  normalDist,
  lognormalDist,
  empiricalDist,
]);

export type DistributionConfig = z.output<typeof distributionSchema>;
