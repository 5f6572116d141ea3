import type { Simulator } from '../../engine/index.ts';
import type { ActivityLog } from '../telemetry/activity-log.ts';
import type { AutoScalingGroup, GroupMember } from './group.ts';
import type { LifecycleActionResult, LifecycleHookConfig } from './lifecycle-hooks.ts';
import { countsAsCapacity } from './lifecycle.ts';

/** An operator's call to the Auto Scaling API at a simulated time, by AWS's action names. */
export type ManualActionConfig =
  /** SetDesiredCapacity: within the group's min and max, or AWS refuses it (ValidationError). */
  | { readonly type: 'set_desired_capacity'; readonly at: number; readonly desiredCapacity: number }
  /**
   * TerminateInstanceInAutoScalingGroup: the named instance is terminated whatever its scale-in
   * protection (section 1.7); with ShouldDecrementDesiredCapacity the group lowers desired
   * capacity by one (refused if that goes below min), else it launches a replacement.
   */
  | { readonly type: 'terminate_instance'; readonly at: number; readonly instance: string; readonly shouldDecrementDesiredCapacity: boolean }
  /**
   * CompleteLifecycleAction: the instance waiting on the named hook leaves its wait state now with
   * the result, as if the hook's action had completed (section 6).
   */
  | {
      readonly type: 'complete_lifecycle_action';
      readonly at: number;
      readonly instance: string;
      readonly lifecycleHookName: string;
      readonly lifecycleActionResult: LifecycleActionResult;
    }
  /**
   * RecordLifecycleActionHeartbeat: the wait's timeout restarts at the full heartbeat timeout, up
   * to the global timeout (section 6).
   */
  | { readonly type: 'record_lifecycle_action_heartbeat'; readonly at: number; readonly instance: string; readonly lifecycleHookName: string }
  /**
   * EnterStandby: the InService instance leaves the load balancer and the group's capacity but
   * keeps running; with ShouldDecrementDesiredCapacity the group lowers desired capacity by one
   * (refused below min), else it launches a replacement.
   */
  | { readonly type: 'enter_standby'; readonly at: number; readonly instance: string; readonly shouldDecrementDesiredCapacity: boolean }
  /** ExitStandby: the instance returns to service and desired capacity grows by one (refused above max). */
  | { readonly type: 'exit_standby'; readonly at: number; readonly instance: string };

/**
 * Carries out manual actions on the group at their times. A call AWS would refuse (ValidationError)
 * changes nothing and is written to the activity log with AWS's reason. Manual actions ignore the
 * simple-scaling cooldown (HonorCooldown is false by default, section 1.5).
 */
export class ManualActions {
  private readonly kind: number;

  constructor(
    private readonly sim: Simulator,
    private readonly group: AutoScalingGroup,
    private readonly actions: readonly ManualActionConfig[],
    private readonly activity: ActivityLog,
  ) {
    this.kind = sim.register((i) => this.run(this.actions[i]));
  }

  start(): void {
    this.actions.forEach((a, i) => this.sim.schedule(a.at, this.kind, i));
  }

  private run(action: ManualActionConfig): void {
    const g = this.group;
    switch (action.type) {
      case 'set_desired_capacity': {
        const d = action.desiredCapacity;
        const call = `SetDesiredCapacity ${d}`;
        if (d < g.minSize || d > g.maxSize) return this.refuse(g.config.name, call, `desired capacity ${d} is outside min ${g.minSize} and max ${g.maxSize}`);
        g.setDesiredCapacity(d, `manual action: ${call}`);
        return;
      }
      case 'terminate_instance': {
        const decrement = action.shouldDecrementDesiredCapacity;
        const call = `TerminateInstanceInAutoScalingGroup (ShouldDecrementDesiredCapacity ${decrement})`;
        const m = g.members.find((c) => c.id === action.instance && countsAsCapacity(c.state));
        if (!m) return this.refuse(action.instance, call, 'the instance is not Pending or InService in the group');
        if (decrement && g.desiredCapacity - 1 < g.minSize) return this.refuse(action.instance, call, belowMin(g));
        g.terminateInstance(m, decrement, `manual action: ${call}`);
        return;
      }
      case 'complete_lifecycle_action': {
        const call = `CompleteLifecycleAction ${action.lifecycleHookName} ${action.lifecycleActionResult}`;
        const waiting = this.waitingOn(action.instance, action.lifecycleHookName, call);
        if (waiting) g.completeLifecycleAction(waiting.member, action.lifecycleActionResult, `manual action: ${call}`);
        return;
      }
      case 'record_lifecycle_action_heartbeat': {
        const waiting = this.waitingOn(action.instance, action.lifecycleHookName, `RecordLifecycleActionHeartbeat ${action.lifecycleHookName}`);
        if (waiting) g.recordHeartbeat(waiting.member, waiting.hook);
        return;
      }
      case 'enter_standby': {
        const decrement = action.shouldDecrementDesiredCapacity;
        const call = `EnterStandby (ShouldDecrementDesiredCapacity ${decrement})`;
        const m = g.members.find((c) => c.id === action.instance && c.state === 'InService');
        if (!m) return this.refuse(action.instance, call, 'the instance is not InService in the group');
        if (decrement && g.desiredCapacity - 1 < g.minSize) return this.refuse(action.instance, call, belowMin(g));
        g.enterStandby(m, decrement, `manual action: ${call}`);
        return;
      }
      case 'exit_standby': {
        const m = g.members.find((c) => c.id === action.instance && c.state === 'Standby');
        if (!m) return this.refuse(action.instance, 'ExitStandby', 'the instance is not in Standby');
        if (g.desiredCapacity + 1 > g.maxSize) {
          return this.refuse(action.instance, 'ExitStandby', `desired capacity ${g.desiredCapacity} equals max ${g.maxSize}: the instance's return would go above it`);
        }
        g.exitStandby(m, 'manual action: ExitStandby');
      }
    }
  }

  /** The instance and the hook it waits on, if that is the hook named; else the call is refused. */
  private waitingOn(instance: string, hookName: string, call: string): { member: GroupMember; hook: LifecycleHookConfig } | undefined {
    const member = this.group.members.find((c) => c.id === instance);
    const hook = member && this.group.waitingHook(member);
    if (member && hook?.name === hookName) return { member, hook };
    this.refuse(instance, call, `the instance is not waiting on lifecycle hook ${hookName}`);
    return undefined;
  }

  private refuse(subject: string, call: string, reason: string): void {
    this.activity.record(this.sim.now, 'manual', subject, '', '', `manual action refused: ${call}: ${reason}`);
  }
}

/** Why decrementing desired capacity is refused at min. */
function belowMin(g: AutoScalingGroup): string {
  return `desired capacity ${g.desiredCapacity} equals min ${g.minSize}: leaving without replacement would go below it`;
}
