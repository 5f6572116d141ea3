import type { Simulator, Uniform } from '../../engine/index.ts';
import type { AutoScalingGroup, GroupMember } from '../autoscaling/group.ts';
import type { CrashKind } from '../compute/server.ts';
import type { ActivityLog } from '../telemetry/activity-log.ts';

/** Which instances a fault may hit: by default any InService one, at random. */
interface FaultAim {
  /** Only this instance (its id, as activity.csv names it). */
  readonly instance?: string;
  /** Only instances in this AZ. */
  readonly az?: string;
}

/** Faults a scenario can inject, at a simulated time. */
export type FaultConfig =
  | ({ readonly type: 'instance_crash'; readonly at: number; readonly count: number; readonly kind: CrashKind } & FaultAim)
  | ({ readonly type: 'slow_instance'; readonly at: number; readonly count: number; readonly factor: number; readonly duration: number } & FaultAim)
  | ({ readonly type: 'instance_hang'; readonly at: number; readonly count: number; readonly duration: number } & FaultAim)
  | { readonly type: 'az_outage'; readonly at: number; readonly az: string; readonly duration: number };

/**
 * Injects faults into the group's instances. A crashed process loses the requests it holds (502)
 * and refuses new ones; a crashed host answers nothing, so its requests and health checks time
 * out. Either way its status checks fail, so EC2 health checks replace it after a while, and ELB
 * health checks take it out of rotation. A slow instance serves everything `factor`
 * times slower for a while. A hung instance takes requests and answers none; they fail at their
 * deadline, and its health checks time out, so the load balancer takes it out of rotation (EC2
 * status checks still pass: only ELB health checks replace it). An AZ outage takes down every
 * instance in the AZ and stops launches there until it ends; the instances that were not replaced
 * meanwhile come back. A fault on instances hits InService ones at random, or the one it names, or
 * those of the AZ it names.
 */
export class FaultInjector {
  private readonly kind: number;
  private readonly endKind: number;
  /** Members slowed or downed by each fault, to undo at its end. */
  private readonly affected = new Map<number, GroupMember[]>();

  constructor(
    private readonly sim: Simulator,
    private readonly group: AutoScalingGroup,
    private readonly faults: readonly FaultConfig[],
    private readonly uniform: Uniform,
    private readonly activity: ActivityLog,
  ) {
    this.kind = sim.register((i) => this.begin(i));
    this.endKind = sim.register((i) => this.end(i));
  }

  start(): void {
    this.faults.forEach((f, i) => this.sim.schedule(f.at, this.kind, i));
  }

  private begin(i: number): void {
    const fault = this.faults[i];
    if (fault.type === 'instance_crash') {
      const cause = fault.kind === 'host' ? 'fault injection: instance_crash (host unreachable)' : 'fault injection: instance_crash';
      for (const m of this.pick(fault)) this.group.crash(m, cause, fault.kind);
      return;
    }
    this.affected.set(i, this.impose(fault));
    if (fault.duration !== Infinity) this.sim.schedule(this.sim.now + fault.duration, this.endKind, i);
  }

  /** Starts a fault that lasts, and returns the members it touched. */
  private impose(fault: Exclude<FaultConfig, { type: 'instance_crash' }>): GroupMember[] {
    switch (fault.type) {
      case 'slow_instance': {
        const slowed = this.pick(fault);
        for (const m of slowed) m.instance.server.slowdown = fault.factor;
        return slowed;
      }
      case 'instance_hang': {
        const hung = this.pick(fault);
        for (const m of hung) m.instance.server.hang();
        return hung;
      }
      case 'az_outage': {
        const downed = this.group.members.filter(
          (m) => m.availabilityZone === fault.az && !m.instance.server.down,
        );
        this.group.setZoneAvailable(fault.az, false);
        for (const m of downed) this.group.crash(m, `fault injection: outage of ${fault.az}`);
        return downed;
      }
    }
  }

  private end(i: number): void {
    const fault = this.faults[i];
    const affected = this.affected.get(i) ?? [];
    if (fault.type === 'slow_instance') for (const m of affected) m.instance.server.slowdown = 1;
    // Requests caught in the hang still fail at their deadline; new ones are served again.
    if (fault.type === 'instance_hang') for (const m of affected) m.instance.server.hung = false;
    if (fault.type === 'az_outage') {
      for (const m of affected) this.group.recover(m, `outage of ${fault.az} ended`);
      this.group.setZoneAvailable(fault.az, true);
    }
  }

  /**
   * `count` distinct InService instances at random among those the fault aims at (fewer if there
   * are fewer); a fault that finds none says so in the activity log.
   */
  private pick(fault: { readonly type: string; readonly count: number } & FaultAim): GroupMember[] {
    const pool = this.group.members.filter(
      (m) => m.state === 'InService' && !m.instance.server.down && (fault.instance ?? m.id) === m.id && (fault.az ?? m.availabilityZone) === m.availabilityZone,
    );
    if (pool.length === 0) {
      const aim = fault.instance ?? (fault.az ? `in ${fault.az}` : '');
      this.activity.record(this.sim.now, 'faults', fault.instance ?? fault.az ?? '', '', '', `fault injection: ${fault.type} found no InService instance ${aim}`.trimEnd());
    }
    const out: GroupMember[] = [];
    while (out.length < fault.count && pool.length > 0) out.push(pool.splice(Math.floor(this.uniform() * pool.length), 1)[0]);
    return out;
  }
}
