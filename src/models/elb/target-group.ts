import type { Simulator } from '../../engine/index.ts';
import type { ActivityLog } from '../telemetry/activity-log.ts';
import { isRoutable, routingModeOf, type RoutableSelection, type UnhealthyStateRouting } from './health/fail-open.ts';
import type { HealthCheckConfig } from './health/health-check-config.ts';
import { checkEnd, DRAINING, nextCheckTime, onCheckResult, REGISTERED, type TargetHealth, type TargetHealthState } from './health/health-check.ts';
import { fitIndex } from './routing/per-target-arrays.ts';
import type { RoutingAlgorithm } from './routing/routing-algorithm.ts';
import { tracksRoutableSet, type OutstandingListener, type RequestOutcomeListener, type RoutableSetListener } from './routing/routing-hooks.ts';
import type { LoadBalancedTarget, Target, TargetListener } from './target.ts';
import type { TargetRegistry } from './target-registry.ts';

/** Deregistration delay: 300 s by default, 0 to 3600 s (aws-semantics.md section 7.2). */
export const DEFAULT_DEREGISTRATION_DELAY = 300;

/** How a target answers a health check started now: after how long (Infinity: never), and whether it passes. */
export type HealthCheckAnswer<T extends LoadBalancedTarget> = (target: T) => { readonly seconds: number; readonly passes: boolean };

export type HealthListener<T> = (target: T, from: TargetHealthState, to: TargetHealthState) => void;

export interface TargetGroupConfig<T extends LoadBalancedTarget> {
  readonly name: string;
  readonly healthCheck: HealthCheckConfig;
  readonly unhealthyStateRouting: UnhealthyStateRouting;
  /** deregistration_delay.timeout_seconds. */
  readonly deregistrationDelay: number;
  /** With it off, each AZ's node sends only to targets in its AZ (section 7.5): one algorithm per AZ. */
  readonly crossZone: boolean;
  /** One routing algorithm per load balancer node (one node, or one per AZ without cross-zone). */
  readonly newAlgorithm: () => RoutingAlgorithm;
  /** Extra listeners of target outcomes and of the whole routable set (anomaly detection). */
  readonly outcomeListeners: readonly (RequestOutcomeListener & RoutableSetListener)[];
  /**
   * Whether anything needs targets' per-request events (least outstanding requests, anomaly
   * detection); without it targets report nothing, which keeps the per-request path short.
   */
  readonly targetEvents: boolean;
  /** Told when a target registers (slow start). */
  readonly onRegistered?: (target: T) => void;
}

/** Told of what a load balancer's nodes and DNS depend on (load-balancer.ts). */
export interface ZoneListener {
  /** The target group routes to a zone it had no node for: `node` is that node's index. */
  zoneAdded(az: string, node: number): void;
  /** A registration or a health state changed: healthy or routable counts by zone may have. */
  targetsChanged(): void;
}

interface Registration<T> {
  readonly target: T;
  /** Registration order, which each node's routable array keeps. */
  readonly seq: number;
  health: TargetHealth;
  /** Pending health-check event. */
  timer: number;
  /** When the check under way started. */
  checkStart: number;
  /** The result of the check under way, known at its end. */
  checkPasses: 'pass' | 'fail' | 'timeout';
  /** Whether it sits in its node's routable array. */
  routable: boolean;
  /** Forgotten: left in `registrations` until the next compaction. */
  gone: boolean;
}

/** A load balancer node's view of the target group: the targets it may send to, and its own routing state. */
interface Node<T> {
  readonly az: string;
  readonly algorithm: RoutingAlgorithm;
  /** Routable targets in registration order, and their registration numbers for the binary search. */
  readonly routable: T[];
  readonly seqs: number[];
}

/**
 * An ELB target group: registers targets, health checks each of them (one shared state machine,
 * section 7.1), drains the ones deregistered (7.2), fails open when too few are healthy (7.7),
 * and routes each request it is given to a routable target with its algorithm: one algorithm for
 * the load balancer, or one per AZ node without cross-zone load balancing (7.5).
 *
 * A registration, a deregistration or a health transition moves one target in or out of its
 * node's routable array (a binary search by registration order and one splice), and the counts
 * by state are kept as they change; only a switch between routing to the healthy targets and
 * failing open rebuilds the arrays. Algorithms that follow the whole set (routableSetChanged)
 * are still told it at every change.
 */
