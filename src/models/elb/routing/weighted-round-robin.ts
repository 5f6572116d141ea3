import type { RoutingMode } from '../health/fail-open.ts';
import type { Target } from '../target.ts';
import { PassHeap } from './pass-heap.ts';
import { fitIndex } from './per-target-arrays.ts';
import type { Clock, TrackingRoutingAlgorithm } from './routing-hooks.ts';
import { WeightedTargets, type TargetWeights } from './target-weights.ts';

/**
 * ALB's round_robin when targets do not all weigh the same: with slow start (aws-semantics.md 7.3)
 * a ramping target gets its weight's share of the turns. Plain round_robin (round-robin.ts) stays
 * the algorithm without slow start; with every weight 1 this one hands out the same turns in the
 * same order.
 *
 * Stride scheduling: each target has a pass; the target with the smallest pass (the one that has
 * waited longest, on ties) gets the request and its pass grows by its stride, 1 / weight. Every
 * pass stays within one stride after the last pick's, so after k picks a target's count is at
 * most one request behind its share k w / W and at most n w / W ahead of it (n targets, W the sum
 * of weights). O(log n) per pick (a heap). When a weight changes, the target's distance to the
 * current pass is rescaled to the new stride; a target that joins starts one stride ahead, behind
 * every target already waiting: at the back of the round, as in plain round robin.
 */
export class WeightedRoundRobin implements TrackingRoutingAlgorithm {
  private readonly weighted: WeightedTargets;
  private readonly heap = new PassHeap();
  /** 1 / weight of each position. */
  private stride = new Float64Array(0);
  /** Target.index of each position of the current set. */
  private memberIndex = new Int32Array(0);
  private members = 0;
  /** The pass of the last pick: every pass in the set is at or after it. */
  private virtualTime = 0;
  /** Pass, stamp and stride of the previous set's targets, by Target.index, while the set changes. */
  private savedPass = new Float64Array(0);
  private savedStamp = new Float64Array(0);
  private savedStride = new Float64Array(0);
  private wasMember = new Uint8Array(0);

  constructor(clock: Clock, sources: readonly TargetWeights[] = []) {
    this.weighted = new WeightedTargets(clock, sources);
  }

  routableSetChanged(targets: readonly Target[], mode: RoutingMode): void {
    const oldMembers = this.memberIndex;
    const oldCount = this.members;
    for (let p = 0; p < oldCount; p++) {
      const index = oldMembers[p];
      this.savedPass = fitIndex(this.savedPass, index, 0);
      this.savedStamp = fitIndex(this.savedStamp, index, 0);
      this.savedStride = fitIndex(this.savedStride, index, 0);
      this.wasMember = fitIndex(this.wasMember, index, 0);
      this.savedPass[index] = this.heap.pass[p];
      this.savedStamp[index] = this.heap.stamp[p];
      this.savedStride[index] = this.stride[p];
      this.wasMember[index] = 1;
    }
    this.weighted.setChanged(targets, mode);
    const n = targets.length;
    this.heap.ensure(n);
    if (this.stride.length < n) {
      this.stride = new Float64Array(Math.max(n, 2 * this.stride.length));
      this.memberIndex = new Int32Array(this.stride.length);
    }
    const v = this.virtualTime;
    const { heap } = this;
    for (let p = 0; p < n; p++) {
      const index = targets[p].index;
      const stride = 1 / this.weighted.weights[p];
      if (index < this.wasMember.length && this.wasMember[index] === 1) {
        heap.pass[p] = v + ((this.savedPass[index] - v) * stride) / this.savedStride[index];
        heap.stamp[p] = this.savedStamp[index];
      } else {
        heap.pass[p] = v + stride;
        heap.stamp[p] = ++heap.lastStamp;
      }
      this.stride[p] = stride;
    }
    for (let p = 0; p < oldCount; p++) this.wasMember[oldMembers[p]] = 0;
    for (let p = 0; p < n; p++) this.memberIndex[p] = targets[p].index;
    this.members = n;
    this.heap.build(n);
  }

  pick(targets: readonly Target[]): number {
    if (targets.length !== this.members) {
      throw new Error(`weighted round_robin: pick over ${targets.length} targets, but the routable set last reported has ${this.members}`);
    }
    if (this.weighted.refreshIfDue()) this.reweigh();
    const heap = this.heap;
    const p = heap.top();
    this.virtualTime = heap.pass[p];
    heap.advanceTop(this.stride[p]);
    return p;
  }

  /** Weights changed with time: rescale each target's distance to the virtual time to its new stride. */
  private reweigh(): void {
    const v = this.virtualTime;
    const { weights } = this.weighted;
    const pass = this.heap.pass;
    for (let p = 0; p < this.members; p++) {
      const stride = 1 / weights[p];
      if (stride !== this.stride[p]) {
        pass[p] = v + ((pass[p] - v) * stride) / this.stride[p];
        this.stride[p] = stride;
      }
    }
    this.heap.build(this.members);
  }
}
