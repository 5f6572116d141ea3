import type { Target } from '../target.ts';
import { fitIndex } from './per-target-arrays.ts';

/**
 * Where each target sits in the routable array a load balancer passes to pick(): the answer to
 * "which index do I return for this target" in O(1), by Target.index, with no Map.
 */
export class TargetPositions {
  private position = new Int32Array(0);
  /** Target.index of each position of the current set, to clear them at the next reset. */
  private members = new Int32Array(0);
  private count = 0;

  /** Forgets the previous set and records `targets`, position i for targets[i]. O(previous + new). */
  reset(targets: readonly Target[]): void {
    for (let i = 0; i < this.count; i++) this.position[this.members[i]] = -1;
    if (this.members.length < targets.length) this.members = new Int32Array(Math.max(targets.length, 2 * this.members.length));
    for (let i = 0; i < targets.length; i++) {
      const index = targets[i].index;
      this.position = fitIndex(this.position, index, -1);
      this.position[index] = i;
      this.members[i] = index;
    }
    this.count = targets.length;
  }

  /** Targets in the current set. */
  get size(): number {
    return this.count;
  }

  /** Position of the target with Target.index `index`, or -1 if it is not in the set. */
  ofIndex(index: number): number {
    return index < this.position.length ? this.position[index] : -1;
  }
}