export class TargetGroup<T extends LoadBalancedTarget = LoadBalancedTarget> implements TargetRegistry<T>, TargetListener {
  readonly name: string;
  readonly deregistrationDelay: number;
  /** Requests routed during the run (readers keep their own last value: RequestCountPerTarget). */
  routedTotal = 0;
  private readonly registrations: Registration<T>[] = [];
  private gone = 0;
  private nextSeq = 0;
  private readonly byTarget = new Map<number, Registration<T>>();
  /** Registered targets by health state, kept as they change. */
  private readonly stateCounts: Record<TargetHealthState, number> = { initial: 0, healthy: 0, unhealthy: 0, draining: 0, unused: 0 };
  private readonly healthyByZone = new Map<string, number>();
  private mode: RoutableSelection = 'no_targets';
  private readonly nodes: Node<T>[] = [];
  /** Every routable target in registration order, for the outcome listeners (without cross-zone: all nodes'). */
  private readonly allRoutable: T[] = [];
  private readonly allSeqs: number[] = [];
  /** Node of each target by target index, for the per-request listener calls. */
  private nodeOf = new Int32Array(64).fill(-1);
  private readonly healthListeners: HealthListener<T>[] = [];
  private readonly zoneListeners: ZoneListener[] = [];
  /** Whether any node's algorithm follows the whole routable set. */
  private tracking = false;
  private readonly checkStartKind: number;
  private readonly checkEndKind: number;

  constructor(
    private readonly sim: Simulator,
    readonly config: TargetGroupConfig<T>,
    private readonly activity: ActivityLog,
    private readonly answer: HealthCheckAnswer<T>,
  ) {
    this.name = config.name;
    this.deregistrationDelay = config.deregistrationDelay;
    this.checkStartKind = sim.register((i) => this.startCheck(this.byTarget.get(i)!));
    this.checkEndKind = sim.register((i) => this.endCheck(this.byTarget.get(i)!));
    if (config.crossZone) this.nodes.push(this.newNode('*'));
  }

  /** Registered targets that are not draining. */
  get targetCount(): number {
    return this.byTarget.size - this.stateCounts.draining;
  }

  /** Registered targets in a health state now (HealthyHostCount, UnHealthyHostCount). */
  countHealth(state: TargetHealthState): number {
    return this.stateCounts[state];
  }

  /** Health of a registered target; undefined once it is gone. */
  healthOf(target: T): TargetHealthState | undefined {
    return this.byTarget.get(target.index)?.health.state;
  }

  addHealthListener(listener: HealthListener<T>): void {
    this.healthListeners.push(listener);
  }

  /** Subscribes a load balancer to the nodes it needs and to changes of health by zone. */
  addZoneListener(listener: ZoneListener): void {
    this.zoneListeners.push(listener);
  }

  register(target: T): void {
    const r: Registration<T> = { target, seq: this.nextSeq++, health: REGISTERED, timer: -1, checkStart: 0, checkPasses: 'pass', routable: false, gone: false };
    this.registrations.push(r);
    this.byTarget.set(target.index, r);
    this.stateCounts.initial++;
    target.listener = this.config.targetEvents ? this : null;
    this.config.onRegistered?.(target);
    this.record(target, '', 'initial', 'registered: waiting for its first health check');
    // [INFERRED] The first check starts at registration (section 7.1).
    this.startCheck(r);
    this.changed(r);
  }

  /** Stops sending new requests to a target; its health checks stop. */
  deregister(target: T): void {
    const r = this.byTarget.get(target.index);
    if (!r) return;
    this.sim.cancel(r.timer);
    this.record(target, r.health.state, 'draining', 'deregistration started');
    this.setHealth(r, DRAINING);
    this.changed(r);
  }

