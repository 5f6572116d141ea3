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
 * Zones are the load balancer's business: with cross-zone off (the NLB default, 7.5) each AZ's
 * node has its own FlowHash over its own zone's targets (load-balancer.ts).
 *
 * Simplification: a connection whose target leaves the routable set is re-established at its
 * next request (the client reconnects and is hashed again). On AWS, connections to a deregistered
 * target may go on sending until the deregistration delay ends (7.2); pick() can only return a
 * routable target, so that tail goes to other targets instead.
 */
export class FlowHash implements TrackingRoutingAlgorithm {
  private readonly clients: ClientPopulation;
  private readonly positions = new TargetPositions();
  /** Each connection's target, by Target.index (-1: none yet), and its position in the routable set. */
  private readonly pinnedIndex: Int32Array;
  private readonly pinnedPosition: Int32Array;

  constructor(
    private readonly uniform: Uniform,
    options: FlowHashOptions,
  ) {
    this.clients = new ClientPopulation(options.connections, options.requestsPerConnection, uniform);
    this.pinnedIndex = new Int32Array(options.connections).fill(-1);
    this.pinnedPosition = new Int32Array(options.connections).fill(-1);
  }

  routableSetChanged(targets: readonly Target[]): void {
    this.positions.reset(targets);
    for (let c = 0; c < this.pinnedIndex.length; c++) {
      const i = this.pinnedIndex[c];
      this.pinnedPosition[c] = i < 0 ? -1 : this.positions.ofIndex(i);
    }
  }

  pick(targets: readonly Target[]): number {
    if (targets.length !== this.positions.size) {
      throw new Error(`flow hash: pick over ${targets.length} targets, but the routable set last reported has ${this.positions.size}`);
    }
    const c = this.clients.next();
    let p = this.pinnedPosition[c];
    if (this.clients.fresh || p < 0) {
      p = Math.floor(this.uniform() * targets.length);
      this.pinnedPosition[c] = p;
      this.pinnedIndex[c] = targets[p].index;
    }
    return p;
  }
}
