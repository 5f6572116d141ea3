import { describe, expect, it } from 'vitest';
import type { Server } from '../../../src/models/compute/server.ts';
import { groupHarness } from './group-harness.ts';

const healthy = (t: Server) => ({ seconds: t.down ? 0 : 0.002, passes: !t.down });

/**
 * A group attached to two target groups (aws-semantics.md 7.2: each target group has its own
 * deregistration delay; an Auto Scaling group attached to several registers its instances with
 * each and waits for every one to finish deregistering before terminating).
 */
describe('a group attached to two target groups', () => {
  it('registers each instance with both at InService', () => {
    const h = groupHarness({}, {}, { config: {}, answer: healthy });
    h.group.setDesiredCapacity(2, 'two');
    h.sim.run(59);
    expect(h.targetGroup.targetCount + h.targetGroup2!.targetCount).toBe(0);
    h.sim.run(200);
    expect(h.targetGroup.targetCount).toBe(2);
    expect(h.targetGroup2!.targetCount).toBe(2);
    for (const m of h.group.members) {
      expect(h.targetGroup.healthOf(m.instance.server)).toBe('healthy');
      expect(h.targetGroup2!.healthOf(m.instance.server)).toBe('healthy');
    }
  });

  it('drains from both; each lets it go at its own delay and the longest ends the drain with 502s', () => {
    const h = groupHarness({}, { deregistrationDelay: 30 }, { config: { deregistrationDelay: 120 }, answer: healthy });
    h.group.setDesiredCapacity(1, 'one');
    h.sim.run(60);
    const [only] = h.group.members;
    const server = only.instance.server;
    h.send(1000);
    h.group.setDesiredCapacity(0, 'scale in');
    expect(h.targetGroup.healthOf(server)).toBe('draining');
    expect(h.targetGroup2!.healthOf(server)).toBe('draining');
    h.sim.run(91);
    // The 30 s target group has let it go; the 120 s one still holds it, and so does the request.
    expect(h.targetGroup.healthOf(server)).toBeUndefined();
    expect(h.targetGroup2!.healthOf(server)).toBe('draining');
    expect(only.state).toBe('Terminating');
    expect(h.outcomes.failed).toBe(0);
    h.sim.run(179);
    expect(only.state).toBe('Terminating');
    h.sim.run(181);
    expect(h.targetGroup2!.healthOf(server)).toBeUndefined();
    expect(only.state).toBe('Terminated');
    expect(h.outcomes.failuresByName().http_502).toBe(1);
    const ends = h.activity.records.filter((r) => r.to === 'unused').map((r) => `${r.time}:${r.source}:${r.cause}`);
    expect(ends).toEqual(['90:elb:test-lb:deregistration delay (30 s) ended', '180:elb:test-lb-2:deregistration delay (120 s) ended']);
  });

  it('with ELB health checks, an instance unhealthy in either target group is replaced', () => {
    let sick = -1;
    const h = groupHarness({ healthCheckType: 'ELB', minSize: 2, maxSize: 3, desiredCapacity: 2 }, {}, {
      config: {},
      answer: (t) => ({ seconds: 0.002, passes: t.index !== sick }),
    });
    h.group.start();
    const [victim, other] = h.group.members;
    sick = victim.instance.server.index;
    h.sim.run(200);
    // Unhealthy in the second target group only (two failed checks 30 s apart), healthy in the first.
    expect(h.activity.records.some((r) => r.source === 'elb:test-lb-2' && r.subject === victim.id && r.to === 'unhealthy')).toBe(true);
    expect(h.activity.records.some((r) => r.source === 'elb:test-lb' && r.to === 'unhealthy')).toBe(false);
    expect(victim.state).toBe('Terminated');
    expect(h.transitions(victim.id)).toContain(`${h.activity.records.find((r) => r.to === 'unhealthy')!.time}:InService->Terminating`);
    expect(other.state).toBe('InService');
    expect(h.group.capacity).toBe(2);
  });
});

describe('pruning', () => {
  it('keeps the members and the server registry bounded over many scale-out and scale-in cycles', () => {
    const h = groupHarness({ maxSize: 10 }, { deregistrationDelay: 30 });
    for (let cycle = 0; cycle < 50; cycle++) {
      h.group.setDesiredCapacity(10, 'out');
      h.sim.run(h.sim.now + 100);
      h.send(5); // one instance drains for a while
      h.group.setDesiredCapacity(0, 'in');
      expect(h.group.members.length).toBeLessThanOrEqual(10);
      expect(h.servers.size).toBeLessThanOrEqual(10);
      h.sim.run(h.sim.now + 100);
      expect(h.group.members).toEqual([]);
      expect(h.servers.size).toBe(0);
    }
    // targets.csv still has a row for every instance launched, in launch order.
    const tallies = h.servers.tallyList();
    expect(tallies).toHaveLength(500);
    expect(tallies[499].id).toBe('i-000000000000001f3');
    expect(tallies.reduce((n, t) => n + t.completed, 0)).toBe(50);
  });
});