  /** The target has left: draining is over. */
  forget(target: T, cause: string): void {
    const r = this.byTarget.get(target.index);
    if (!r) return;
    this.record(target, 'draining', 'unused', cause);
    this.setHealth(r, DRAINING);
    this.stateCounts.draining--;
    this.byTarget.delete(target.index);
    r.gone = true;
    if (++this.gone > this.registrations.length >> 1) this.compact();
    target.listener = null;
    this.changed(r);
  }

  /**
   * Routes a request through the target group's node `node` (0 with cross-zone load balancing);
   * false, with nothing done, when that node has no target to send to.
   */
  route(requestId: number, node: number): boolean {
    const n = this.nodes[node];
    const routable = n.routable;
    if (routable.length === 0) return false;
    this.routedTotal++;
    routable[n.algorithm.pick(routable)].accept(requestId);
    return true;
  }

  /** Index of the node for an AZ, or -1 if the target group has never routed there. */
  nodeOfZone(az: string): number {
    for (let i = 0; i < this.nodes.length; i++) if (this.nodes[i].az === az) return i;
    return -1;
  }

  /** Registered healthy targets in an AZ (DNS keeps a node while its AZ has one, section 7.7). */
  healthyIn(az: string): number {
    return this.healthyByZone.get(az) ?? 0;
  }

  /** Targets the AZ's node may send to now. */
  routableIn(az: string): number {
    const i = this.nodeOfZone(az);
    return i < 0 ? 0 : this.nodes[i].routable.length;
  }

  // ---- listener calls from targets, passed on to the node's algorithm and to anomaly detection ----

  outstandingChanged(target: Target): void {
    const node = this.nodeOf[target.index];
    if (node < 0) return;
    const algorithm = this.nodes[node].algorithm as Partial<OutstandingListener>;
    if (algorithm.outstandingChanged !== undefined) algorithm.outstandingChanged(target);
  }

  requestEnded(target: Target, failed: boolean): void {
    const listeners = this.config.outcomeListeners;
    for (let i = 0; i < listeners.length; i++) listeners[i].requestEnded(target, failed);
  }

  // ---- health checks (section 7.1) ----

  private startCheck(r: Registration<T>): void {
    const now = this.sim.now;
    const a = this.answer(r.target);
    const end = checkEnd(now, a.seconds, a.passes, this.config.healthCheck);
    r.checkStart = now;
    r.checkPasses = end.result;
    r.timer = this.sim.schedule(end.at, this.checkEndKind, r.target.index);
  }

  private endCheck(r: Registration<T>): void {
    const outcome = onCheckResult(r.health, r.checkPasses, this.config.healthCheck);
    const from = r.health.state;
    this.setHealth(r, outcome.health);
    r.timer = this.sim.schedule(Math.max(this.sim.now, nextCheckTime(r.checkStart, this.config.healthCheck)), this.checkStartKind, r.target.index);
    const t = outcome.transition;
    if (t) {
      this.record(r.target, t.from, t.to, t.reason);
      this.changed(r);
      for (const listener of this.healthListeners) listener(r.target, from, t.to);
    }
  }

  /** Sets a registration's health, keeping the counts by state and by zone. */
  private setHealth(r: Registration<T>, health: TargetHealth): void {
    const from = r.health.state;
    const to = health.state;
    r.health = health;
    if (from === to) return;
    this.stateCounts[from]--;
    this.stateCounts[to]++;
    const az = r.target.availabilityZone;
    if (from === 'healthy') this.healthyByZone.set(az, this.healthyByZone.get(az)! - 1);
    if (to === 'healthy') this.healthyByZone.set(az, (this.healthyByZone.get(az) ?? 0) + 1);
  }

  // ---- the routable sets ----

