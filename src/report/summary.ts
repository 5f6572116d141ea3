import type { LogHistogram } from '../engine/index.ts';
import { INSTANCE_TYPES } from '../models/compute/instance-types.ts';
import type { FailureCause } from '../models/requests/outcomes.ts';
import type { ResourceRequests, RunResult, TargetRecord } from '../scenario/simulate.ts';
import type { RunWarning } from '../scenario/warnings.ts';

/** One Availability Zone's share of the work, from its instances (summary.json `availability_zones`). */
export interface ZoneSummary {
  /** Instances launched in it during the run. */
  readonly instances: number;
  /** Requests its instances took: completed, failed on them, or in flight at the end. */
  readonly requests: number;
  readonly completed: number;
  readonly failed: number;
  /** Mean response time of the requests its instances completed, warmup included; null when none. */
  readonly latency_mean_ms: number | null;
  /**
   * Requests its load balancer node received (routed, or answered 503), without cross-zone load
   * balancing; null with it, where one node stands for the load balancer's.
   */
  readonly node_requests: number | null;
}

export interface LatencySummary {
  readonly count: number;
  readonly mean: number | null;
  readonly p50: number | null;
  readonly p90: number | null;
  readonly p95: number | null;
  readonly p99: number | null;
  readonly p999: number | null;
  readonly max: number | null;
}

/** What one resource's requests came to, shaped like summary.json's `requests` and `latency_ms`. */
export interface ResourceRequestsSummary {
  readonly requests: {
    /** Requests it took: completed, failed with a cause, or in flight at the end. */
    readonly arrived: number;
    readonly completed: number;
    readonly failed: number;
    readonly failed_by_cause: Record<FailureCause, number>;
    readonly in_flight_at_end: number;
  };
  readonly latency_ms: LatencySummary;
}

export interface AutoScalingGroupSummary extends ResourceRequestsSummary {
  readonly instance_type: string;
  readonly cost_usd: number;
  readonly capacity: { readonly instance_hours: number; readonly mean_instances: number; readonly max_instances: number; readonly under_provisioned_seconds: number };
  readonly scaling: Summary['scaling'];
}

export interface TargetGroupSummary extends ResourceRequestsSummary {
  readonly load_balancer: string;
  /** Its share of its load balancer's routed requests. */
  readonly traffic_share: number;
}

export interface LoadBalancerSummary extends ResourceRequestsSummary {
  readonly type: string;
  readonly cost_usd: number;
  readonly hours: number;
  readonly capacity_unit_hours: number;
}

export interface RequestClassSummary extends ResourceRequestsSummary {
  readonly path: string;
}

/** summary.json `resources`: keyed as the scenario names its resources, so a result's path mirrors the scenario path that configures it. */
export interface ResourcesSummary {
  readonly auto_scaling_groups: Readonly<Record<string, AutoScalingGroupSummary>>;
  readonly target_groups: Readonly<Record<string, TargetGroupSummary>>;
  readonly load_balancers: Readonly<Record<string, LoadBalancerSummary>>;
  readonly request_classes: Readonly<Record<string, RequestClassSummary>>;
}

/** summary.json: everything but `engine` is identical for the same scenario and seed. */
export interface Summary {
  readonly scenario: string;
  readonly seed: number;
  readonly simulated_seconds: number;
  readonly warmup_seconds: number;
  readonly requests: {
    readonly arrived: number;
    readonly completed: number;
    readonly failed: number;
    readonly failed_by_cause: Record<FailureCause, number>;
    readonly in_flight_at_end: number;
    /** Malformed lines skipped in the replayed per-request files (skip_bad_lines); not requests. */
    readonly skipped_trace_lines: number;
  };
  /** Completed requests that arrived after the warmup, milliseconds. */
  readonly latency_ms: LatencySummary;
  readonly queueing: {
    /** Share of those requests that waited for a worker. */
    readonly waited_fraction: number | null;
    readonly wait_ms: LatencySummary;
  };
  readonly cost_usd: {
    /** Instances and the load balancer. */
    readonly total: number;
    readonly by_instance_type: Record<string, number>;
    readonly load_balancer: { readonly usd: number; readonly hours: number; readonly capacity_unit_hours: number };
  };
  readonly capacity: {
    readonly instance_hours: number;
    readonly mean_instances: number;
    readonly max_instances: number;
    /** Seconds in which fewer instances were in service, on average over a period, than its load needed. */
    readonly under_provisioned_seconds: number;
    /** Instance-hours billed: in service, but also launching, draining and in terminate hooks. */
    readonly billed_instance_hours: number;
  };
  /** Instances launched into service and terminated by the group during the run. */
  readonly scaling: {
    readonly launches: number;
    readonly terminations: number;
    readonly final_desired: number;
    /** Desired-capacity changes made by policies and scheduled actions, by policy type. */
    readonly policy_activities: Readonly<Record<string, number>>;
    /** Scale-outs served from the warm pool. */
    readonly warm_starts: number;
  };
  readonly availability_zones: Readonly<Record<string, ZoneSummary>>;
  readonly resources: ResourcesSummary;
  /** What ran, but most likely not as meant (also printed on stderr and shown atop report.html). */
  readonly warnings: readonly RunWarning[];
  readonly engine: { readonly events: number; readonly wall_seconds: number; readonly events_per_second: number };
}

