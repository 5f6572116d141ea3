/**
 * Instance lifecycle states, in AWS's words (aws-semantics.md section 1.11). fleetsim uses the
 * minimal model of that section plus the warm-pool states it needs.
 */
export type LifecycleState =
  | 'Pending'
  | 'Pending:Wait'
  | 'Pending:Proceed'
  | 'InService'
  | 'Terminating'
  | 'Terminating:Wait'
  | 'Terminating:Proceed'
  | 'Terminated'
  | 'EnteringStandby'
  | 'Standby'
  | 'Warmed:Pending'
  | 'Warmed:Pending:Wait'
  | 'Warmed:Pending:Proceed'
  | 'Warmed:Stopped'
  | 'Warmed:Running'
  | 'Warmed:Hibernated'
  | 'Warmed:Terminating'
  | 'Warmed:Terminated';

/** States in which an instance counts toward the group's capacity. */
export function countsAsCapacity(state: LifecycleState): boolean {
  return state === 'Pending' || state === 'Pending:Wait' || state === 'Pending:Proceed' || state === 'InService';
}

export function isPending(state: LifecycleState): boolean {
  return state === 'Pending' || state === 'Pending:Wait' || state === 'Pending:Proceed';
}

export function isTerminating(state: LifecycleState): boolean {
  return state === 'Terminating' || state === 'Terminating:Wait' || state === 'Terminating:Proceed';
}

/** In the warm pool, on the way in or ready (section 5). */
export function inWarmPool(state: LifecycleState): boolean {
  return state.startsWith('Warmed:') && state !== 'Warmed:Terminating' && state !== 'Warmed:Terminated';
}

/** Ready in the warm pool: initialised and stopped, running or hibernated. */
export function isWarmed(state: LifecycleState): boolean {
  return state === 'Warmed:Stopped' || state === 'Warmed:Running' || state === 'Warmed:Hibernated';
}
