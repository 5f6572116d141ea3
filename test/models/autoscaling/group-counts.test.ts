import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AutoScalingGroup } from '../../../src/models/autoscaling/group.ts';
import { countsAsCapacity, inWarmPool, isPending, isTerminating } from '../../../src/models/autoscaling/lifecycle.ts';
import { groupHarness } from './group-harness.ts';

/** The group's counts by a full pass over its members, as they were computed before they were kept. */
function recount(group: AutoScalingGroup, now: number) {
  const count = (p: (m: AutoScalingGroup['members'][number]) => boolean) => group.members.filter(p).length;
  return {
    capacity: count((m) => countsAsCapacity(m.state)),
    pending: count((m) => isPending(m.state)),
    terminating: count((m) => isTerminating(m.state)),
    warming: count((m) => isPending(m.state) || (m.state === 'InService' && now < m.warmupEndsAt)),
    warmPool: count((m) => inWarmPool(m.state) || (isTerminating(m.state) && m.phase === 'returning')),
    activity: group.members.some((m) => isPending(m.state) || m.state === 'Terminating'),
    inService: group.config.availabilityZones.map((az) => count((m) => m.state === 'InService' && m.availabilityZone === az)),
  };
}

function kept(group: AutoScalingGroup) {
  return {
    capacity: group.capacity,
    pending: group.pending,
    terminating: group.terminating,
    warming: group.warming,
    warmPool: group.warmPoolSize,
    activity: group.activityInProgress,
    inService: group.config.availabilityZones.map((_, zone) => group.inServiceInZone(zone)),
  };
}

type Op =
  | { kind: 'desired'; value: number }
  | { kind: 'run'; seconds: number }
  | { kind: 'send'; seconds: number }
  | { kind: 'terminate'; pick: number; decrement: boolean }
  | { kind: 'crash'; pick: number }
  | { kind: 'standby'; pick: number }
  | { kind: 'zone'; zone: number; available: boolean };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('desired' as const), value: fc.integer({ min: 0, max: 8 }) }),
  fc.record({ kind: fc.constant('run' as const), seconds: fc.integer({ min: 1, max: 400 }) }),
  fc.record({ kind: fc.constant('send' as const), seconds: fc.integer({ min: 1, max: 200 }) }),
  fc.record({ kind: fc.constant('terminate' as const), pick: fc.nat(), decrement: fc.boolean() }),
  fc.record({ kind: fc.constant('crash' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('standby' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('zone' as const), zone: fc.integer({ min: 0, max: 2 }), available: fc.boolean() }),
);

describe('the counts kept in transition()', () => {
  it('equal a full recount over the members after any sequence of operations', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), fc.boolean(), fc.boolean(), (ops, withPool, withHook) => {
        const h = groupHarness({
          minSize: 0,
          maxSize: 8,
          desiredCapacity: 2,
          launchTime: () => 30,
          instanceWarmup: 120,
          warmPool: withPool ? { minSize: 1, maxGroupPreparedCapacity: undefined, poolState: 'Stopped', reuseOnScaleIn: true, warmStartTime: () => 10, volumeGiB: 8 } : undefined,
          lifecycleHooks: withHook
            ? [{ name: 'drain', transition: 'terminating', duration: () => 20, durationLeavingWarmPool: () => 20, heartbeatTimeout: 300, defaultResult: 'CONTINUE', actionResult: 'CONTINUE', failureProbability: 0, uniform: () => 0.5 }]
            : [],
        }, { deregistrationDelay: 60 });
        h.group.start();
        for (const o of ops) {
          const members = h.group.members;
          const member = (pick: number) => members[pick % members.length];
          switch (o.kind) {
            case 'desired':
              h.group.setDesiredCapacity(o.value, 'test');
              break;
            case 'run':
              h.sim.run(h.sim.now + o.seconds);
              break;
            case 'send':
              h.send(o.seconds);
              break;
            case 'terminate': {
              const m = members.length > 0 ? member(o.pick) : undefined;
              if (m && countsAsCapacity(m.state) && (!o.decrement || h.group.desiredCapacity > h.group.minSize)) h.group.terminateInstance(m, o.decrement, 'test');
              break;
            }
            case 'crash':
              if (members.length > 0) h.group.crash(member(o.pick), 'test');
              break;
            case 'standby': {
              const m = members.length > 0 ? member(o.pick) : undefined;
              if (m?.state === 'InService') h.group.enterStandby(m, false, 'test');
              else if (m?.state === 'Standby' && h.group.desiredCapacity < h.group.maxSize) h.group.exitStandby(m, 'test');
              break;
            }
            case 'zone':
              h.group.setZoneAvailable(h.group.config.availabilityZones[o.zone], o.available);
              break;
          }
          expect(kept(h.group)).toEqual(recount(h.group, h.sim.now));
          expect(h.group.members.every((m) => m.state !== 'Terminated' && m.state !== 'Warmed:Terminated')).toBe(true);
        }
      }),
      { numRuns: 300, seed: 10 },
    );
  });
});
