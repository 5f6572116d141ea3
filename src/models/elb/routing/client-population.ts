import type { Uniform } from '../../../engine/index.ts';

/**
 * Who sends each request, for the algorithms that route by client (flow hash, sticky sessions):
 * `size` clients active at once, each for a run of requests whose length is geometric with mean
 * `meanRequests` (a keep-alive connection's requests, a browser session's). Each request comes
 * from one of the active clients drawn uniformly, so their requests interleave as concurrent
 * clients' do. When a client's run ends, a new client takes its slot at its next request.
 *
 * Requests in fleetsim carry no client, so the population is a model of the traffic, not read
 * from it: O(1) and one or two uniforms per request.
 */
export class ClientPopulation {
  /** Requests left in each slot's run; 0: the next request in the slot starts a new client. */
  private readonly left: Int32Array;
  /** log(1 - p), p = 1 / meanRequests: the geometric draw's denominator (-Infinity when every run is 1). */
  private readonly logStay: number;
  /** Whether the last next() started a new client in its slot. */
  fresh = false;

  constructor(
    readonly size: number,
    readonly meanRequests: number,
    private readonly uniform: Uniform,
  ) {
    if (!(Number.isInteger(size) && size >= 1)) throw new RangeError(`clients must be a positive integer, got ${size}`);
    if (!(meanRequests >= 1)) throw new RangeError(`mean requests per client must be at least 1, got ${meanRequests}`);
    this.left = new Int32Array(size);
    this.logStay = Math.log1p(-1 / meanRequests);
  }

  /** The slot of the client that sends the next request; sets `fresh`. */
  next(): number {
    const slot = Math.floor(this.uniform() * this.size);
    this.fresh = this.left[slot] === 0;
    if (this.fresh) this.left[slot] = this.runLength();
    this.left[slot]--;
    return slot;
  }

  /** Geometric on 1, 2, ... with mean meanRequests, by inversion. */
  private runLength(): number {
    const k = 1 + Math.floor(Math.log1p(-this.uniform()) / this.logStay);
    return k < 0x7fffffff ? k : 0x7fffffff;
  }
}
