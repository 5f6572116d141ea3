import { z } from 'zod';
import { INSTANCE_TYPES } from '../models/compute/instance-types.ts';
import { DURATION_HELP, DURATION_PATTERN, parseDuration } from './duration.ts';

/**
 * The scenario format: one zod schema gives validation, the TypeScript types and the JSON Schema
 * that `fleetsim schema` prints. Durations are parsed to seconds here, at the edge.
 */

const duration = z
  .union([z.number(), z.string().regex(new RegExp(DURATION_PATTERN), { error: `expected ${DURATION_HELP}` })], {
    error: `expected ${DURATION_HELP}`,
  })
  .transform((v) => parseDuration(v))
  .pipe(z.number().nonnegative({ error: 'a duration cannot be negative' }));

const positiveDuration = duration.pipe(z.number().positive({ error: 'must be longer than 0' }));

const constantDist = z.strictObject({ dist: z.literal('constant'), value: duration });
const exponentialDist = z.strictObject({ dist: z.literal('exponential'), mean: positiveDuration });
const uniformDist = z
  .strictObject({ dist: z.literal('uniform'), min: duration, max: duration })
  .refine((d) => d.min <= d.max, { error: 'min must not exceed max', path: ['max'] });
const normalDist = z.strictObject({ dist: z.literal('normal'), mean: positiveDuration, stddev: duration });
const lognormalDist = z
  .strictObject({
    dist: z.literal('lognormal'),
    median: positiveDuration.optional(),
    p99: positiveDuration.optional(),
    mu: z.number().optional(),
    sigma: z.number().nonnegative().optional(),
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
const empiricalDist = z.strictObject({ dist: z.literal('empirical'), values: z.array(duration).min(1) });

export const distributionSchema = z.discriminatedUnion('dist', [
  constantDist,
  exponentialDist,
  uniformDist,
  normalDist,
  lognormalDist,
  empiricalDist,
]);

const poissonArrivals = z.strictObject({
  type: z.literal('poisson'),
  /** Requests per second. */
  rate: z.number().positive(),
});

const traceArrivals = z.strictObject({
  type: z.literal('trace'),
  /** Rate CSV with header time_s,requests; relative to the scenario file's folder. */
  file: z.string().min(1),
  scale: z.number().positive().default(1),
  speedup: z.number().positive().default(1),
  loop: z.boolean().default(false),
  exact: z.boolean().default(false),
  /** Trace time that simulated time 0 corresponds to. */
  offset: duration.default(0),
});

const requestArrivals = z.strictObject({
  type: z.literal('requests'),
  /** Per-request file with header time_s; relative to the scenario file's folder. */
  file: z.string().min(1),
  speedup: z.number().positive().default(1),
  offset: duration.default(0),
});

export const arrivalsSchema = z.discriminatedUnion('type', [poissonArrivals, traceArrivals, requestArrivals]);

const instanceTypeNames = Object.keys(INSTANCE_TYPES) as [string, ...string[]];

export const DEFAULT_AVAILABILITY_ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'];

export const scenarioSchema = z
  .strictObject({
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, {
      error: 'expected a name of letters, digits, ".", "_" or "-" (it names the output folder)',
    }),
    description: z.string().optional(),
    seed: z.number().int().nonnegative().default(1),
    /** Simulated time; optional for a trace replay that does not loop (then: the trace's span). */
    duration: positiveDuration.optional(),
    /** Requests arriving before this are served but left out of latency statistics. */
    warmup: duration.default(0),
    workload: z.strictObject({
      arrivals: arrivalsSchema,
      /** Seconds of one vCPU per request. */
      service_time: distributionSchema,
    }),
    fleet: z.strictObject({
      instance_type: z.enum(instanceTypeNames),
      instances: z.number().int().min(1),
      /** Requests served at once per instance; default: the type's vCPUs. */
      workers: z.number().int().min(1).optional(),
      queue_limit: z.number().int().nonnegative().optional(),
      request_timeout: positiveDuration.optional(),
      availability_zones: z.array(z.string().min(1)).min(1).default(DEFAULT_AVAILABILITY_ZONES),
    }),
    load_balancer: z
      .strictObject({
        algorithm: z.enum(['round_robin', 'random']).default('round_robin'),
      })
      .default({ algorithm: 'round_robin' }),
    output: z
      .strictObject({
        /** Time-series row width. */
        period: positiveDuration.default(60),
      })
      .default({ period: 60 }),
  })
  .superRefine((s, ctx) => {
    const a = s.workload.arrivals;
    const finite = a.type === 'requests' || (a.type === 'trace' && !a.loop);
    if (s.duration === undefined && !finite) {
      ctx.addIssue({
        code: 'custom',
        path: ['duration'],
        message: `missing; required unless the arrivals are a trace or request file that does not loop (expected ${DURATION_HELP})`,
      });
    }
    // Only compare valid durations: an invalid one has its own message already.
    if (s.duration !== undefined && s.duration > 0 && s.warmup >= 0 && s.warmup >= s.duration) {
      ctx.addIssue({ code: 'custom', path: ['warmup'], message: 'must be shorter than duration' });
    }
  });

/** A scenario as written (durations may be strings). */
export type ScenarioInput = z.input<typeof scenarioSchema>;
/** A validated scenario: durations in seconds, defaults filled in. */
export type Scenario = z.output<typeof scenarioSchema>;
export type ArrivalsConfig = Scenario['workload']['arrivals'];
export type DistributionConfig = z.output<typeof distributionSchema>;

/** JSON Schema of the scenario format, for editors. */
export function scenarioJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' }),
    title: 'fleetsim scenario',
  };
}
