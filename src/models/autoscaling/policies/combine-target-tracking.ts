import type { TargetTrackingDecision } from './target-tracking.ts';

/** One target-tracking policy's say in a round: whether it may scale in, and what it decided. */
export interface TargetTrackingVote {
  readonly scaleInEnabled: boolean;
  readonly decision: TargetTrackingDecision | null;
}

/**
 * Several target-tracking policies on one group (aws-semantics.md section 2.1): scale out if any
 * policy wants to, to the largest capacity asked for; scale in only if every scale-in-enabled
 * policy wants to, and then to the largest of their capacities, the smallest scale-in.
 */
export function combineTargetTracking(votes: readonly TargetTrackingVote[]): TargetTrackingDecision | null {
  const outs = votes.flatMap((v) => (v.decision?.direction === 'out' ? [v.decision] : []));
  if (outs.length > 0) return largest(outs);
  const voters = votes.filter((v) => v.scaleInEnabled);
  const ins = voters.flatMap((v) => (v.decision?.direction === 'in' ? [v.decision] : []));
  return ins.length > 0 && ins.length === voters.length ? largest(ins) : null;
}

function largest(decisions: readonly TargetTrackingDecision[]): TargetTrackingDecision {
  return decisions.reduce((best, d) => (d.desiredCapacity > best.desiredCapacity ? d : best));
}
