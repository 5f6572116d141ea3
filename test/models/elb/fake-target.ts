import { RandomStreams, type Uniform } from '../../../src/engine/index.ts';
import type { Target } from '../../../src/models/elb/target.ts';
import type { Clock } from '../../../src/models/elb/routing/routing-hooks.ts';
import type { TargetWeights } from '../../../src/models/elb/routing/target-weights.ts';

/** A target that only counts: what it was given and what it still holds. */
export class FakeTarget implements Target {
  outstanding = 0;
  accepted = 0;

  constructor(
    readonly index: number,
    readonly availabilityZone = 'us-east-1a',
  ) {}

  accept(): void {
    this.outstanding++;
    this.accepted++;
  }
}

/** `n` targets with indices offset.., all in one zone. */
export function fakeTargets(n: number, offset = 0): FakeTarget[] {
  return Array.from({ length: n }, (_, i) => new FakeTarget(offset + i));
}

export function uniformFor(seed: number, name = 'test'): Uniform {
  return new RandomStreams(seed).stream(name);
}

export class ManualClock implements Clock {
  constructor(public now = 0) {}
}

/** Weights set by the test, by Target.index; they never change on their own. */
export class FixedWeights implements TargetWeights {
  constructor(readonly byIndex: number[]) {}
  routableSetChanged(): void {}
  weight(target: Target): number {
    return this.byIndex[target.index];
  }
  nextChange(): number {
    return Infinity;
  }
}
