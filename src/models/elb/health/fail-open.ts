import type { TargetHealthState } from './health-check.ts';

/**
 * When a target group fails open (aws-semantics.md 7.7): the
 * `target_group_health.unhealthy_state_routing.minimum_healthy_targets.*` attributes, which ALB and
 * NLB share. Below either minimum, traffic goes to every registered target, unhealthy ones included.
 */
export interface UnhealthyStateRouting {
  /** `.count`: 1 to the number of targets; default 1, i.e. fail open only when none is healthy. */
  readonly minimumHealthyTargetsCount: number;
  /** `.percentage`: 1 to 100 of the registered targets, or 'off' (the default). */
  readonly minimumHealthyTargetsPercentage: number | 'off';
}

export const DEFAULT_UNHEALTHY_STATE_ROUTING: UnhealthyStateRouting = {
  minimumHealthyTargetsCount: 1,
  minimumHealthyTargetsPercentage: 'off',
};

/** Which targets a request may go to: only the healthy ones, or every registered one (failing open). */
export type RoutingMode = 'healthy' | 'fail_open';

/** As RoutingMode, or no registered target at all: ALB answers 503 (7.7). */
export type RoutableSelection = RoutingMode | 'no_targets';

/**
 * Which case applies (7.7), for a target group with `candidates` registered targets that are not
 * draining, `healthy` of them healthy:
 * - draining and unused targets never get new requests (7.2);
 * - the others are registered; with none of them the answer is 503 (`no_targets`);
 * - with enough of them healthy (UnhealthyStateRouting), only the healthy ones;
 * - otherwise all of them, through the normal algorithm (`fail_open`). [INFERRED] AWS speaks of
 *   "unhealthy" targets; `initial` ones are not healthy either and count with them, so a group
 *   whose targets are all still in their first checks routes to all of them rather than refuse.
 */
export function routingModeOf(candidates: number, healthy: number, policy: UnhealthyStateRouting): RoutableSelection {
  if (candidates === 0) return 'no_targets';
  const pct = policy.minimumHealthyTargetsPercentage;
  const enough = healthy >= policy.minimumHealthyTargetsCount && (pct === 'off' || healthy * 100 >= pct * candidates);
  return enough ? 'healthy' : 'fail_open';
}

/** Whether a target in `state` gets new requests in `mode` (see routingModeOf). */
export function isRoutable(state: TargetHealthState, mode: RoutableSelection): boolean {
  if (mode === 'healthy') return state === 'healthy';
  return mode === 'fail_open' && state !== 'draining' && state !== 'unused';
}
