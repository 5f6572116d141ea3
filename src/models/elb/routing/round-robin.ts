import type { Target } from '../target.ts';
import type { RoutingAlgorithm } from './routing-algorithm.ts';

/** ALB's default: each target in turn (aws-semantics.md 7.4). */
export class RoundRobin implements RoutingAlgorithm {
  private next = 0;

  pick(targets: readonly Target[]): number {
    if (this.next >= targets.length) this.next = 0;
    return this.next++;
  }
}
