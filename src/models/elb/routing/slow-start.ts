import type { RoutingMode } from '../health/fail-open.ts';
import type { Target } from '../target.ts';
import { fitIndex } from './per-target-arrays.ts';
import type { Clock } from './routing-hooks.ts';
import type { TargetWeights } from './target-weights.ts';

/** slow_start.duration_seconds when on: [30, 900] s; 0 (the default) is off (aws-semantics.md 7.3). */
const SLOW_START_DURATION_RANGE = [30, 900] as const;

/**
 * [INFERRED] How often a ramping weight is recomputed, seconds. AWS ramps "linearly"; a 1 s step
 * is at most 1/30 of the shortest ramp, and the weight used over a step is the one at its start.
 */
const REFRESH_SECONDS = 1;

export interface SlowStartOptions {
  /** slow_start.duration_seconds, in SLOW_START_DURATION_RANGE. */
  readonly durationSeconds: number;
}

/** Problems with a slow-start setting for a target group routing with `algorithm` (load_balancing.algorithm.type). */
export function slowStartErrors(durationSeconds: number, algorithm: string): string[] {
  if (durationSeconds === 0) return [];
  const [min, max] = SLOW_START_DURATION_RANGE;
  const errors: string[] = [];
  if (!(durationSeconds >= min && durationSeconds <= max)) errors.push(`slow_start.duration_seconds must be 0 or in [${min}, ${max}], got ${durationSeconds}`);
  if (algorithm === 'least_outstanding_requests') errors.push('slow start cannot be combined with least_outstanding_requests (aws-semantics.md 7.3)');
  return errors;
}

/**
 * ALB slow start (aws-semantics.md 7.3): a target that becomes healthy ramps linearly from no
 * traffic to its full share over slow_start.duration_seconds; its weight at time t is
 * (t - ramp start) / duration, up to 1. For weighted round robin and weighted random.
 *
 * Who enters, from the ALB guide's considerations:
 * - a target enters when it becomes healthy, only if at least one healthy target outside slow
 *   start remains; targets registered into an empty group "in one registration operation" do not
 *   enter. [INFERRED] fleetsim registers one target at a time, so "is there a healthy target
 *   outside slow start" is asked at registration (targetRegistered) and again when the target
 *   becomes healthy: a group's first targets never ramp, however their first checks are staggered;
 * - targets already healthy when slow start is turned on do not enter;
 * - a target that goes unhealthy (or is deregistered) leaves slow start; when healthy again it
 *   enters again, under the same condition.
 * Targets that become healthy together count one another as outside slow start only if they do
 * not enter it themselves, so the order in which they are listed does not matter.
 */
export class SlowStart implements TargetWeights {
  readonly durationSeconds: number;
  /** When each target's ramp began, by Target.index; NaN when it is not ramping. */
  private rampStart = new Float64Array(0);
  /** 1: the target will enter slow start when it next becomes healthy (if the condition holds then). */
  private eligible = new Uint8Array(0);
  /** 1: in the healthy set last reported. */
  private healthy = new Uint8Array(0);
  private readonly healthyMembers: Target[] = [];
  /** Scratch flags for a set change: 1 for the targets of the new healthy set. */
  private inNew = new Uint8Array(0);

  constructor(
    private readonly clock: Clock,
    options: SlowStartOptions,
  ) {
    const [min, max] = SLOW_START_DURATION_RANGE;
    if (!(options.durationSeconds >= min && options.durationSeconds <= max)) {
      throw new RangeError(`slow start duration must be in [${min}, ${max}] s, got ${options.durationSeconds}`);
    }
    this.durationSeconds = options.durationSeconds;
  }

  /** A target was registered: it will ramp when healthy only if the group already has a healthy target at full share. */
  targetRegistered(target: Target): void {
    const index = target.index;
    this.fit(index);
    this.rampStart[index] = NaN;
    this.eligible[index] = this.countFullShare(this.clock.now) > 0 ? 1 : 0;
  }

  routableSetChanged(targets: readonly Target[], mode: RoutingMode): void {
    const now = this.clock.now;
    // Failing open, the routable targets are not healthy: nobody is.
    const healthyNow = mode === 'healthy' ? targets : [];
    for (const t of healthyNow) {
      this.fit(t.index);
      this.inNew[t.index] = 1;
    }
    for (const t of this.healthyMembers) {
      const i = t.index;
      if (this.inNew[i] === 1) continue;
      this.healthy[i] = 0;
      this.rampStart[i] = NaN;
      this.eligible[i] = 1;
    }
    let anchors = 0;
    for (const t of healthyNow) {
      const i = t.index;
      if (this.healthy[i] === 1 ? !this.ramping(i, now) : this.eligible[i] === 0) anchors++;
    }
    for (const t of healthyNow) {
      const i = t.index;
      if (this.healthy[i] === 0) {
        if (this.eligible[i] === 1 && anchors > 0) this.rampStart[i] = now;
        this.eligible[i] = 0;
        this.healthy[i] = 1;
      }
      this.inNew[i] = 0;
    }
    this.healthyMembers.length = 0;
    for (const t of healthyNow) this.healthyMembers.push(t);
  }

  weight(target: Target, now: number): number {
    const i = target.index;
    if (i >= this.rampStart.length) return 1;
    const start = this.rampStart[i];
    if (!(start <= now)) return 1; // NaN: not ramping
    const f = (now - start) / this.durationSeconds;
    return f < 1 ? f : 1;
  }

  inSlowStart(target: Target, now: number): boolean {
    return target.index < this.rampStart.length && this.ramping(target.index, now);
  }

  /** The next refresh step while some target ramps, or the end of the ramp if that comes first. */
  nextChange(now: number): number {
    let next = Infinity;
    const members = this.healthyMembers;
    for (let k = 0; k < members.length; k++) {
      const i = members[k].index;
      if (this.ramping(i, now)) next = Math.min(next, now + REFRESH_SECONDS, this.rampStart[i] + this.durationSeconds);
    }
    return next;
  }

  private ramping(index: number, now: number): boolean {
    return now - this.rampStart[index] < this.durationSeconds; // false for NaN
  }

  private countFullShare(now: number): number {
    let n = 0;
    for (const t of this.healthyMembers) if (!this.ramping(t.index, now)) n++;
    return n;
  }

  private fit(index: number): void {
    this.rampStart = fitIndex(this.rampStart, index, NaN);
    this.eligible = fitIndex(this.eligible, index, 0);
    this.healthy = fitIndex(this.healthy, index, 0);
    this.inNew = fitIndex(this.inNew, index, 0);
  }
}
