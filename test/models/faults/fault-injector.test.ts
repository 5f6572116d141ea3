import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../../src/engine/index.ts';
import { FaultInjector, type FaultConfig } from '../../../src/models/faults/fault-injector.ts';
import { groupHarness } from '../autoscaling/group-harness.ts';

/** Six InService instances, two per AZ (ids i-...0 to i-...5 in launch order), and the faults. */
function inject(faults: FaultConfig[]) {
  const h = groupHarness({ minSize: 6, maxSize: 6, desiredCapacity: 6, impairedTolerance: 3600 });
  h.group.start();
  new FaultInjector(h.sim, h.group, faults, new RandomStreams(1).stream('faults'), h.activity).start();
  h.sim.run(10);
  return h;
}

describe('faults aimed at a named instance or AZ', () => {
  it('instance_crash with instance crashes that instance and no other', () => {
    for (const target of ['i-00000000000000002', 'i-00000000000000005']) {
      const h = inject([{ type: 'instance_crash', at: 5, count: 1, kind: 'process', instance: target }]);
      expect(h.group.members.filter((m) => m.instance.server.down).map((m) => m.id)).toEqual([target]);
    }
  });

  it('slow_instance with az slows only instances of that AZ', () => {
    const h = inject([{ type: 'slow_instance', at: 5, count: 2, factor: 3, duration: Infinity, az: 'us-east-1b' }]);
    const slowed = h.group.members.filter((m) => m.instance.server.slowdown === 3);
    expect(slowed.length).toBe(2);
    for (const m of slowed) expect(m.availabilityZone).toBe('us-east-1b');
  });

  it('instance_hang with az and count 1 hangs one instance of that AZ', () => {
    for (const az of ['us-east-1a', 'us-east-1b', 'us-east-1c']) {
      const h = inject([{ type: 'instance_hang', at: 5, count: 1, duration: Infinity, az }]);
      const hung = h.group.members.filter((m) => m.instance.server.hung);
      expect(hung.map((m) => m.availabilityZone)).toEqual([az]);
    }
  });

  it('a fault aimed at an instance that is not InService does nothing and says so in the activity log', () => {
    const h = inject([{ type: 'instance_crash', at: 5, count: 1, kind: 'process', instance: 'i-00000000000000042' }]);
    expect(h.group.members.some((m) => m.instance.server.down)).toBe(false);
    const note = h.activity.records.find((r) => r.source === 'faults')!;
    expect(note.time).toBe(5);
    expect(note.subject).toBe('i-00000000000000042');
    expect(note.cause).toBe('fault injection: instance_crash found no InService instance i-00000000000000042');
  });
});