  /** After `r` registered, changed health or left: moves it in or out of its node, or rebuilds on a switch of mode. */
  private changed(r: Registration<T>): void {
    const s = this.stateCounts;
    const mode = routingModeOf(s.initial + s.healthy + s.unhealthy, s.healthy, this.config.unhealthyStateRouting);
    if (mode !== this.mode) {
      this.mode = mode;
      this.rebuild();
    } else {
      const routable = !r.gone && isRoutable(r.health.state, mode);
      if (routable && !r.routable) this.add(r);
      else if (!routable && r.routable) this.remove(r);
    }
    if (this.tracking && mode !== 'no_targets') {
      for (const node of this.nodes) if (tracksRoutableSet(node.algorithm)) node.algorithm.routableSetChanged(node.routable, mode);
    }
    for (const l of this.zoneListeners) l.targetsChanged();
    if (mode !== 'no_targets') for (const l of this.config.outcomeListeners) l.routableSetChanged(this.everyRoutable(), mode);
  }

  private add(r: Registration<T>): void {
    const t = r.target;
    let node = this.config.crossZone ? 0 : this.nodeOfZone(t.availabilityZone);
    if (node < 0) node = this.addNode(t.availabilityZone);
    const n = this.nodes[node];
    insertBySeq(n.routable, n.seqs, t, r.seq);
    if (!this.config.crossZone && this.config.outcomeListeners.length > 0) insertBySeq(this.allRoutable, this.allSeqs, t, r.seq);
    this.nodeOf = fitIndex(this.nodeOf, t.index, -1);
    this.nodeOf[t.index] = node;
    r.routable = true;
  }

  private remove(r: Registration<T>): void {
    const t = r.target;
    const n = this.nodes[this.nodeOf[t.index]];
    removeBySeq(n.routable, n.seqs, r.seq);
    if (!this.config.crossZone && this.config.outcomeListeners.length > 0) removeBySeq(this.allRoutable, this.allSeqs, r.seq);
    this.nodeOf[t.index] = -1;
    r.routable = false;
  }

  /** Fills every node's array afresh: the group started or stopped failing open. O(n), once per switch. */
  private rebuild(): void {
    for (const n of this.nodes) {
      for (const t of n.routable) this.nodeOf[t.index] = -1;
      n.routable.length = 0;
      n.seqs.length = 0;
    }
    this.allRoutable.length = 0;
    this.allSeqs.length = 0;
    for (const r of this.registrations) {
      r.routable = false;
      if (!r.gone && isRoutable(r.health.state, this.mode)) this.add(r);
    }
  }

  private everyRoutable(): readonly T[] {
    return this.config.crossZone ? this.nodes[0].routable : this.allRoutable;
  }

  private addNode(az: string): number {
    this.nodes.push(this.newNode(az));
    const node = this.nodes.length - 1;
    for (const l of this.zoneListeners) l.zoneAdded(az, node);
    return node;
  }

  private newNode(az: string): Node<T> {
    const algorithm = this.config.newAlgorithm();
    if (tracksRoutableSet(algorithm)) this.tracking = true;
    return { az, algorithm, routable: [], seqs: [] };
  }

  /** Drops forgotten registrations from the list, keeping registration order. Amortised O(1) per forget. */
  private compact(): void {
    let k = 0;
    for (const r of this.registrations) if (!r.gone) this.registrations[k++] = r;
    this.registrations.length = k;
    this.gone = 0;
  }

  private record(target: T, from: string, to: string, cause: string): void {
    this.activity.record(this.sim.now, `elb:${this.name}`, target.id, from, to, cause);
  }
}

/** First place whose registration number is at least `seq`. */
function lowerBound(seqs: readonly number[], seq: number): number {
  let lo = 0;
  let hi = seqs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (seqs[mid] < seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function insertBySeq<T>(targets: T[], seqs: number[], target: T, seq: number): void {
  const at = lowerBound(seqs, seq);
  if (at === seqs.length) {
    targets.push(target);
    seqs.push(seq);
  } else {
    targets.splice(at, 0, target);
    seqs.splice(at, 0, seq);
  }
}

function removeBySeq<T>(targets: T[], seqs: number[], seq: number): void {
  const at = lowerBound(seqs, seq);
  if (at === seqs.length - 1) {
    targets.pop();
    seqs.pop();
  } else {
    targets.splice(at, 1);
    seqs.splice(at, 1);
  }
}
