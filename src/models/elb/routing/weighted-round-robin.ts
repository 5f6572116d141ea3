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
 * Stride scheduling: each client has a pass; the client with the smallest pass (the one that has
 * waited longest, on ties) gets the request and its pass grows by its stride, 1 / weight. The
 * targets at full share form one client of weight k (their number), served in a round-robin ring,
 * so the heap holds only the ramping targets: O(1) per pick when nothing ramps, O(log r) with r
 * ramping. Every pass stays within one stride after the last pick's, so after m picks a ramping
 * target's count is at most one request behind its share m w / W (W the sum of weights) and at
 * most (r + 1) w / W ahead of it. When a weight changes, the client's distance to the current
 * pass is rescaled to the new stride; a target that joins starts one stride ahead, behind every
 * client already waiting: at the back of the round, as in plain round robin.
 */
export class WeightedRoundRobin implements TrackingRoutingAlgorithm {
  private readonly weighted: WeightedTargets;
  private members = 0;
  /** Target.index of each position of the current set. */
  private memberIndex = new Int32Array(0);
  /** Positions at full share, in order, and the next one's place in the ring. */
  private ring = new Int32Array(0);
  private ringSize = 0;
  private ringNext = 0;
  /** The ring's pass, as one client of weight ringSize. */
  private ringPass = 0;
  /** Ramping targets: heap slot -> position, Target.index and stride. */
  private readonly heap = new PassHeap();
  private slotPosition = new Int32Array(0);
  private slotIndex = new Int32Array(0);
  private slotStride = new Float64Array(0);
  private slots = 0;
  /** The previous regroup's slotIndex, while a regroup reads it. */
  private oldSlotIndex = new Int32Array(0);
  /** The pass of the last pick: every pass is at or after it. */
  private virtualTime = 0;
  /** Each ramping target's pass, stamp and stride by Target.index while the set is rebuilt. */
  private savedPass = new Float64Array(0);
  private savedStamp = new Float64Array(0);
  private savedStride = new Float64Array(0);
  private wasRamping = new Uint8Array(0);

  constructor(clock: Clock, sources: readonly TargetWeights[] = []) {
    this.weighted = new WeightedTargets(clock, sources);
  }

  routableSetChanged(targets: readonly Target[], mode: RoutingMode): void {
    this.weighted.setChanged(targets, mode);
    const n = targets.length;
    if (this.memberIndex.length < n) {
      const cap = Math.max(n, 2 * this.memberIndex.length);
      this.memberIndex = new Int32Array(cap);
      this.ring = new Int32Array(cap);
    }
    for (let p = 0; p < n; p++) this.memberIndex[p] = targets[p].index;
    this.members = n;
    this.regroup();
  }

  pick(targets: readonly Target[]): number {
    if (targets.length !== this.members) {
      throw new Error(`weighted round_robin: pick over ${targets.length} targets, but the routable set last reported has ${this.members}`);
    }
    if (this.weighted.refreshIfDue()) this.regroup();
    const heap = this.heap;
    if (this.ringSize > 0 && (this.slots === 0 || this.ringPass <= heap.pass[heap.top()])) {
      this.virtualTime = this.ringPass;
      this.ringPass += 1 / this.ringSize;
      const p = this.ring[this.ringNext];
      if (++this.ringNext === this.ringSize) this.ringNext = 0;
      return p;
    }
    const slot = heap.top();
    this.virtualTime = heap.pass[slot];
    heap.advanceTop(this.slotStride[slot]);
    return this.slotPosition[slot];
  }

  /**
   * Sorts the positions into the ring (weight 1) and the heap (ramping), keeping each ramping
   * target's place with its distance to the virtual time rescaled to its new stride. O(n).
   */
  private regroup(): void {
    const heap = this.heap;
    const oldSlots = this.slots;
    for (let s = 0; s < oldSlots; s++) {
      const index = this.slotIndex[s];
      this.savedPass = fitIndex(this.savedPass, index, 0);
      this.savedStamp = fitIndex(this.savedStamp, index, 0);
      this.savedStride = fitIndex(this.savedStride, index, 0);
      this.wasRamping = fitIndex(this.wasRamping, index, 0);
      this.savedPass[index] = heap.pass[s];
      this.savedStamp[index] = heap.stamp[s];
      this.savedStride[index] = this.slotStride[s];
      this.wasRamping[index] = 1;
    }
    const oldSlotIndex = this.slotIndex;
    this.slotIndex = this.oldSlotIndex;
    this.oldSlotIndex = oldSlotIndex;

    const weights = this.weighted.weights;
    let slots = 0;
    for (let p = 0; p < this.members; p++) if (weights[p] < 1) slots++;
    heap.ensure(slots);
    if (this.slotPosition.length < slots) {
      const cap = Math.max(slots, 2 * this.slotPosition.length);
      this.slotPosition = new Int32Array(cap);
      this.slotStride = new Float64Array(cap);
    }
    if (this.slotIndex.length < slots) this.slotIndex = new Int32Array(this.slotPosition.length);

    const v = this.virtualTime;
    let ring = 0;
    slots = 0;
    for (let p = 0; p < this.members; p++) {
      const w = weights[p];
      if (w >= 1) {
        this.ring[ring++] = p;
        continue;
      }
      const index = this.memberIndex[p];
      const stride = 1 / w;
      if (index < this.wasRamping.length && this.wasRamping[index] === 1) {
        heap.pass[slots] = v + ((this.savedPass[index] - v) * stride) / this.savedStride[index];
        heap.stamp[slots] = this.savedStamp[index];
      } else {
        heap.pass[slots] = v + stride;
        heap.stamp[slots] = ++heap.lastStamp;
      }
      this.slotPosition[slots] = p;
      this.slotIndex[slots] = index;
      this.slotStride[slots] = stride;
      slots++;
    }
    for (let s = 0; s < oldSlots; s++) this.wasRamping[oldSlotIndex[s]] = 0;
    this.slots = slots;
    heap.build(slots);

    // The ring is one client of weight `ring`: rescale its distance, or start it at the back.
    if (ring > 0) this.ringPass = this.ringSize > 0 ? v + ((this.ringPass - v) * this.ringSize) / ring : v + 1 / ring;
    this.ringSize = ring;
    if (this.ringNext >= ring) this.ringNext = 0;
  }
}
