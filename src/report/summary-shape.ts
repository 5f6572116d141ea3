import { FAILURE_CAUSES, type FailureCause } from '../models/requests/outcomes.ts';
import type { LatencySummary, ResourceRequestsSummary, Summary } from './summary.ts';

/**
 * What summary.json can hold, known before a run: each key maps to `number` (a number, or null for
 * a statistic without data), `text`, `list` (the warnings, which no bound reads), or the keys under
 * it; `*` stands for keys that depend on the scenario (instance types, policy types, zones).
 */
export type ShapeNode = 'number' | 'text' | 'list' | { readonly [key: string]: ShapeNode };

/** The shape of T; a key typed `string` becomes `*`. Every key of T is required, none may be added. */
type ShapeOf<T> = T extends number | null
  ? 'number'
  : T extends readonly unknown[]
    ? 'list'
    : T extends string
      ? 'text'
      : string extends keyof T
        ? { readonly '*': ShapeOf<T[string & keyof T]> }
        : { readonly [K in keyof T]-?: ShapeOf<T[K]> };

const latency: ShapeOf<LatencySummary> = { count: 'number', mean: 'number', p50: 'number', p90: 'number', p95: 'number', p99: 'number', p999: 'number', max: 'number' };
const failedByCause = Object.fromEntries(FAILURE_CAUSES.map((cause) => [cause, 'number'])) as Record<FailureCause, 'number'>;
const capacity = { instance_hours: 'number', mean_instances: 'number', max_instances: 'number', under_provisioned_seconds: 'number' } as const;
const scaling = { launches: 'number', terminations: 'number', final_desired: 'number', policy_activities: { '*': 'number' }, warm_starts: 'number' } as const;
const resourceRequests: ShapeOf<ResourceRequestsSummary> = {
  requests: { arrived: 'number', completed: 'number', failed: 'number', failed_by_cause: failedByCause, in_flight_at_end: 'number' },
  latency_ms: latency,
};

/** summary.json's shape, held by the compiler to the Summary type: a field added there fails to compile until it is added here. */
export const SUMMARY_SHAPE: ShapeOf<Summary> = {
  scenario: 'text',
  seed: 'number',
  simulated_seconds: 'number',
  warmup_seconds: 'number',
  requests: {
    arrived: 'number',
    completed: 'number',
    failed: 'number',
    failed_by_cause: failedByCause,
    in_flight_at_end: 'number',
    skipped_trace_lines: 'number',
  },
  latency_ms: latency,
  queueing: { waited_fraction: 'number', wait_ms: latency },
  cost_usd: {
    total: 'number',
    by_instance_type: { '*': 'number' },
    load_balancer: { usd: 'number', hours: 'number', capacity_unit_hours: 'number' },
  },
  capacity: { ...capacity, billed_instance_hours: 'number' },
  scaling,
  availability_zones: { '*': { instances: 'number', requests: 'number', completed: 'number', failed: 'number', latency_mean_ms: 'number', node_requests: 'number' } },
  resources: {
    auto_scaling_groups: { '*': { ...resourceRequests, instance_type: 'text', cost_usd: 'number', capacity, scaling } },
    target_groups: { '*': { ...resourceRequests, load_balancer: 'text', traffic_share: 'number' } },
    load_balancers: { '*': { ...resourceRequests, type: 'text', cost_usd: 'number', hours: 'number', capacity_unit_hours: 'number' } },
    request_classes: { '*': { ...resourceRequests, path: 'text' } },
  },
  warnings: 'list',
  engine: { events: 'number', wall_seconds: 'number', events_per_second: 'number' },
};
