import type { Simulator } from '../../engine/index.ts';
import type { AutoScalingGroup } from './group.ts';
import { parseRecurrence, type CronSchedule } from './schedule/cron.ts';
import { nextCronTime } from './schedule/next-cron-time.ts';

export interface ScheduledActionConfig {
  readonly name: string;
  /** Five-field cron expression; absent for a one-off action. */
  readonly recurrence?: string;
  /** IANA zone the recurrence is read in (aws-semantics.md section 3.4: UTC by default). */
  readonly timeZone: string;
  /** Epoch ms: a one-off action's time, or when a recurrence starts. */
  readonly startTime?: number;
  /** Epoch ms after which a recurrence stops. */
  readonly endTime?: number;
  readonly minSize?: number;
  readonly maxSize?: number;
  readonly desiredCapacity?: number;
}

/**
 * Runs scheduled actions on the group at their wall-clock times (section 3.4). The run's simulated
 * time 0 is the scenario's `start` instant. Actions run on time: AWS may run them up to 2 minutes
 * late, which fleetsim does not model. They ignore cooldowns, as AWS's do.
 */
export class ScheduledActions {
  /** Actions run. */
  activities = 0;
  private readonly kind: number;
  private readonly schedules: (CronSchedule | undefined)[];

  constructor(
    private readonly sim: Simulator,
    private readonly group: AutoScalingGroup,
    private readonly actions: readonly ScheduledActionConfig[],
    /** Epoch ms of simulated time 0. */
    private readonly startEpochMs: number,
  ) {
    this.schedules = actions.map((a) => (a.recurrence ? parseRecurrence(a.recurrence) : undefined));
    this.kind = sim.register((i) => this.fire(i));
  }

  start(): void {
    this.actions.forEach((a, i) => {
      const first = this.schedules[i]
        ? nextCronTime(this.schedules[i]!, Math.max(this.startEpochMs, a.startTime ?? -Infinity) - 1, a.timeZone)
        : (a.startTime ?? NaN);
      this.scheduleAt(i, first);
    });
  }

  private scheduleAt(i: number, epochMs: number): void {
    const a = this.actions[i];
    if (!Number.isFinite(epochMs) || epochMs < this.startEpochMs) return;
    if (a.endTime !== undefined && epochMs > a.endTime) return;
    this.sim.schedule((epochMs - this.startEpochMs) / 1000, this.kind, i);
  }

  private fire(i: number): void {
    const a = this.actions[i];
    this.activities++;
    const set = [
      a.minSize !== undefined ? `min ${a.minSize}` : '',
      a.maxSize !== undefined ? `max ${a.maxSize}` : '',
      a.desiredCapacity !== undefined ? `desired ${a.desiredCapacity}` : '',
    ].filter(Boolean);
    this.group.setLimits(
      { min: a.minSize, max: a.maxSize, desired: a.desiredCapacity },
      `scheduled action ${a.name}${a.recurrence ? ` (${a.recurrence} ${a.timeZone})` : ''}: ${set.join(', ')}`,
    );
    const schedule = this.schedules[i];
    if (schedule) {
      // Round: seconds back to ms can land a hair before the instant that just fired.
      const nowMs = Math.round(this.startEpochMs + this.sim.now * 1000);
      this.scheduleAt(i, nextCronTime(schedule, nowMs, a.timeZone));
    }
  }
}
