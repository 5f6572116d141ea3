import { z } from 'zod';
import { MAX_EVALUATION_PERIODS, MAX_FACTOR, MAX_INSTANCES, MIN_FACTOR } from './limits.ts';

/**
 * A number within [min, max]; the message gives what was found, the range and the name of the
 * limit (src/scenario/limits.ts), e.g. `found 1e+308; must be at most 1000000 (MAX_FACTOR)`.
 */
export function bounded(min: number, max: number, name: string): z.ZodNumber {
  const range = min === -Infinity ? `at most ${max}` : max === Infinity ? `at least ${min}` : `from ${min} to ${max}`;
  return z.number().refine((v) => v >= min && v <= max, { error: (issue) => `found ${String(issue.input)}; must be ${range} (${name})` });
}

/** A number of instances, from `min` to MAX_INSTANCES. */
export const instanceCount = (min: number) => z.number().int().min(min).pipe(bounded(min, MAX_INSTANCES, 'MAX_INSTANCES'));

/** A multiplier of time or of a count, from MIN_FACTOR to MAX_FACTOR. */
export const factor = () => z.number().positive().pipe(bounded(MIN_FACTOR, MAX_FACTOR, 'MIN_FACTOR to MAX_FACTOR'));

/** An alarm's EvaluationPeriods or DatapointsToAlarm, from 1 to MAX_EVALUATION_PERIODS. */
export const evaluationPeriods = () => z.number().int().min(1).pipe(bounded(1, MAX_EVALUATION_PERIODS, 'MAX_EVALUATION_PERIODS, one day of 10 s periods'));
