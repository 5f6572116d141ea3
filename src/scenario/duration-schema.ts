import { z } from 'zod';
import { bounded } from './bounded.ts';
import { DURATION_HELP, DURATION_PATTERN, parseDuration } from './duration.ts';
import { MAX_DURATION_SECONDS } from './limits.ts';

/** A duration in a scenario: seconds as a number, or a string with a unit; parsed to seconds. */
export const duration = z
  .union([z.number(), z.string().regex(new RegExp(DURATION_PATTERN), { error: `expected ${DURATION_HELP}` })], {
    error: `expected ${DURATION_HELP}`,
  })
  .transform((v) => parseDuration(v))
  .pipe(z.number().nonnegative({ error: 'a duration cannot be negative' }))
  .pipe(bounded(0, MAX_DURATION_SECONDS, 'MAX_DURATION_SECONDS, 100 years'));

export const positiveDuration = duration.pipe(z.number().positive({ error: 'must be longer than 0' }));

