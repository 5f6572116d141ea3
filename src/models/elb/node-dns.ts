import type { Uniform } from '../../engine/index.ts';
import { ClientPopulation } from './routing/client-population.ts';

/**
 * The TTL of a load balancer's DNS records, seconds. AWS tells clients to "re-resolve the DNS at
 * least once per minute" (ELB best practices) and its records carry a 60 s TTL (repost.aws,
 * "How long does classic LB gets served on old IP address") [DOC]; overridable as `dns_ttl`.
 */
export const DEFAULT_DNS_TTL = 60;

/**
 * Which load balancer node (one per AZ without cross-zone load balancing) each request reaches.
 * Clients resolve the load balancer's name and get the addresses of the nodes in DNS; each picks
 * one at random and keeps it for the record's TTL, so the nodes' shares are random and clustered
 * by client rather than taken in turn. A node leaves DNS when its AZ has no healthy target (ALB
 * `dns_failover` defaults, NLB-UG: "its IP is removed from DNS"), but clients whose answer has
 * not expired keep sending to it until they resolve again.
 *
 * Clients are a ClientPopulation (`connections` at once, a geometric run of requests each); a
 * new client has no cached answer. O(1) per request, with no allocation.
 */
export class NodeDns {
  private readonly clients: ClientPopulation;
  /** Each client slot's node, and when its answer expires. */
  private readonly cached: Int32Array;
  private readonly expires: Float64Array;
  /** The nodes in DNS now, by index; the first `inDnsCount` entries count. */
  private inDns = new Int32Array(4);
  private inDnsCount = 0;

  constructor(
    clients: number,
    requestsPerClient: number,
    readonly ttl: number,
    private readonly uniform: Uniform,
  ) {
    if (!(ttl >= 0)) throw new RangeError(`DNS TTL must be >= 0, got ${ttl}`);
    this.clients = new ClientPopulation(clients, requestsPerClient, uniform);
    this.cached = new Int32Array(clients);
    this.expires = new Float64Array(clients);
  }

  /** Sets the nodes DNS answers with (called when health changes, never per request). */
  setNodes(nodes: readonly number[]): void {
    if (nodes.length > this.inDns.length) this.inDns = new Int32Array(nodes.length * 2);
    for (let i = 0; i < nodes.length; i++) this.inDns[i] = nodes[i];
    this.inDnsCount = nodes.length;
  }

  /** The node the next request reaches, at time `now`; -1 when DNS has no node to give. */
  node(now: number): number {
    const c = this.clients.next();
    if (this.clients.fresh || now >= this.expires[c]) {
      if (this.inDnsCount === 0) {
        // Nothing to cache: the client asks again at its next request.
        this.expires[c] = now;
        return -1;
      }
      this.cached[c] = this.inDns[Math.floor(this.uniform() * this.inDnsCount)];
      this.expires[c] = now + this.ttl;
    }
    return this.cached[c];
  }
}
