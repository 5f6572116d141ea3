import type { Simulator } from '../../engine/index.ts';
import { Cause, type Outcomes } from '../requests/outcomes.ts';
import type { RequestTable } from '../requests/request-table.ts';
import type { Listener } from './listener.ts';
import type { NodeDns } from './node-dns.ts';
import type { LoadBalancedTarget } from './target.ts';
import type { TargetGroup, ZoneListener } from './target-group.ts';

export interface LoadBalancerConfig {
  readonly name: string;
  /** With it off, each AZ has its own node, which sends only to targets in its AZ (section 7.5). */
  readonly crossZone: boolean;
  /** How clients reach the nodes when cross-zone is off (required then). */
  readonly dns?: NodeDns;
}

/**
 * An ALB or NLB: its listener chooses a target group for each request, and the target group
 * routes it (target-group.ts); with no target to send to, the load balancer answers 503 (section
 * 7.7). Without cross-zone load balancing each AZ has its own node, which only knows its AZ's
 * targets, and each request reaches the node its client resolved the load balancer's name to
 * (NodeDns); DNS keeps the nodes whose AZ has a healthy target in any of the target groups.
 */
export class LoadBalancer<T extends LoadBalancedTarget = LoadBalancedTarget> implements ZoneListener {
  readonly name: string;
  /** Requests routed during the run (readers keep their own last value: RequestCount, LCUs). */
  routedTotal = 0;
  private readonly targetGroups: readonly TargetGroup<T>[];
  /** AZ of each node ('*': the one node of cross-zone load balancing), in the order they appeared. */
  private readonly zones: string[] = [];
  /** Requests each node received, routed or answered 503 (counted without cross-zone only). */
  private received = new Float64Array(4);
  /** For each target group (by listener index), its node for each of the load balancer's nodes (-1: none). */
  private readonly zoneNodes: Int32Array[];
  private readonly dns: NodeDns | undefined;

  constructor(
    private readonly sim: Simulator,
    readonly config: LoadBalancerConfig,
    readonly listener: Listener<T>,
    private readonly requests: RequestTable,
    private readonly outcomes: Outcomes,
  ) {
    this.name = config.name;
    this.targetGroups = listener.targetGroups;
    this.zoneNodes = this.targetGroups.map(() => new Int32Array(0));
    if (config.crossZone) {
      this.zones.push('*');
      this.zoneNodes.fill(Int32Array.of(0));
    } else if (!config.dns) throw new RangeError(`load balancer ${config.name}: without cross-zone load balancing, clients need DNS (dns)`);
    this.dns = config.crossZone ? undefined : config.dns;
    for (const tg of this.targetGroups) {
      if (tg.config.crossZone !== config.crossZone) throw new RangeError(`load balancer ${config.name}: target group ${tg.name} must have its cross-zone setting`);
      tg.addZoneListener(this);
    }
  }

  route(requestId: number): void {
    const g = this.listener.targetGroupOf(this.requests.requestClass[requestId]);
    if (this.dns !== undefined) return this.routeByZone(requestId, g);
    if (this.targetGroups[g].route(requestId, 0)) this.routedTotal++;
    else this.noTarget(requestId);
  }

  /** Without cross-zone load balancing: to the node the client's DNS answer names, unless there is only one. */
  private routeByZone(requestId: number, g: number): void {
    const node = this.zones.length === 1 ? 0 : this.dns!.node(this.sim.now);
    if (node < 0) return this.noTarget(requestId);
    this.received[node]++;
    const groupNode = this.zoneNodes[g][node];
    if (groupNode >= 0 && this.targetGroups[g].route(requestId, groupNode)) this.routedTotal++;
    else this.noTarget(requestId);
  }

  /**
   * No target in the chosen target group, or (cross-zone off) a node reached through a cached DNS
   * answer whose AZ has none left: the load balancer answers 503 (aws-semantics.md 7.7).
   */
  private noTarget(requestId: number): void {
    this.outcomes.fail(Cause.http_503);
    this.requests.release(requestId);
  }

  /** A target group routes to a new AZ: the load balancer has a node there from now on. */
  zoneAdded(az: string): void {
    if (this.config.crossZone) return;
    if (!this.zones.includes(az)) {
      this.zones.push(az);
      if (this.received.length < this.zones.length) {
        const grown = new Float64Array(2 * this.received.length);
        grown.set(this.received);
        this.received = grown;
      }
    }
    this.targetGroups.forEach((tg, g) => (this.zoneNodes[g] = Int32Array.from(this.zones, (z) => tg.nodeOfZone(z))));
  }

  targetsChanged(): void {
    if (this.dns) this.dns.setNodes(this.nodesInDns());
  }

  /**
   * The nodes whose AZ has a healthy target (dns_failover's default minimum of 1, section 7.7);
   * when no AZ has one, every node with a target to send to, as DNS fails open too.
   */
  private nodesInDns(): number[] {
    const nodes = this.zones.map((_, i) => i);
    const healthy = nodes.filter((i) => this.targetGroups.some((tg) => tg.healthyIn(this.zones[i]) > 0));
    return healthy.length > 0 ? healthy : nodes.filter((i) => this.targetGroups.some((tg) => tg.routableIn(this.zones[i]) > 0));
  }

  /**
   * Requests each AZ's node received, without cross-zone load balancing (each AZ its own node,
   * reached through DNS); null with it, where one node stands for them all.
   */
  requestsByNode(): Record<string, number> | null {
    if (this.config.crossZone) return null;
    return Object.fromEntries(this.zones.map((az, i) => [az, this.received[i]]));
  }
}
