import type { Target } from '../target.ts';

/** Picks the target for one request. Called once per request: must not allocate. */
export interface RoutingAlgorithm {
  /** Index into `targets` (non-empty) of the target that gets the next request. */
  pick(targets: readonly Target[]): number;
}
