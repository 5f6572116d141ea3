import type { Uniform } from '../../../engine/index.ts';
import type { Target } from '../target.ts';
import type { RoutingAlgorithm } from './routing-algorithm.ts';

/**
 * Uniformly random target. Not an AWS algorithm: it splits a Poisson stream into independent
 * Poisson streams, which makes each instance an exact M/G/c queue for analytic checks.
 */
export class RandomRouting implements RoutingAlgorithm {
  constructor(private readonly uniform: Uniform) {}

  pick(targets: readonly Target[]): number {
    return Math.floor(this.uniform() * targets.length);
  }
}
