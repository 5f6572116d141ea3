import type { Uniform } from '../../../engine/index.ts';
import type { Target } from '../target.ts';
import type { OutstandingListener, TrackingRoutingAlgorithm } from './routing-hooks.ts';
import { TargetPositions } from './target-positions.ts';

/**
 * ALB's least_outstanding_requests (aws-semantics.md 7.4): each request goes to a target with the
 * fewest requests in flight (Target.outstanding). Exact, like AWS's; ties are broken uniformly at
 * random ([INFERRED]: AWS does not say how it breaks ties; a fixed order would favour the first
 * targets whenever several are idle).
 *
 * O(1) per pick and per change of a count, whatever the number of targets: the positions are kept
 * sorted by count in one array, each count's positions in a contiguous bucket. A count moves by
 * one at a time (a request in or out), which moves its position across one bucket boundary with
 * a single swap. A target whose count jumps by k (a crash fails all its requests at once) costs
 * k swaps, paid for by the k requests it lost. The minimum is the bucket at the front.
 *
 * Needs to be told every change of a target's count (outstandingChanged) and of the routable set.
 * Slow start cannot be combined with it (7.3).
 */
export class LeastOutstandingRequests implements TrackingRoutingAlgorithm, OutstandingListener {
  private readonly positions = new TargetPositions();
  /** Positions of the routable array, sorted by count. */
  private order = new Int32Array(0);
  /** Where each position sits in `order`. */
  private place = new Int32Array(0);
  /** Each position's count as last told. */
  private count = new Int32Array(0);
  /**
   * bucketStart[k]: the first place in `order` whose count is at least k; equal to the set's size
   * for every k above the largest count. Bucket k is [bucketStart[k], bucketStart[k + 1]).
   */
  private bucketStart = new Int32Array(16);

  constructor(private readonly uniform: Uniform) {}

  routableSetChanged(targets: readonly Target[]): void {
    const n = targets.length;
    this.positions.reset(targets);
    if (this.order.length < n) {
      const cap = Math.max(n, 2 * this.order.length);
      this.order = new Int32Array(cap);
      this.place = new Int32Array(cap);
      this.count = new Int32Array(cap);
    }
    // Counting sort of the positions by their current counts.
    let max = 0;
    for (let p = 0; p < n; p++) {
      const c = targets[p].outstanding;
      this.count[p] = c;
      if (c > max) max = c;
    }
    if (this.bucketStart.length < max + 2) this.bucketStart = new Int32Array(2 * (max + 2));
    const start = this.bucketStart;
    start.fill(0);
    for (let p = 0; p < n; p++) start[this.count[p] + 1]++;
    for (let k = 1; k < start.length; k++) start[k] += start[k - 1];
    // start[k] now counts positions below k; place each position at its bucket's next free place.
    const next = start.slice(0, max + 1);
    for (let p = 0; p < n; p++) {
      const at = next[this.count[p]]++;
      this.order[at] = p;
      this.place[p] = at;
    }
  }

  outstandingChanged(target: Target): void {
    const p = this.positions.ofIndex(target.index);
    if (p < 0) return; // draining or unhealthy: its requests still finish, but it takes no new ones
    const to = target.outstanding;
    let c = this.count[p];
    while (c < to) this.moveUp(p, c++);
    while (c > to) this.moveDown(p, c--);
    this.count[p] = to;
  }

  pick(targets: readonly Target[]): number {
    if (targets.length !== this.positions.size) {
      throw new Error(`least_outstanding_requests: pick over ${targets.length} targets, but the routable set last reported has ${this.positions.size}`);
    }
    const order = this.order;
    const ties = this.bucketStart[this.count[order[0]] + 1];
    return ties === 1 ? order[0] : order[Math.floor(this.uniform() * ties)];
  }

  /** Position p goes from count c to c + 1: swap it to the last place of bucket c, which then joins bucket c + 1. */
  private moveUp(p: number, c: number): void {
    if (c + 2 >= this.bucketStart.length) this.growBuckets();
    const last = --this.bucketStart[c + 1];
    this.swapPlaces(this.place[p], last);
  }

  /** Position p goes from count c to c - 1: swap it to the first place of bucket c, which then joins bucket c - 1. */
  private moveDown(p: number, c: number): void {
    const first = this.bucketStart[c]++;
    this.swapPlaces(this.place[p], first);
  }

  private swapPlaces(a: number, b: number): void {
    const order = this.order;
    const pa = order[a];
    const pb = order[b];
    order[a] = pb;
    order[b] = pa;
    this.place[pb] = a;
    this.place[pa] = b;
  }

  /** A count passed every earlier high: double the boundaries (amortised, like a queue's ring). */
  private growBuckets(): void {
    const old = this.bucketStart;
    const grown = new Int32Array(2 * old.length);
    grown.fill(this.positions.size);
    grown.set(old);
    this.bucketStart = grown;
  }
}
