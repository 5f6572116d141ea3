import { z } from 'zod';
import { COMPARE_METRICS, type CompareMetric } from './compare-result.ts';
import { SHARD_FORMAT } from './sweep-result.ts';

const whole = z.number().int().min(0);

const metrics = z.object(
  Object.fromEntries(COMPARE_METRICS.map((m) => [m, z.number().nullable()])) as Record<CompareMetric, z.ZodNullable<z.ZodNumber>>,
);

/**
 * What fleetsim merge accepts as a shard file: the shape that fleetsim sweep --shard writes, so
 * that an edited or foreign file is reported by its key path instead of failing while merging.
 */
export const shardPartSchema = z.object({
  format: z.literal(SHARD_FORMAT),
  plan: z.object({
    scenario: z.string(),
    scenario_name: z.string(),
    scenario_sha256: z.string(),
    sets: z.array(z.string()),
    grid: z.array(z.object({ path: z.string(), values: z.array(z.string()).min(1) })).min(1),
    seeds: z.array(whole).min(1),
    duration_seconds: z.number().positive().nullable(),
    slo: z.object({ latency_p99_ms: z.number().positive().nullable(), error_rate: z.number().min(0).max(1) }),
    slo_share: z.number().gt(0).max(1),
  }),
  shard: z.object({ index: whole, count: z.number().int().min(1) }).refine((s) => s.index < s.count, { message: 'index must be below count', path: ['index'] }),
  runs: z.array(z.object({ point: whole, seed: whole, metrics })),
});
