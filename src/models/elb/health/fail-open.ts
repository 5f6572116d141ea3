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

export interface RegisteredTarget<T> {
  readonly target: T;
  readonly health: { readonly state: TargetHealthState };
}

/**
 * Fills `out` with the targets requests may go to, in registration order, and says which case
 * applies (7.7):
 * - draining and unused targets never get new requests (7.2);
 * - the others are registered; with none of them the answer is 503 (`no_targets`);
 * - with enough of them healthy (UnhealthyStateRouting), only the healthy ones;
 * - otherwise all of them, through the normal algorithm (`fail_open`). [INFERRED] AWS speaks of
 *   "unhealthy" targets; `initial` ones are not healthy either and count with them, so a group
 *   whose targets are all still in their first checks routes to all of them rather than refuse.
 *
 * Called when a registration or a health state changes, never per request.
 */
export function selectRoutable<T>(
  registered: readonly RegisteredTarget<T>[],
  policy: UnhealthyStateRouting,
  out: T[],
): RoutableSelection {
  out.length = 0;
  let candidates = 0;
  let healthy = 0;
  for (const r of registered) {
    const s = r.health.state;
    if (s === 'draining' || s === 'unused') continue;
    candidates++;
    if (s === 'healthy') {
      healthy++;
      out.push(r.target);
    }
  }
  if (candidates === 0) return 'no_targets';
  const pct = policy.minimumHealthyTargetsPercentage;
  const enough = healthy >= policy.minimumHealthyTargetsCount && (pct === 'off' || healthy * 100 >= pct * candidates);
  if (enough) return 'healthy';
  out.length = 0;
  for (const r of registered) {
    const s = r.health.state;
    if (s !== 'draining' && s !== 'unused') out.push(r.target);
  }
  return 'fail_open';
}
