import type { RoutingAlgorithm } from './routing/routing-algorithm.ts';
import type { Target } from './target.ts';

/** Spreads requests over its registered targets with one routing algorithm. */
export class LoadBalancer {
  private readonly targets: Target[] = [];

  constructor(private readonly algorithm: RoutingAlgorithm) {}

  register(target: Target): void {
    this.targets.push(target);
  }

  get targetCount(): number {
    return this.targets.length;
  }

  route(requestId: number): void {
    const targets = this.targets;
    targets[this.algorithm.pick(targets)].accept(requestId);
  }
}
