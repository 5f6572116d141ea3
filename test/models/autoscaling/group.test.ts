import { describe, expect, it } from 'vitest';
import { groupHarness } from './group-harness.ts';

describe('AutoScalingGroup', () => {
  it('launches into the AZ with the fewest instances and goes InService after the launch time', () => {
    const h = groupHarness();
    h.group.setDesiredCapacity(4, 'test');
    expect(h.group.members.map((m) => m.availabilityZone)).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c', 'us-east-1a']);
    h.sim.run(59);
    expect(h.group.inService.value).toBe(0);
    h.sim.run(60);
    expect(h.group.inService.value).toBe(4);
    expect(h.targetGroup.targetCount).toBe(4);
    expect(h.transitions(h.group.members[0].id)).toEqual(['0:->Pending', '60:Pending->InService']);
  });

  it('keeps desired capacity within [min, max] (aws-semantics.md section 1.1)', () => {
    const h = groupHarness({ minSize: 2, maxSize: 5, desiredCapacity: 2 });
    h.group.start();
    h.group.setDesiredCapacity(9, 'too many');
    expect(h.group.desiredCapacity).toBe(5);
    h.group.setDesiredCapacity(0, 'too few');
    expect(h.group.desiredCapacity).toBe(2);
  });

  it('scale-in keeps AZs balanced, then terminates the instance closest to its next billing hour (section 1.6)', () => {
    const h = groupHarness();
    h.group.setDesiredCapacity(3, 'three');
    h.sim.run(1000);
    h.group.setDesiredCapacity(4, 'fourth'); // lands in us-east-1a, launched at 1000
    h.sim.run(2000);
    const before = [...h.group.members];
    h.group.setDesiredCapacity(3, 'scale in');
    // us-east-1a has two instances: the one launched at 0 is 2000 s into its hour, the other 1000 s.
    const victim = before.find((m) => m.state.startsWith('Terminating') || m.state === 'Terminated')!;
    expect(victim.availabilityZone).toBe('us-east-1a');
    expect(victim.launchedAt).toBe(0);
  });

  it('scale-in protection: desired drops, protected instances stay (section 1.1, 1.7)', () => {
    const h = groupHarness({ newInstancesProtectedFromScaleIn: true });
    h.group.setDesiredCapacity(2, 'two');
    h.sim.run(100);
    h.group.setDesiredCapacity(1, 'scale in');
    expect(h.group.desiredCapacity).toBe(1);
    expect(h.group.inService.value).toBe(2);
  });

  it('a terminating instance gets no new requests and finishes the ones it has (section 7.2)', () => {
    const h = groupHarness({ maxSize: 2 });
    h.group.setDesiredCapacity(1, 'one');
    h.sim.run(60);
    h.send(100); // a 100 s request on the only instance
    const [only] = h.group.members;
    h.group.setDesiredCapacity(0, 'scale in');
    expect(h.targetGroup.targetCount).toBe(0);
    h.sim.run(159);
    expect(only.state).toBe('Terminating');
    h.sim.run(161);
    expect(only.state).toBe('Terminated');
    expect(h.group.members).toEqual([]);
    expect(h.outcomes.completed).toBe(1);
    expect(h.outcomes.failed).toBe(0);
  });

  it('requests still running at the end of the deregistration delay fail with 502 (section 7.2)', () => {
    const h = groupHarness({}, { deregistrationDelay: 30 });
    h.group.setDesiredCapacity(1, 'one');
    h.sim.run(60);
    h.send(100);
    h.send(100);
    h.send(100); // queued behind two workers
    const [only] = h.group.members;
    h.group.setDesiredCapacity(0, 'scale in');
    h.sim.run(89);
    expect(h.outcomes.failed).toBe(0);
    h.sim.run(91);
    expect(h.outcomes.failuresByName().http_502).toBe(3);
    expect(only.state).toBe('Terminated');
  });

  it('with no registered target the load balancer answers 503 (section 7.7)', () => {
    const h = groupHarness();
    h.send(1);
    expect(h.outcomes.failuresByName().http_503).toBe(1);
  });

  it('a launch hook whose action fails takes the default result ABANDON at the heartbeat timeout, and the instance is replaced (section 6)', () => {
    const h = groupHarness({
      maxSize: 3,
      lifecycleHooks: [
        { name: 'bootstrap', transition: 'launching', duration: () => 30, durationLeavingWarmPool: () => 30, heartbeatTimeout: 300, defaultResult: 'ABANDON', actionResult: 'CONTINUE', failureProbability: 1, uniform: () => 0.5 },
      ],
    });
    h.group.setDesiredCapacity(1, 'one');
    const [first] = h.group.members;
    h.sim.run(360);
    const [second] = h.group.members;
    expect(h.transitions(first.id)).toEqual(['0:->Pending', '60:Pending->Pending:Wait', '360:Pending:Wait->Terminating', '360:Terminating->Terminated']);
    expect(second.launchedAt).toBe(360);
    expect(h.group.capacity).toBe(1);
  });

  it('a launch hook that completes in time proceeds to InService after its action', () => {
    const h = groupHarness({
      lifecycleHooks: [
        { name: 'bootstrap', transition: 'launching', duration: () => 30, durationLeavingWarmPool: () => 30, heartbeatTimeout: 300, defaultResult: 'ABANDON', actionResult: 'CONTINUE', failureProbability: 0, uniform: () => 0.5 },
      ],
    });
    h.group.setDesiredCapacity(1, 'one');
    h.sim.run(1000);
    expect(h.transitions()).toEqual(['0:->Pending', '60:Pending->Pending:Wait', '90:Pending:Wait->Pending:Proceed', '90:Pending:Proceed->InService']);
  });

  it('bills per second from launch to termination with a 60 s minimum (section 12)', () => {
    const h = groupHarness({ launchTime: () => 10 });
    h.group.setDesiredCapacity(1, 'one');
    h.sim.run(20);
    h.group.setDesiredCapacity(0, 'gone'); // idle: deregistration completes at once
    h.sim.run(100);
    const cost = h.billing.costAt(100);
    expect(cost.secondsByInstanceType['m7g.large']).toBe(60); // ran 20 s, billed the minimum
  });

  describe('warm pool (aws-semantics.md section 5)', () => {
    const warmPool = (over: object = {}) => ({
      minSize: 0,
      maxGroupPreparedCapacity: undefined,
      poolState: 'Stopped' as const,
      reuseOnScaleIn: false,
      warmStartTime: () => 20,
      volumeGiB: 8,
      ...over,
    });

    it('holds max - desired instances, ready after their launch', () => {
      const h = groupHarness({ minSize: 1, maxSize: 4, desiredCapacity: 1, warmPool: warmPool() });
      h.group.start();
      expect(h.group.warmPoolSize).toBe(3);
      expect(h.group.members.filter((m) => m.state === 'Warmed:Stopped')).toHaveLength(3);
    });

    it('a scale-out from the pool is InService after the warm start instead of the launch time, and the pool refills', () => {
      const h = groupHarness({ minSize: 1, maxSize: 3, desiredCapacity: 1, warmPool: warmPool() });
      h.group.start();
      h.sim.run(1000);
      h.group.setDesiredCapacity(2, 'scale out');
      const taken = h.group.members.find((m) => m.state === 'Pending')!;
      h.sim.run(1019);
      expect(taken.state).toBe('Pending');
      h.sim.run(1020); // 20 s warm start, where a cold launch takes 60 s
      expect(taken.state).toBe('InService');
      expect(h.group.warmStarts).toBe(1);
      // max 3 - desired 2 = 1 in the pool: the one left; nothing is launched into it.
      expect(h.group.warmPoolSize).toBe(1);
    });

    it('launch hooks fire on the way into the pool and again on the way out', () => {
      const h = groupHarness({
        minSize: 0,
        maxSize: 1,
        desiredCapacity: 0,
        warmPool: warmPool(),
        lifecycleHooks: [{ name: 'bootstrap', transition: 'launching', duration: () => 10, durationLeavingWarmPool: () => 10, heartbeatTimeout: 300, defaultResult: 'ABANDON', actionResult: 'CONTINUE', failureProbability: 0, uniform: () => 0.5 }],
      });
      h.group.setDesiredCapacity(0, 'fill the pool');
      h.sim.run(500);
      h.group.setDesiredCapacity(1, 'scale out');
      h.sim.run(1000);
      expect(h.transitions()).toEqual([
        '0:->Warmed:Pending',
        '60:Warmed:Pending->Warmed:Pending:Wait',
        '70:Warmed:Pending:Wait->Warmed:Pending:Proceed',
        '70:Warmed:Pending:Proceed->Warmed:Stopped',
        '500:Warmed:Stopped->Pending',
        '520:Pending->Pending:Wait',
        '530:Pending:Wait->Pending:Proceed',
        '530:Pending:Proceed->InService',
      ]);
    });

    it('a stopped pool instance pays for its EBS volume only (section 5)', () => {
      const h = groupHarness({ minSize: 0, maxSize: 1, desiredCapacity: 0, warmPool: warmPool({ volumeGiB: 10 }) });
      h.group.start();
      h.sim.run(3600);
      const cost = h.billing.costAt(3600);
      // Prepared before the run: no instance hours, and an hour of 10 GiB of gp3 at $0.08 per GiB-month (730 h).
      expect(cost.byInstanceType['m7g.large warm pool (Stopped)']).toBeCloseTo((10 * 0.08) / 730, 12);
      expect(cost.byInstanceType['m7g.large']).toBeUndefined();
    });

    it('instances returning to the pool count toward its size: no cold launch fills in for them', () => {
      const h = groupHarness({ minSize: 0, maxSize: 4, desiredCapacity: 4, warmPool: warmPool({ reuseOnScaleIn: true }) });
      h.group.start();
      h.send(100); // keeps one instance draining for 100 s
      h.group.setDesiredCapacity(2, 'scale in');
      h.sim.run(1000);
      expect(h.group.warmPoolSize).toBe(2);
      expect(h.group.members).toHaveLength(4); // nothing launched
    });

    it('a crashed instance is terminated on scale-in, not returned to the pool', () => {
      const h = groupHarness({ minSize: 0, maxSize: 2, desiredCapacity: 2, warmPool: warmPool({ reuseOnScaleIn: true }) });
      h.group.start();
      const crashed = h.group.members.filter((m) => m.state === 'InService');
      for (const m of crashed) h.group.crash(m, 'test');
      h.group.setDesiredCapacity(1, 'scale in');
      h.sim.run(10);
      expect(crashed.filter((m) => m.state === 'Terminated')).toHaveLength(1);
      expect(crashed.filter((m) => m.state.startsWith('Warmed:'))).toHaveLength(0);
    });

    it('with reuse on scale-in an instance returns to the pool instead of terminating', () => {
      const h = groupHarness({ minSize: 0, maxSize: 2, desiredCapacity: 2, warmPool: warmPool({ reuseOnScaleIn: true }) });
      h.group.start();
      h.group.setDesiredCapacity(1, 'scale in');
      const back = h.group.members.find((m) => m.state.startsWith('Warmed:'))!;
      expect(back.state).toBe('Warmed:Stopped');
      expect(h.group.terminations).toBe(0);
    });
  });

  describe('health checks and Availability Zones (sections 1.2, 1.3)', () => {
    it('a crashed instance fails what it holds and refuses requests until EC2 health checks replace it', () => {
      const h = groupHarness({ minSize: 2, maxSize: 4, desiredCapacity: 2 });
      h.group.start();
      h.send(100);
      h.send(100); // one on each instance
      const victim = h.group.members[0];
      h.sim.run(50);
      h.group.crash(victim, 'test');
      expect(h.outcomes.failuresByName().http_502).toBe(1);
      h.send(1); // round robin: one lands on the crashed instance, one on the healthy one
      h.send(1);
      expect(h.outcomes.failuresByName().http_502).toBe(2);
      h.sim.run(229);
      expect(victim.state).toBe('InService');
      h.sim.run(230); // the impaired tolerance (180 s) ends: Unhealthy, terminated, replaced
      expect(victim.state).toBe('Terminated');
      const replacement = h.group.members[1];
      expect(replacement.launchedAt).toBe(230);
      h.sim.run(290);
      expect(h.group.inService.value).toBe(2);
    });

    it('the health check grace period delays replacement (section 1.3)', () => {
      const h = groupHarness({ minSize: 0, maxSize: 4, healthCheckGracePeriod: 600 });
      h.group.setDesiredCapacity(1, 'one');
      h.sim.run(60); // InService at 60
      const [only] = h.group.members;
      h.group.crash(only, 'test');
      h.sim.run(659);
      expect(only.state).toBe('InService');
      h.sim.run(660);
      expect(only.state).toBe('Terminated');
    });

    it('an AZ outage moves capacity to the other AZs; afterwards AZRebalance launches first, then terminates, within max + 10 % or 1', () => {
      const h = groupHarness({ minSize: 6, maxSize: 6, desiredCapacity: 6 });
      h.group.start();
      const inAz = (az: string) => h.group.members.filter((m) => m.state === 'InService' && m.availabilityZone === az).length;
      const lost = h.group.members.filter((m) => m.availabilityZone === 'us-east-1a');
      h.group.setZoneAvailable('us-east-1a', false);
      for (const m of lost) h.group.crash(m, 'outage');
      h.sim.run(1000);
      expect(inAz('us-east-1a')).toBe(0);
      expect(inAz('us-east-1b') + inAz('us-east-1c')).toBe(6);
      let most = 0;
      const watch = h.sim.register(() => {
        most = Math.max(most, h.group.capacity);
        h.sim.schedule(h.sim.now + 1, watch);
      });
      h.sim.schedule(1000, watch);
      h.group.setZoneAvailable('us-east-1a', true);
      h.sim.run(5000);
      expect([inAz('us-east-1a'), inAz('us-east-1b'), inAz('us-east-1c')]).toEqual([2, 2, 2]);
      expect(most).toBeLessThanOrEqual(6 + 1);
      expect(h.activity.records.some((r) => r.cause.startsWith('launching into us-east-1a: AZRebalance'))).toBe(true);
    });
  });
});