export function toSummary(run: RunResult): Summary {
  const byType: Record<string, number> = {};
  for (const [type, usd] of Object.entries(run.cost.byInstanceType)) byType[type] = round(usd, 6);
  return {
    scenario: run.scenario.name,
    seed: run.seed,
    simulated_seconds: run.simulatedSeconds,
    warmup_seconds: run.scenario.warmup,
    requests: {
      arrived: run.requests.arrived,
      completed: run.requests.completed,
      failed: run.requests.failed,
      failed_by_cause: run.requests.failedByCause,
      in_flight_at_end: run.requests.inFlightAtEnd,
      skipped_trace_lines: run.requests.skippedTraceLines,
    },
    latency_ms: latencySummary(run.latency),
    queueing: {
      waited_fraction: run.wait.count > 0 ? round(run.waited / run.wait.count, 6) : null,
      wait_ms: latencySummary(run.wait),
    },
    cost_usd: {
      total: round(run.cost.total + run.loadBalancerCost.usd, 6),
      by_instance_type: byType,
      load_balancer: {
        usd: round(run.loadBalancerCost.usd, 6),
        hours: run.loadBalancerCost.hours,
        capacity_unit_hours: round(run.loadBalancerCost.capacityUnitHours, 6),
      },
    },
    capacity: {
      ...capacitySummary(run.capacity),
      billed_instance_hours: round(
        Object.entries(run.cost.secondsByInstanceType)
          .filter(([item]) => item in INSTANCE_TYPES)
          .reduce((a, [, seconds]) => a + seconds, 0) / 3600,
        6,
      ),
    },
    scaling: scalingSummary(run.scaling),
    availability_zones: zoneSummaries(run),
    resources: resourcesSummary(run),
    warnings: run.warnings,
    engine: {
      events: run.engine.events,
      wall_seconds: round(run.engine.wallSeconds, 3),
      events_per_second: Math.round(run.engine.eventsPerSecond),
    },
  };
}

function scalingSummary(scaling: RunResult['scaling']): Summary['scaling'] {
  return {
    launches: scaling.launches,
    terminations: scaling.terminations,
    final_desired: scaling.finalDesired,
    policy_activities: scaling.policyActivities,
    warm_starts: scaling.warmStarts,
  };
}

function capacitySummary(capacity: RunResult['capacity']): AutoScalingGroupSummary['capacity'] {
  return {
    instance_hours: round(capacity.instanceHours, 6),
    mean_instances: round(capacity.meanInstances, 6),
    max_instances: capacity.maxInstances,
    under_provisioned_seconds: round(capacity.underProvisionedSeconds, 6),
  };
}

function resourcesSummary(run: RunResult): ResourcesSummary {
  const r = run.resources;
  const byName = <T extends { readonly name: string }, S>(list: readonly T[], f: (item: T) => S): Record<string, S> =>
    Object.fromEntries(list.map((item) => [item.name, f(item)]));
  return {
    auto_scaling_groups: byName(r.autoScalingGroups, (g) => ({
      ...requestsSummary(g.requests),
      instance_type: g.instanceType,
      cost_usd: round(g.costUsd, 6),
      capacity: capacitySummary(g.capacity),
      scaling: scalingSummary(g.scaling),
    })),
    target_groups: byName(r.targetGroups, (tg) => ({ ...requestsSummary(tg.requests), load_balancer: tg.loadBalancer, traffic_share: round(tg.trafficShare, 6) })),
    load_balancers: byName(r.loadBalancers, (lb) => ({
      ...requestsSummary(lb.requests),
      type: lb.type,
      cost_usd: round(lb.cost.usd, 6),
      hours: lb.cost.hours,
      capacity_unit_hours: round(lb.cost.capacityUnitHours, 6),
    })),
    request_classes: byName(r.requestClasses, (c) => ({ ...requestsSummary(c.requests), path: c.path })),
  };
}

function requestsSummary(r: ResourceRequests): ResourceRequestsSummary {
  return {
    requests: { arrived: r.requests, completed: r.completed, failed: r.failed, failed_by_cause: r.failedByCause, in_flight_at_end: r.inFlightAtEnd },
    latency_ms: latencySummary(r.latency),
  };
}

function zoneSummaries(run: RunResult): Record<string, ZoneSummary> {
  const out: Record<string, ZoneSummary> = {};
  for (const az of run.availabilityZones) {
    const inZone = run.targets.filter((t) => t.availabilityZone === az);
    const sum = (f: (t: TargetRecord) => number) => inZone.reduce((n, t) => n + f(t), 0);
    const completed = sum((t) => t.completed);
    out[az] = {
      instances: inZone.length,
      requests: sum((t) => t.requests),
      completed,
      failed: sum((t) => t.failed),
      latency_mean_ms: completed > 0 ? round((sum((t) => t.latencySum) / completed) * 1000, 4) : null,
      node_requests: run.nodeRequests === null ? null : (run.nodeRequests[az] ?? 0),
    };
  }
  return out;
}

/** Quantiles in milliseconds; null when no request completed. */
function latencySummary(h: LogHistogram): LatencySummary {
  const ms = (seconds: number) => (h.count > 0 ? round(seconds * 1000, 4) : null);
  return {
    count: h.count,
    mean: ms(h.mean),
    p50: ms(h.quantile(0.5)),
    p90: ms(h.quantile(0.9)),
    p95: ms(h.quantile(0.95)),
    p99: ms(h.quantile(0.99)),
    p999: ms(h.quantile(0.999)),
    max: ms(h.max),
  };
}

/** Rounds to `digits` decimals, so that files stay readable and stable. */
export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
