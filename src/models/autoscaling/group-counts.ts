import { countsAsCapacity, inWarmPool, isPending, isTerminating, type LifecycleState } from './lifecycle.ts';

/** What the counts read of a member. */
export interface CountedMember {
  readonly state: LifecycleState;
  /** Index of its AZ in the group's list. */
  readonly zone: number;
  /** Where it is headed; terminating with 'returning', it goes back into the warm pool (reuse on scale-in). */
  readonly phase: string;
  /** Until then an InService member is left out of the group's metrics. */
  readonly warmupEndsAt: number;
  /** Counted in `warmingInService` now. */
  inWarmup: boolean;
}

/**
 * The group's members counted by state, kept as they change (GroupCounts.move at each lifecycle
 * transition), so that what policies, the sampler and each launch read costs O(1) or O(AZs)
 * however large the group is.
 */
export class GroupCounts {
  /** Pending or InService: the group's current capacity. */
  capacity = 0;
  pending = 0;
  terminating = 0;
  /** In the warm pool, ready or on the way in, and scaled-in ones returning to it. */
  warmPool = 0;
  /** Pending, or Terminating before its drain ends: a scaling activity in progress (section 1.5). */
  activity = 0;
  readonly inServiceByZone: number[];
  readonly capacityByZone: number[];
  /** Capacity and warm pool by AZ: where a launch goes. */
  readonly placedByZone: number[];
  /** InService members inside their warmup. */
  private warmupCount = 0;
  /** Members whose warmup ends, in the order they end (every warmup has the same length). */
  private warmups: { member: CountedMember; end: number }[] = [];
  private warmupHead = 0;

  constructor(zones: number) {
    this.inServiceByZone = new Array<number>(zones).fill(0);
    this.capacityByZone = new Array<number>(zones).fill(0);
    this.placedByZone = new Array<number>(zones).fill(0);
  }

  /** A new member, in its first state. */
  enter(m: CountedMember): void {
    this.add(m.state, m.phase === 'returning', m.zone, 1);
  }

  /** Moves a member's contribution from what it was (`before`) to what it is now. */
  move(m: CountedMember, before: LifecycleState, phaseBefore: string): void {
    this.add(before, phaseBefore === 'returning', m.zone, -1);
    this.add(m.state, m.phase === 'returning', m.zone, 1);
    if (before === 'InService' && m.inWarmup) {
      m.inWarmup = false;
      this.warmupCount--;
    }
  }

  /** The member went InService with a warmup that ends later. */
  startWarmup(m: CountedMember): void {
    m.inWarmup = true;
    this.warmupCount++;
    this.warmups.push({ member: m, end: m.warmupEndsAt });
  }

  /** InService members still inside their warmup at `now` (which never goes back). */
  warmingInService(now: number): number {
    const queue = this.warmups;
    while (this.warmupHead < queue.length && queue[this.warmupHead].end <= now) {
      const { member, end } = queue[this.warmupHead++];
      if (member.inWarmup && member.warmupEndsAt === end) {
        member.inWarmup = false;
        this.warmupCount--;
      }
    }
    if (this.warmupHead > 1024 && 2 * this.warmupHead > queue.length) {
      this.warmups = queue.slice(this.warmupHead);
      this.warmupHead = 0;
    }
    return this.warmupCount;
  }

  private add(state: LifecycleState, returning: boolean, zone: number, sign: 1 | -1): void {
    if (countsAsCapacity(state)) {
      this.capacity += sign;
      this.capacityByZone[zone] += sign;
      this.placedByZone[zone] += sign;
    }
    if (isPending(state)) {
      this.pending += sign;
      this.activity += sign;
    }
    if (state === 'InService') this.inServiceByZone[zone] += sign;
    if (state === 'Terminating') this.activity += sign;
    if (isTerminating(state)) {
      this.terminating += sign;
      if (returning) this.warmPool += sign;
    }
    if (inWarmPool(state)) {
      this.warmPool += sign;
      this.placedByZone[zone] += sign;
    }
  }
}
