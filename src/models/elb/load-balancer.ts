import type { Simulator } from '../../engine/index.ts';
import { Cause, type Outcomes } from '../requests/outcomes.ts';
import type { RequestTable } from '../requests/request-table.ts';
import type { ActivityLog } from '../telemetry/activity-log.ts';
import { selectRoutable, type UnhealthyStateRouting } from './health/fail-open.ts';
import type { HealthCheckConfig } from './health/health-check-config.ts';
import { checkEnd, DRAINING, nextCheckTime, onCheckResult, REGISTERED, type TargetHealth, type TargetHealthState } from './health/health-check.ts';
import { fitIndex } from './routing/per-target-arrays.ts';
import type { RoutingAlgorithm } from './routing/routing-algorithm.ts';
import type { LoadBalancedTarget, Target, TargetListener } from './target.ts';
import type { NodeDns } from './node-dns.ts';
import type { TargetRegistry } from './target-registry.ts';
import { tracksRoutableSet, type OutstandingListener, type RequestOutcomeListener, type RoutableSetListener } from './routing/routing-hooks.ts';

/** Deregistration delay: 300 s by default, 0 to 3600 s (aws-semantics.md section 7.2). */
export const DEFAULT_DEREGISTRATION_DELAY = 300;

/** How a target answers a health check started now: after how long (Infinity: never), and whether it passes. */
export type HealthCheckAnswer<T extends LoadBalancedTarget> = (target: T) => { readonly seconds: number; readonly passes: boolean };

export interface LoadBalancerConfig<T extends LoadBalancedTarget> {
  readonly name: string;
  readonly healthCheck: HealthCheckConfig;
  readonly unhealthyStateRouting: UnhealthyStateRouting;
  /** With it off, each AZ's node sends only to targets in its AZ (section 7.5). */
  readonly crossZone: boolean;
  /** How clients reach the nodes when cross-zone is off (required then). */
  readonly dns?: NodeDns;
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
  /** How long a deregistered target may drain, seconds (DEFAULT_DEREGISTRATION_DELAY when unset). */
  readonly deregistrationDelay?: number;
}

interface Registration<T> {
  readonly target: T;
  health: TargetHealth;
  /** Pending health-check event. */
  timer: number;
  /** When the check under way started. */
  checkStart: number;
  /** The result of the check under way, known at its end. */
  checkPasses: 'pass' | 'fail' | 'timeout';
}

/** A load balancer node: the targets it may send to, and its own routing state. */
interface Node<T> {
  readonly az: string;
  readonly algorithm: RoutingAlgorithm;
  readonly routable: T[];
  /** Requests that reached it, routed or answered 503. */
  received: number;
}

/**
 * An ALB or NLB with one target group: health checks every registered target (one shared state
 * machine, section 7.1), routes each request to a routable target with its algorithm, fails open
 * when no target is healthy and answers 503 when none is registered (section 7.7). Without
 * cross-zone load balancing each AZ has its own node, which only knows its AZ's targets, and
 * each request reaches the node its client resolved the load balancer's name to (NodeDns); a node
 * with no routable target answers 503.
 */
export class LoadBalancer<T extends LoadBalancedTarget = LoadBalancedTarget> implements TargetListener, TargetRegistry<T> {
  readonly name: string;
  readonly deregistrationDelay: number;
  /** Requests routed during the run (readers keep their own last value: RequestCount, LCUs). */
  routedTotal = 0;
  /** Told when a target's health changes. */
  private readonly healthListeners: ((target: T, from: TargetHealthState, to: TargetHealthState) => void)[] = [];
  private readonly registrations: Registration<T>[] = [];
  private readonly byTarget = new Map<number, Registration<T>>();
  private readonly allRoutable: T[] = [];
  private nodes: Node<T>[] = [];
  /** Node of each target by target index, for the per-request listener calls. */
  private nodeOf = new Int32Array(64).fill(-1);
  private readonly dns: NodeDns | undefined;
  private readonly checkStartKind: number;
  private readonly checkEndKind: number;

  constructor(
    private readonly sim: Simulator,
    readonly config: LoadBalancerConfig<T>,
    private readonly requests: RequestTable,
    private readonly outcomes: Outcomes,
    private readonly activity: ActivityLog,
    private readonly answer: HealthCheckAnswer<T>,
  ) {
    this.name = config.name;
    this.deregistrationDelay = config.deregistrationDelay ?? DEFAULT_DEREGISTRATION_DELAY;
    this.checkStartKind = sim.register((i) => this.startCheck(this.byTarget.get(i)!));
    this.checkEndKind = sim.register((i) => this.endCheck(this.byTarget.get(i)!));
    if (config.crossZone) this.nodes.push(this.newNode('*'));
    else if (!config.dns) throw new RangeError(`load balancer ${config.name}: without cross-zone load balancing, clients need DNS (dns)`);
    this.dns = config.dns;
  }

  get targetCount(): number {
    let n = 0;
    for (const r of this.registrations) if (r.health.state !== 'draining') n++;
    return n;
  }

  /** Registered targets in a health state now (HealthyHostCount, UnHealthyHostCount). */
  countHealth(state: TargetHealthState): number {
    let n = 0;
    for (const r of this.registrations) if (r.health.state === state) n++;
    return n;
  }

