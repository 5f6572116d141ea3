import type { Uniform } from '../../engine/index.ts';

/** Predefined termination policies (aws-semantics.md section 1.6). */
export const TERMINATION_POLICIES = [
  'Default',
  'OldestInstance',
  'NewestInstance',
  'OldestLaunchTemplate',
  'OldestLaunchConfiguration',
  'ClosestToNextInstanceHour',
  'AllocationStrategy',
] as const;
export type TerminationPolicy = (typeof TERMINATION_POLICIES)[number];

/** What the choice reads of a scale-in candidate. */
export interface TerminationCandidate {
  readonly availabilityZone: string;
  /** When the instance was launched (simulated seconds), for age and billing-hour policies. */
  readonly launchedAt: number;
  readonly protectedFromScaleIn: boolean;
}

/**
 * Picks the instance to terminate on scale-in (aws-semantics.md section 1.6): AZ balance first (the
 * AZ with the most instances that still has an unprotected one), then the policies in order, each
 * narrowing the candidates, then a random tie-break. fleetsim runs one launch template and one
 * instance type per group, so OldestLaunchTemplate, OldestLaunchConfiguration and AllocationStrategy
 * never tell instances apart and pass every candidate on. Returns -1 when all are protected.
 */
export function chooseInstanceToTerminate<T extends TerminationCandidate>(
  members: readonly T[],
  policies: readonly TerminationPolicy[],
  now: number,
  uniform: Uniform,
): number {
  const byAz = new Map<string, number[]>();
  members.forEach((m, i) => {
    const list = byAz.get(m.availabilityZone) ?? [];
    list.push(i);
    byAz.set(m.availabilityZone, list);
  });
  let busiest: number[] | undefined;
  for (const list of byAz.values()) {
    if (!list.some((i) => !members[i].protectedFromScaleIn)) continue;
    if (!busiest || list.length > busiest.length) busiest = list;
  }
  if (!busiest) return -1;
  const balanced = [...byAz.values()].every((l) => l.length === busiest!.length);
  let candidates = (balanced ? members.map((_, i) => i) : busiest).filter((i) => !members[i].protectedFromScaleIn);
  const chain: readonly TerminationPolicy[] = policies.includes('Default') ? policies : [...policies, 'Default'];
  for (const policy of chain) {
    candidates = narrow(candidates, members, policy, now);
    if (candidates.length === 1) return candidates[0];
  }
  return candidates[Math.floor(uniform() * candidates.length)];
}

function narrow<T extends TerminationCandidate>(candidates: number[], members: readonly T[], policy: TerminationPolicy, now: number): number[] {
  const keepBest = (score: (m: T) => number) => {
    const best = Math.max(...candidates.map((i) => score(members[i])));
    return candidates.filter((i) => score(members[i]) === best);
  };
  switch (policy) {
    case 'OldestInstance':
      return keepBest((m) => -m.launchedAt);
    case 'NewestInstance':
      return keepBest((m) => m.launchedAt);
    case 'Default':
    case 'ClosestToNextInstanceHour':
      // The instance that has run longest into its current billing hour.
      return keepBest((m) => (now - m.launchedAt) % 3600);
    case 'OldestLaunchTemplate':
    case 'OldestLaunchConfiguration':
    case 'AllocationStrategy':
      return candidates;
  }
}

/** The AZ a new instance goes to: the one with the fewest instances, in list order on ties (section 1.2). */
export function chooseAvailabilityZoneForLaunch(zones: readonly string[], countIn: (az: string) => number): string {
  let best = zones[0];
  for (const az of zones) if (countIn(az) < countIn(best)) best = az;
  return best;
}
