import type { GroupState } from '../group-state.ts';

export type ScalingDirection = 'out' | 'in';

/**
 * The desired capacity a policy sets to move the group toward `target`, clamped to [min, max]
 * (aws-semantics.md section 1.1), or null if that would not move desired capacity the policy's way.
 * Comparing with desired capacity, not current, is what lets a breach that recurs while capacity is
 * still arriving add nothing: AWS's step example "the desired capacity of the group is already 11
 * instances, so AWS does not increase the desired capacity further" (ASG-UG:as-scaling-simple-step).
 */
export function nextDesiredCapacity(direction: ScalingDirection, target: number, group: GroupState): number | null {
  const clamped = Math.min(group.maxSize, Math.max(group.minSize, target));
  const moves = direction === 'out' ? clamped > group.desiredCapacity : clamped < group.desiredCapacity;
  return moves ? clamped : null;
}
