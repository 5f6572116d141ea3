import type { Uniform } from '../../../engine/index.ts';
import type { Target } from '../target.ts';
import { ClientPopulation } from './client-population.ts';
import type { TrackingRoutingAlgorithm } from './routing-hooks.ts';
import { TargetPositions } from './target-positions.ts';

export interface FlowHashOptions {
  /** Client TCP connections open at once. */
  readonly connections: number;
  /** Mean requests a keep-alive connection carries (geometric; 1 for one request per connection). */
  readonly requestsPerConnection: number;
  /** load_balancing.cross_zone.enabled (default false for NLB, aws-semantics.md 7.5). */
  readonly crossZone?: boolean;
}

/**
 * NLB flow hash (aws-semantics.md 7.4): each TCP connection is pinned to one target for its life,
 * so NLB balances connections, not requests, and a few long keep-alive connections can load
 * targets unevenly. A request belongs to one of `connections` concurrent client connections
 * (client-population.ts); a new connection picks its target by hash.
 *
 * The hash covers the 5-tuple and the TCP sequence number, which the model has no values for: a
 * uniformly random target is its model, since a good hash of fresh ephemeral ports and random
 * initial sequence numbers spreads connections like independent uniform draws.
 *
 * Zones, with cross-zone off (the NLB default, 7.5): a client resolves the NLB's name to the node
 * of a zone drawn uniformly among the zones that have a routable target (7.7: a zone without a
 * healthy target leaves DNS), and that node picks among its own zone's targets. A zone with fewer
 * targets thus loads each of them more. With cross-zone on, among all routable targets.
 *
 * Simplification: a connection whose target leaves the routable set is re-established at its
 * next request (the client reconnects and is hashed again). On AWS, connections to a deregistered
 * target may go on sending until the deregistration delay ends (7.2); pick() can only return a
 * routable target, so that tail goes to other targets instead.
 */
export class FlowHash implements TrackingRoutingAlgorithm {
  private readonly clients: ClientPopulation;
  private readonly crossZone: boolean;
  private readonly positions = new TargetPositions();
  /** Each connection's target, by Target.index (-1: none yet), and its position in the routable set. */
  private readonly pinnedIndex: Int32Array;
  private readonly pinnedPosition: Int32Array;
  /** Routable positions grouped by zone: zone z holds zoneMembers[zoneStart[z] .. zoneStart[z + 1]). */
  private zoneStart = new Int32Array(1);
  private zoneMembers = new Int32Array(0);
  private zones = 0;

  constructor(
    private readonly uniform: Uniform,
    options: FlowHashOptions,
  ) {
    this.clients = new ClientPopulation(options.connections, options.requestsPerConnection, uniform);
    this.crossZone = options.crossZone ?? false;
    this.pinnedIndex = new Int32Array(options.connections).fill(-1);
    this.pinnedPosition = new Int32Array(options.connections).fill(-1);
  }

  routableSetChanged(targets: readonly Target[]): void {
    this.positions.reset(targets);
    for (let c = 0; c < this.pinnedIndex.length; c++) {
      const i = this.pinnedIndex[c];
      this.pinnedPosition[c] = i < 0 ? -1 : this.positions.ofIndex(i);
    }
    // Group positions by zone; zone names are compared here, never per request.
    const zoneOf = new Map<string, number>();
    const zoneOfPosition = new Int32Array(targets.length);
    targets.forEach((t, p) => {
      let z = zoneOf.get(t.availabilityZone);
      if (z === undefined) zoneOf.set(t.availabilityZone, (z = zoneOf.size));
      zoneOfPosition[p] = z;
    });
    this.zones = zoneOf.size;
    this.zoneStart = new Int32Array(this.zones + 1);
    for (const z of zoneOfPosition) this.zoneStart[z + 1]++;
    for (let z = 0; z < this.zones; z++) this.zoneStart[z + 1] += this.zoneStart[z];
    this.zoneMembers = new Int32Array(targets.length);
    const fill = this.zoneStart.slice(0, this.zones);
    zoneOfPosition.forEach((z, p) => (this.zoneMembers[fill[z]++] = p));
  }

  pick(targets: readonly Target[]): number {
    if (targets.length !== this.positions.size) {
      throw new Error(`flow hash: pick over ${targets.length} targets, but the routable set last reported has ${this.positions.size}`);
    }
    const c = this.clients.next();
    let p = this.pinnedPosition[c];
    if (this.clients.fresh || p < 0) {
      p = this.hashNewConnection(targets.length);
      this.pinnedPosition[c] = p;
      this.pinnedIndex[c] = targets[p].index;
    }
    return p;
  }

  private hashNewConnection(n: number): number {
    if (this.crossZone) return Math.floor(this.uniform() * n);
    const z = Math.floor(this.uniform() * this.zones);
    const from = this.zoneStart[z];
    return this.zoneMembers[from + Math.floor(this.uniform() * (this.zoneStart[z + 1] - from))];
  }
}
