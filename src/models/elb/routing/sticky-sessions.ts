import type { Uniform } from '../../../engine/index.ts';
import type { RoutingMode } from '../health/fail-open.ts';
import type { Target } from '../target.ts';
import type { RoutingAlgorithm } from './routing-algorithm.ts';
import { ClientPopulation } from './client-population.ts';
import { tracksRoutableSet, type OutstandingListener, type Clock, type TrackingRoutingAlgorithm } from './routing-hooks.ts';
import { TargetPositions } from './target-positions.ts';

/**
 * stickiness.lb_cookie.duration_seconds: default 1 day, range 1 s to 1 week
 * (BOTO:elbv2 TargetGroupAttribute.Key; not yet in aws-semantics.md 7).
 */
export const DEFAULT_LB_COOKIE_DURATION_SECONDS = 86_400;
export const LB_COOKIE_DURATION_RANGE = [1, 604_800] as const;

export interface StickySessionOptions {
  /** Clients (browsers) active at once. */
  readonly clients: number;
  /** Mean requests a client sends before it leaves (geometric). */
  readonly requestsPerClient: number;
  /** stickiness.lb_cookie.duration_seconds (default DEFAULT_LB_COOKIE_DURATION_SECONDS). */
  readonly durationSeconds?: number;
  /**
   * [UNCONFIRMED] Whether every response renews the cookie's stickiness period. AWS says the period
   * is how long "requests from a client should be routed to the same target"; default false: it
   * runs from the moment the client was bound to its target.
   */
  readonly renewOnEachRequest?: boolean;
}

/**
 * ALB duration-based stickiness (stickiness.type = lb_cookie): a client's first request goes
 * where the target group's algorithm sends it, and the load balancer's cookie binds the client to
 * that target; its later requests follow the cookie until it expires or the target is no longer
 * routable (unhealthy, draining), when the algorithm picks again and the cookie is rewritten.
 * Clients come and go as a ClientPopulation; a new client has no cookie.
 *
 * Wraps the group's algorithm, which sees only the requests the cookie does not place. With
 * least_outstanding_requests inside, the targets' outstanding counts still go to that algorithm
 * (passed on by outstandingChanged).
 */
export class StickySessions implements TrackingRoutingAlgorithm {
  private readonly clients: ClientPopulation;
  private readonly positions = new TargetPositions();
  private readonly durationSeconds: number;
  private readonly renew: boolean;
  /** Each client's cookie: its target's Target.index (-1: none) and when the stickiness ends. */
  private readonly boundIndex: Int32Array;
  private readonly expires: Float64Array;

  constructor(
    readonly inner: RoutingAlgorithm,
    uniform: Uniform,
    private readonly clock: Clock,
    options: StickySessionOptions,
  ) {
    this.clients = new ClientPopulation(options.clients, options.requestsPerClient, uniform);
    this.durationSeconds = options.durationSeconds ?? DEFAULT_LB_COOKIE_DURATION_SECONDS;
    const [min, max] = LB_COOKIE_DURATION_RANGE;
    if (!(this.durationSeconds >= min && this.durationSeconds <= max)) {
      throw new RangeError(`stickiness.lb_cookie.duration_seconds must be in [${min}, ${max}], got ${this.durationSeconds}`);
    }
    this.renew = options.renewOnEachRequest ?? false;
    this.boundIndex = new Int32Array(options.clients).fill(-1);
    this.expires = new Float64Array(options.clients);
  }

  outstandingChanged(target: Target): void {
    const inner = this.inner as Partial<OutstandingListener>;
    if (inner.outstandingChanged !== undefined) inner.outstandingChanged(target);
  }

  routableSetChanged(targets: readonly Target[], mode: RoutingMode): void {
    this.positions.reset(targets);
    if (tracksRoutableSet(this.inner)) this.inner.routableSetChanged(targets, mode);
  }

  pick(targets: readonly Target[]): number {
    if (targets.length !== this.positions.size) {
      throw new Error(`sticky sessions: pick over ${targets.length} targets, but the routable set last reported has ${this.positions.size}`);
    }
    const c = this.clients.next();
    const now = this.clock.now;
    if (!this.clients.fresh && this.boundIndex[c] >= 0 && now < this.expires[c]) {
      const p = this.positions.ofIndex(this.boundIndex[c]);
      if (p >= 0) {
        if (this.renew) this.expires[c] = now + this.durationSeconds;
        return p;
      }
    }
    const p = this.inner.pick(targets);
    this.boundIndex[c] = targets[p].index;
    this.expires[c] = now + this.durationSeconds;
    return p;
  }
}
