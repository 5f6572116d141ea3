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
  | 'Terminated';

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

/** EC2-style id for activity records: i-00000000000000001. */
export function instanceId(index: number): string {
  return `i-${index.toString(16).padStart(17, '0')}`;
}
