import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LifecycleHookConfig } from '../../../src/models/autoscaling/lifecycle-hooks.ts';
import type { GroupConfig } from '../../../src/models/autoscaling/group.ts';
import { ManualActions, type ManualActionConfig } from '../../../src/models/autoscaling/manual-actions.ts';
import { runScenario } from '../../helpers/run-cli.ts';
import { groupHarness } from './group-harness.ts';

/**
 * Manual actions by AWS's API: SetDesiredCapacity (desired must lie within min and max, else
 * ValidationError) and TerminateInstanceInAutoScalingGroup (ShouldDecrementDesiredCapacity: "whether
 * terminating the instance also decrements the size of the Auto Scaling group"; scale-in protection
 * does not stop it, aws-semantics.md section 1.7).
 */
function run(actions: ManualActionConfig[], overrides: Partial<GroupConfig> = {}, until = 100) {
  const h = groupHarness({ minSize: 2, maxSize: 6, desiredCapacity: 3, ...overrides });
  h.group.start();
  new ManualActions(h.sim, h.group, actions, h.activity).start();
  h.sim.run(until);
  return h;
}

const refusals = (h: ReturnType<typeof groupHarness>) => h.activity.records.filter((r) => r.source === 'manual').map((r) => r.cause);

describe('manual actions', () => {
  it('set_desired_capacity launches to the new desired capacity at its time', () => {
    const h = run([{ type: 'set_desired_capacity', at: 50, desiredCapacity: 5 }]);
    expect(h.group.desiredCapacity).toBe(5);
    expect(h.group.members.filter((m) => m.launchedAt === 50).length).toBe(2);
    expect(h.activity.records.find((r) => r.subject === 'test-asg')!.cause).toBe('manual action: SetDesiredCapacity 5');
  });

  it('set_desired_capacity outside min and max is refused and changes nothing', () => {
    const h = run([{ type: 'set_desired_capacity', at: 50, desiredCapacity: 7 }]);
    expect(h.group.desiredCapacity).toBe(3);
    expect(refusals(h)).toEqual(['manual action refused: SetDesiredCapacity 7: desired capacity 7 is outside min 2 and max 6']);
  });

  it('terminate_instance without decrementing desired capacity terminates a protected instance and launches a replacement', () => {
    const h = run([{ type: 'terminate_instance', at: 50, instance: 'i-00000000000000001', shouldDecrementDesiredCapacity: false }], { newInstancesProtectedFromScaleIn: true });
    expect(h.transitions('i-00000000000000001').at(-1)).toBe('50:Terminating->Terminated');
    expect(h.group.members.map((m) => m.id)).not.toContain('i-00000000000000001');
    expect(h.group.desiredCapacity).toBe(3);
    expect(h.group.members.filter((m) => m.launchedAt === 50).length).toBe(1);
  });

  it('terminate_instance decrementing desired capacity launches nothing', () => {
    const h = run([{ type: 'terminate_instance', at: 50, instance: 'i-00000000000000000', shouldDecrementDesiredCapacity: true }]);
    expect(h.transitions('i-00000000000000000').at(-1)).toBe('50:Terminating->Terminated');
    expect(h.group.members.map((m) => m.id)).not.toContain('i-00000000000000000');
    expect(h.group.desiredCapacity).toBe(2);
    // The two others remain; nothing was launched.
    expect(h.group.members.length).toBe(2);
    expect(h.group.launches).toBe(0);
  });

  it('terminate_instance decrementing below min, or naming an instance not in the group, is refused', () => {
    const h = run([
      { type: 'terminate_instance', at: 10, instance: 'i-00000000000000000', shouldDecrementDesiredCapacity: true },
      { type: 'terminate_instance', at: 20, instance: 'i-00000000000000001', shouldDecrementDesiredCapacity: true },
      { type: 'terminate_instance', at: 30, instance: 'i-00000000000000009', shouldDecrementDesiredCapacity: false },
    ]);
    expect(h.group.desiredCapacity).toBe(2);
    expect(refusals(h)).toEqual([
      'manual action refused: TerminateInstanceInAutoScalingGroup (ShouldDecrementDesiredCapacity true): desired capacity 2 equals min 2: leaving without replacement would go below it',
      'manual action refused: TerminateInstanceInAutoScalingGroup (ShouldDecrementDesiredCapacity false): the instance is not Pending or InService in the group',
    ]);
  });
});

