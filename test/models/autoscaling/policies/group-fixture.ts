import type { GroupState } from '../../../../src/models/autoscaling/group-state.ts';

/** A steady group: 10 in service, nothing warming, terminating or in progress. */
export function groupState(overrides: Partial<GroupState> = {}): GroupState {
  return {
    now: 0,
    minSize: 1,
    maxSize: 100,
    desiredCapacity: 10,
    currentCapacity: 10,
    warmingCapacity: 0,
    terminatingCapacity: 0,
    activityInProgress: false,
    lastActivityCompletedAt: -Infinity,
    ...overrides,
  };
}