  addHealthListener(listener: (target: T, from: TargetHealthState, to: TargetHealthState) => void): void {
    this.healthListeners.push(listener);
  }

  /** Health of a registered target; undefined once it is gone. */
  healthOf(target: T): TargetHealthState | undefined {
    return this.byTarget.get(target.index)?.health.state;
  }


  register(target: T): void {
    const r: Registration<T> = { target, health: REGISTERED, timer: -1, checkStart: 0, checkPasses: 'pass' };
    this.registrations.push(r);
    this.byTarget.set(target.index, r);
    target.listener = this.config.targetEvents ? this : null;
    this.config.onRegistered?.(target);
    this.record(target, '', 'initial', 'registered: waiting for its first health check');
    // [INFERRED] The first check starts at registration (section 7.1).
    this.startCheck(r);
    this.refreshRoutable();
  }

  /** Stops sending new requests to a target; its health checks stop. */
  deregister(target: T): void {
    const r = this.byTarget.get(target.index);
    if (!r) return;
    this.sim.cancel(r.timer);
    this.record(target, r.health.state, 'draining', 'deregistration started');
    r.health = DRAINING;
    this.refreshRoutable();
  }

  /** The target has left: draining is over. */
  forget(target: T, cause: string): void {
    const r = this.byTarget.get(target.index);
    if (!r) return;
    this.record(target, 'draining', 'unused', cause);
    this.byTarget.delete(target.index);
    this.registrations.splice(this.registrations.indexOf(r), 1);
    target.listener = null;
    this.refreshRoutable();
  }

  route(requestId: number): void {
    const nodes = this.nodes;
    // With one node there is nothing for DNS to choose.
    const node = nodes.length === 1 ? nodes[0] : nodes[this.dns!.node(this.sim.now)];
    if (node === undefined) return this.noTarget(requestId);
    node.received++;
    if (node.routable.length === 0) return this.noTarget(requestId);
    this.routedTotal++;
    node.routable[node.algorithm.pick(node.routable)].accept(requestId);
  }

  /**
   * No registered target, or (cross-zone off) a node reached through a cached DNS answer whose
   * AZ has none left: the load balancer answers 503 (aws-semantics.md 7.7).
   */
  private noTarget(requestId: number): void {
    this.outcomes.fail(Cause.http_503);
    this.requests.release(requestId);
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
    r.health = outcome.health;
    r.timer = this.sim.schedule(Math.max(this.sim.now, nextCheckTime(r.checkStart, this.config.healthCheck)), this.checkStartKind, r.target.index);
    const t = outcome.transition;
    if (t) {
      this.record(r.target, t.from, t.to, t.reason);
      this.refreshRoutable();
      for (const listener of this.healthListeners) listener(r.target, t.from, t.to);
    }
  }

  // ---- the routable sets ----

  private refreshRoutable(): void {
    const mode = selectRoutable(this.registrations, this.config.unhealthyStateRouting, this.allRoutable);
    if (!this.config.crossZone) {
      for (const t of this.allRoutable) {
        if (!this.nodes.some((n) => n.az === t.availabilityZone)) this.nodes.push(this.newNode(t.availabilityZone));
      }
    }
    this.nodeOf.fill(-1);
    this.nodes.forEach((node, i) => {
      node.routable.length = 0;
      for (const t of this.allRoutable) {
        if (node.az === '*' || node.az === t.availabilityZone) {
          node.routable.push(t);
          this.nodeOf = fitIndex(this.nodeOf, t.index, -1);
          this.nodeOf[t.index] = i;
        }
      }
      if (mode !== 'no_targets' && tracksRoutableSet(node.algorithm)) node.algorithm.routableSetChanged(node.routable, mode);
    });
    if (this.dns) this.dns.setNodes(this.nodesInDns());
    if (mode !== 'no_targets') for (const l of this.config.outcomeListeners) l.routableSetChanged(this.allRoutable, mode);
  }

  /**
   * The nodes whose AZ has a healthy target (dns_failover's default minimum of 1, section 7.7);
   * when no AZ has one, every node with a target to send to, as DNS fails open too.
   */
  private nodesInDns(): number[] {
    const healthyZones = new Set<string>();
    for (const r of this.registrations) if (r.health.state === 'healthy') healthyZones.add(r.target.availabilityZone);
    const nodes = this.nodes.map((_, i) => i);
    const healthy = nodes.filter((i) => healthyZones.has(this.nodes[i].az));
    return healthy.length > 0 ? healthy : nodes.filter((i) => this.nodes[i].routable.length > 0);
  }

  private newNode(az: string): Node<T> {
    return { az, algorithm: this.config.newAlgorithm(), routable: [], received: 0 };
  }

  /**
   * Requests each AZ's node received, without cross-zone load balancing (each AZ its own node,
   * reached through DNS); null with it, where one node stands for them all.
   */
  requestsByNode(): Record<string, number> | null {
    if (this.config.crossZone) return null;
    return Object.fromEntries(this.nodes.map((n) => [n.az, n.received]));
  }

  private record(target: T, from: string, to: string, cause: string): void {
    this.activity.record(this.sim.now, `elb:${this.name}`, target.id, from, to, cause);
  }
}