describe('manual actions in a scenario', () => {
  it('run at their times through fleetsim run, in the activity log', async () => {
    const s = await runScenario({
      name: 'manual',
      duration: '10m',
      workload: { arrivals: { type: 'poisson', rate: 5 }, service_time: { dist: 'constant', value: 0.01 } },
      fleet: { instance_type: 'm7g.large', autoscaling: { min: 1, max: 4, desired: 2, launch_time: { dist: 'constant', value: 60 } } },
      actions: [
        { at: '2m', type: 'set_desired_capacity', desired_capacity: 3 },
        { at: '5m', type: 'terminate_instance', instance: 'i-00000000000000000', should_decrement_desired_capacity: true },
      ],
    });
    const activity = readFileSync(join(s.out, 'activity.csv'), 'utf8');
    expect(activity).toContain('120,asg:manual-asg,manual-asg,2,3,manual action: SetDesiredCapacity 3');
    expect(activity).toContain('300,asg:manual-asg,manual-asg,3,2,manual action: TerminateInstanceInAutoScalingGroup (ShouldDecrementDesiredCapacity true)');
    expect(s.scaling.final_desired).toBe(2);
    expect(s.scaling.launches).toBe(1);
  });
});

describe('complete_lifecycle_action (CompleteLifecycleAction, aws-semantics.md section 6)', () => {
  /** One instance launched at 0 (60 s boot) into a launch hook whose action would take 1,000 s. */
  function waiting(actions: ManualActionConfig[]) {
    const hook: LifecycleHookConfig = {
      name: 'bootstrap',
      transition: 'launching',
      duration: () => 1000,
      durationLeavingWarmPool: () => 1000,
      heartbeatTimeout: 3600,
      defaultResult: 'ABANDON',
      actionResult: 'CONTINUE',
      failureProbability: 0,
      uniform: () => 0.5,
    };
    const h = groupHarness({ lifecycleHooks: [hook] });
    new ManualActions(h.sim, h.group, actions, h.activity).start();
    h.group.setDesiredCapacity(1, 'one');
    h.sim.run(200);
    return h;
  }
  const complete = (result: 'CONTINUE' | 'ABANDON', name = 'bootstrap'): ManualActionConfig => ({
    type: 'complete_lifecycle_action',
    at: 100,
    instance: 'i-00000000000000000',
    lifecycleHookName: name,
    lifecycleActionResult: result,
  });

  it('CONTINUE ends the wait at once: the instance is InService at 100 s, not 1,060 s', () => {
    const h = waiting([complete('CONTINUE')]);
    expect(h.transitions('i-00000000000000000')).toEqual(['0:->Pending', '60:Pending->Pending:Wait', '100:Pending:Wait->Pending:Proceed', '100:Pending:Proceed->InService']);
  });

  it('ABANDON on a launch terminates the instance, and the group launches a replacement', () => {
    const h = waiting([complete('ABANDON')]);
    expect(h.transitions('i-00000000000000000').at(-1)).toBe('100:Terminating->Terminated');
    expect(h.group.members.map((m) => m.id)).not.toContain('i-00000000000000000');
    expect(h.group.members[0].launchedAt).toBe(100);
  });

  it('naming another hook is refused and the instance keeps waiting', () => {
    const h = waiting([complete('CONTINUE', 'other')]);
    expect(h.group.members[0].state).toBe('Pending:Wait');
    expect(refusals(h)).toEqual(['manual action refused: CompleteLifecycleAction other CONTINUE: the instance is not waiting on lifecycle hook other']);
  });
});

