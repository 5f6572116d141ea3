import type { RoutingMode } from '../health/fail-open.ts';
import type { Target } from '../target.ts';
import type { RoutingAlgorithm } from './routing-algorithm.ts';

/** The simulated clock, read by the algorithms whose behaviour changes with time (the engine's Simulator is one). */
export interface Clock {
  readonly now: number;
}

/**
 * Told whenever the set of targets a load balancer routes to changes: a registration, a
 * deregistration, a health transition, the group failing open or closing again. `targets` is the
 * array that every later pick receives, in the same order, until the next call. Never per request.
 */
export interface RoutableSetListener {
  routableSetChanged(targets: readonly Target[], mode: RoutingMode): void;
}

/** Told after a target's `outstanding` count changed (a request accepted, completed, failed or timed out). */
export interface OutstandingListener {
  outstandingChanged(target: Target): void;
}

/** Told how each request routed to a target ended; `failed` is an HTTP 5xx or a TCP/TLS error from the target. */
export interface RequestOutcomeListener {
  requestEnded(target: Target, failed: boolean): void;
}

/** A routing algorithm that keeps state about the routable set between picks. */
export interface TrackingRoutingAlgorithm extends RoutingAlgorithm, RoutableSetListener {}

export function tracksRoutableSet(algorithm: RoutingAlgorithm): algorithm is TrackingRoutingAlgorithm {
  return typeof (algorithm as Partial<TrackingRoutingAlgorithm>).routableSetChanged === 'function';
}