describe('record_lifecycle_action_heartbeat (RecordLifecycleActionHeartbeat, aws-semantics.md section 6)', () => {
  /** One instance launched at 0 whose launch hook wait starts at 60 s; `actionSeconds` Infinity: the action fails. */
  function waiting(heartbeatTimeout: number, actionSeconds: number, heartbeatsAt: number[]) {
    const hook: LifecycleHookConfig = {
      name: 'bootstrap',
      transition: 'launching',
      duration: () => (actionSeconds === Infinity ? 1 : actionSeconds),
      durationLeavingWarmPool: () => 1,
      heartbeatTimeout,
      defaultResult: 'ABANDON',
      actionResult: 'CONTINUE',
      failureProbability: actionSeconds === Infinity ? 1 : 0,
      uniform: () => 0.5,
    };
    const h = groupHarness({ lifecycleHooks: [hook] });
    const beats: ManualActionConfig[] = heartbeatsAt.map((at) => ({ type: 'record_lifecycle_action_heartbeat', at, instance: 'i-00000000000000000', lifecycleHookName: 'bootstrap' }));
    new ManualActions(h.sim, h.group, beats, h.activity).start();
    h.group.setDesiredCapacity(1, 'one');
    h.sim.run(200_000);
    return h.transitions('i-00000000000000000')[2];
  }

  it("AWS's example: a 1 h timeout and a heartbeat at 30 min end the wait at 90 min", () => {
    expect(waiting(3600, Infinity, [])).toBe(`${60 + 3600}:Pending:Wait->Terminating`);
    expect(waiting(3600, Infinity, [60 + 1800])).toBe(`${60 + 5400}:Pending:Wait->Terminating`);
  });

  it('an action that would outlast the timeout completes when a heartbeat keeps the wait open', () => {
    expect(waiting(600, 1000, [])).toBe('660:Pending:Wait->Terminating');
    expect(waiting(600, 1000, [560])).toBe('1060:Pending:Wait->Pending:Proceed');
  });

  it('heartbeats cannot hold the wait past the global timeout: 100 heartbeat timeouts here', () => {
    const every20s = Array.from({ length: 200 }, (_, k) => 60 + 20 * (k + 1));
    expect(waiting(30, Infinity, every20s)).toBe(`${60 + 3000}:Pending:Wait->Terminating`);
  });
});

describe('enter_standby and exit_standby (EnterStandby, ExitStandby)', () => {
  it('without decrementing, the instance drains out of the load balancer into Standby and the group launches a replacement', () => {
    const h = run([{ type: 'enter_standby', at: 50, instance: 'i-00000000000000000', shouldDecrementDesiredCapacity: false }], {}, 40);
    h.send(20); // a 20 s request on i-...0 (round robin starts there)
    h.sim.run(100);
    expect(h.transitions('i-00000000000000000')).toEqual(['0:->Pending', '0:Pending->InService', '50:InService->EnteringStandby', '60:EnteringStandby->Standby']);
    expect(h.outcomes.completed).toBe(1);
    expect(h.group.desiredCapacity).toBe(3);
    expect(h.group.members.filter((m) => m.launchedAt === 50).length).toBe(1);
    expect(h.targetGroup.healthOf(h.group.members[0].instance.server)).toBeUndefined();
  });

  it('with decrementing, nothing is launched; exit_standby returns it to service and raises desired capacity', () => {
    const actions: ManualActionConfig[] = [
      { type: 'enter_standby', at: 50, instance: 'i-00000000000000001', shouldDecrementDesiredCapacity: true },
      { type: 'exit_standby', at: 80, instance: 'i-00000000000000001' },
    ];
    const h = run(actions, {}, 60);
    expect(h.group.desiredCapacity).toBe(2);
    expect(h.group.members.length).toBe(3);
    h.sim.run(100);
    expect(h.group.desiredCapacity).toBe(3);
    expect(h.group.members[1].state).toBe('InService');
    expect(h.targetGroup.targetCount).toBe(3);
    expect(h.group.members.length).toBe(3);
  });

  it('exit_standby above max, or of an instance not in Standby, is refused', () => {
    const actions: ManualActionConfig[] = [
      { type: 'enter_standby', at: 10, instance: 'i-00000000000000000', shouldDecrementDesiredCapacity: false },
      { type: 'exit_standby', at: 100, instance: 'i-00000000000000000' },
      { type: 'exit_standby', at: 110, instance: 'i-00000000000000001' },
    ];
    const h = run(actions, { minSize: 1, maxSize: 3 }, 200);
    expect(h.group.members[0].state).toBe('Standby');
    expect(refusals(h)).toEqual([
      'manual action refused: ExitStandby: desired capacity 3 equals max 3: the instance\'s return would go above it',
      'manual action refused: ExitStandby: the instance is not in Standby',
    ]);
  });
});
