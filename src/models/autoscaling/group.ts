import { StepIntegral, type Sampler, type Simulator, type Uniform } from '../../engine/index.ts';
import { instanceId, type CrashKind, type Instance } from '../compute/instance.ts';
import type { InstancePool } from '../compute/instance-pool.ts';
import type { BillingMeter } from '../cost/billing-meter.ts';
import type { TargetRegistry } from '../elb/target-registry.ts';
import { Cause } from '../requests/outcomes.ts';
import type { ActivityLog } from '../telemetry/activity-log.ts';
import type { GroupState } from './group-state.ts';
import { countsAsCapacity, inWarmPool, isPending, isTerminating, isWarmed, type LifecycleState } from './lifecycle.ts';
import { actionOutcome, globalTimeout, playLifecycleAction, type LifecycleActionResult, type LifecycleHookConfig } from './lifecycle-hooks.ts';
import { chooseAvailabilityZoneForLaunch, chooseInstanceToTerminate, type TerminationPolicy } from './termination-policy.ts';
import { warmPoolHourlyCost, warmPoolTargetSize, type WarmPoolConfig } from './warm-pool.ts';

export interface GroupConfig {
  readonly name: string;
  readonly instanceType: string;
  readonly vcpus: number;
  readonly workers: number;
  readonly queueLimit: number;
  readonly minSize: number;
  readonly maxSize: number;
  readonly desiredCapacity: number;
  readonly availabilityZones: readonly string[];
  /** Seconds from launch until the instance has booted and passed into the next state. */
  readonly launchTime: Sampler;
  /**
   * Seconds after InService during which an instance is left out of the group's metrics
   * (DefaultInstanceWarmup; when unset, policies fall back to DefaultCooldown: section 1.4).
   */
  readonly instanceWarmup: number;
  readonly terminationPolicies: readonly TerminationPolicy[];
  readonly newInstancesProtectedFromScaleIn: boolean;
  readonly lifecycleHooks: readonly LifecycleHookConfig[];
  /** The load balancer's deregistration delay: how long a terminating instance may drain. */
  readonly deregistrationDelay: number;
  readonly warmPool?: WarmPoolConfig;
  /** EC2 health checks are always on; ELB adds the load balancer's verdict (section 1.3). */
  readonly healthCheckType: 'EC2' | 'ELB';
  /** Seconds after InService during which health-check failures are ignored (section 1.3). */
  readonly healthCheckGracePeriod: number;
  /**
   * How long an impaired instance (status checks failing) is tolerated before the EC2 health
   * check calls it Unhealthy: "a few minutes" (section 1.3) [INFERRED].
   */
  readonly impairedTolerance: number;
}

/**
 * How long an impaired instance is tolerated before the EC2 health check calls it Unhealthy:
 * "a few minutes" (aws-semantics.md section 1.3), [INFERRED] as 180 s.
 */
export const DEFAULT_IMPAIRED_TOLERANCE = 180;

/** AZ rebalancing may exceed the group's max by 10 % or 1 instance, whichever is greater (section 1.2). */
function rebalanceAllowance(maxSize: number): number {
  return Math.max(1, Math.ceil(0.1 * maxSize));
}

/** One instance of the group and where it is in its life. */
export interface GroupMember {
  readonly instance: Instance;
  readonly id: string;
  readonly availabilityZone: string;
  state: LifecycleState;
  readonly launchedAt: number;
  inServiceAt: number;
  /** Until then the instance's usage is left out of the group's metrics. */
  warmupEndsAt: number;
  protectedFromScaleIn: boolean;
  /** The billing meter running now (instance hours, or the pool's EBS while stopped). */
  meter: number;
  /** The pending event of this member (launch, hook, warm start or drain timeout), for cancellation. */
  timer: number;
  /** Index of the next lifecycle hook of the current transition. */
  nextHook: number;
  /** Busy worker-seconds at the last metrics sample. */
  busyAtSample: number;
  /** Launched by AZ rebalancing: one instance of the busiest AZ goes once this one is InService. */
  rebalancing: boolean;
  /** On its way from the warm pool into service. */
  fromWarmPool: boolean;
}

/** The lifecycle action a member waits on: how it will end, and when it started and completes. */
interface PendingHook {
  readonly result: LifecycleActionResult;
  readonly cause: string;
  readonly startedAt: number;
  /** Infinity when the action fails. */
  readonly actionEndsAt: number;
}

/** Where a member is headed while it boots or runs hooks. */
type Phase = 'launching' | 'warming' | 'terminating' | 'returning';

const SOURCE = 'asg';

/**
 * An EC2 Auto Scaling group: holds its desired capacity by launching and terminating instances,
 * spreads them over its AZs, runs lifecycle hooks, keeps an optional warm pool, and registers
 * InService instances with the load balancer. It carries out decisions; scaling policies make them
 * (architecture: policies are decisions, the group acts).
 */
export class AutoScalingGroup {
  readonly members: GroupMember[] = [];
  minSize: number;
  maxSize: number;
  desiredCapacity: number;
  /** Launches completed (to InService) and terminations completed during the run, for the summary. */
  launches = 0;
  terminations = 0;
  /** Scale-outs served from the warm pool. */
  warmStarts = 0;
  lastActivityCompletedAt = -Infinity;
  /** Instances InService over time. */
  readonly inService = new StepIntegral();
  /** Instances holding requests over time: InService, and terminating ones still draining. */
  readonly serving = new StepIntegral();
  private readonly bootKind: number;
  private readonly hookKind: number;
  private readonly drainTimeoutKind: number;
  private readonly healthKind: number;
  /** AZs that cannot take launches now (an outage). */
  private readonly unavailableZones = new Set<string>();
  private readonly byInstance = new Map<number, GroupMember>();
  /** What each member is doing while its boot or hook event is pending, by instance index. */
  private readonly phases = new Map<number, Phase>();
  /** The outcome of the hook each member is waiting on, by instance index. */
  private readonly hookResults = new Map<number, PendingHook>();

  constructor(
    private readonly sim: Simulator,
    private readonly pool: InstancePool,
    private readonly lb: TargetRegistry<Instance>,
    private readonly billing: BillingMeter,
    private readonly activity: ActivityLog,
    readonly config: GroupConfig,
    private readonly uniform: Uniform,
  ) {
    this.minSize = config.minSize;
    this.maxSize = config.maxSize;
    this.desiredCapacity = config.desiredCapacity;
    this.bootKind = sim.register((i) => this.booted(this.member(i)));
    this.hookKind = sim.register((i) => this.hookDone(this.member(i)));
    this.drainTimeoutKind = sim.register((i) => this.drainTimedOut(this.member(i)));
    this.healthKind = sim.register((i) => this.healthCheckDue(this.member(i)));
    pool.onDrained = (instance) => {
      const m = this.byInstance.get(instance.index);
      if (m && (m.state === 'Terminating' || m.state === 'EnteringStandby')) this.drainFinished(m, 'deregistration complete: no request in flight');
    };
  }

  /** The group as it exists when the run starts: its desired instances InService, its warm pool full. */
  start(): void {
    for (let i = 0; i < this.desiredCapacity; i++) {
      const m = this.newMember('launched before the run started', 'Pending');
      this.enterService(m, 'instance was InService when the run started', false);
    }
    // The instances that exist at the start are no activity of the run: no cooldown runs (section 1.5).
    this.lastActivityCompletedAt = -Infinity;
    const pool = this.config.warmPool;
    if (pool) {
      const size = warmPoolTargetSize(pool, this.desiredCapacity, this.maxSize);
      for (let i = 0; i < size; i++) {
        const m = this.newMember('warm pool prepared before the run started', 'Warmed:Pending', false);
        this.enterPool(m, 'instance was in the warm pool when the run started', false);
      }
    }
  }

  // ---- what policies and reports read ----

  /** Members that count as capacity (pending or InService). */
  get capacity(): number {
    return this.count((m) => countsAsCapacity(m.state));
  }

  count(predicate: (m: GroupMember) => boolean): number {
    let n = 0;
    for (const m of this.members) if (predicate(m)) n++;
    return n;
  }

  /** Pending members, and InService ones still inside their warmup. */
  get warming(): number {
    const now = this.sim.now;
    return this.count((m) => isPending(m.state) || (m.state === 'InService' && now < m.warmupEndsAt));
  }

  /** Instances in the warm pool, ready or on their way in (scaled-in ones returning included). */
  get warmPoolSize(): number {
    return this.count((m) => inWarmPool(m.state) || (isTerminating(m.state) && this.phases.get(m.instance.index) === 'returning'));
  }

  /**
   * A launch or a termination is under way, as the simple-scaling cooldown counts it (section 1.5):
   * a scale-in ends when draining ends, without waiting for terminate hooks.
   */
  get activityInProgress(): boolean {
    return this.members.some((m) => isPending(m.state) || m.state === 'Terminating');
  }

  state(): GroupState {
    return {
      now: this.sim.now,
      minSize: this.minSize,
      maxSize: this.maxSize,
      desiredCapacity: this.desiredCapacity,
      currentCapacity: this.capacity,
      warmingCapacity: this.warming,
      terminatingCapacity: this.count((m) => isTerminating(m.state)),
      activityInProgress: this.activityInProgress,
      lastActivityCompletedAt: this.lastActivityCompletedAt,
    };
  }

  // ---- what changes the group ----

  /** Sets the desired capacity (clamped to [min, max], section 1.1) and launches or terminates to match. */
  setDesiredCapacity(desired: number, cause: string): void {
    const clamped = Math.min(this.maxSize, Math.max(this.minSize, Math.round(desired)));
    if (clamped !== this.desiredCapacity) {
      this.activity.record(this.sim.now, SOURCE, this.config.name, String(this.desiredCapacity), String(clamped), cause);
      this.desiredCapacity = clamped;
    }
    this.reconcile(cause);
  }

  /** A scheduled action: any of min, max and desired; unset ones keep their value (section 1.1). */
  setLimits(limits: { min?: number; max?: number; desired?: number }, cause: string): void {
    if (limits.min !== undefined) this.minSize = limits.min;
    if (limits.max !== undefined) this.maxSize = limits.max;
    if (this.minSize > this.maxSize) this.maxSize = this.minSize;
    this.setDesiredCapacity(limits.desired ?? this.desiredCapacity, cause);
  }

  /**
   * TerminateInstanceInAutoScalingGroup (ManualActions checks the call): the instance goes whatever
   * its protection (section 1.7); without decrementing desired capacity the group replaces it.
   */
  terminateInstance(member: GroupMember, decrementDesired: boolean, cause: string): void {
    if (decrementDesired) {
      this.activity.record(this.sim.now, SOURCE, this.config.name, String(this.desiredCapacity), String(this.desiredCapacity - 1), cause);
      this.desiredCapacity--;
    }
    this.beginTermination(member, cause, false);
    this.reconcile(cause);
  }

  /**
   * EnterStandby (ManualActions checks the call): the instance leaves the load balancer, draining
   * as a scale-in does, and no longer counts as capacity, while it keeps running and billing;
   * without decrementing desired capacity the group launches a replacement.
   */
  enterStandby(m: GroupMember, decrementDesired: boolean, cause: string): void {
    if (decrementDesired) {
      this.activity.record(this.sim.now, SOURCE, this.config.name, String(this.desiredCapacity), String(this.desiredCapacity - 1), cause);
      this.desiredCapacity--;
    }
    this.transition(m, 'EnteringStandby', cause);
    this.deregisterAndDrain(m);
    this.reconcile(cause);
  }

  /** ExitStandby (ManualActions checks the call): desired capacity grows by one and the instance returns to service. */
  exitStandby(m: GroupMember, cause: string): void {
    this.activity.record(this.sim.now, SOURCE, this.config.name, String(this.desiredCapacity), String(this.desiredCapacity + 1), cause);
    this.desiredCapacity++;
    const protectedFromScaleIn = m.protectedFromScaleIn;
    this.transition(m, 'Pending', cause);
    this.enterService(m, 'instance left Standby', false);
    m.protectedFromScaleIn = protectedFromScaleIn;
  }

  /** An instance failed its health check: terminate it; the group launches a replacement (section 1.3). */
  markUnhealthy(member: GroupMember, cause: string): void {
    if (!countsAsCapacity(member.state)) return;
    this.beginTermination(member, `instance failed its health check: ${cause}`, false);
    this.reconcile('an instance was taken out of service');
  }

  private reconcile(cause: string): void {
    // A rebalancing launch is extra capacity on purpose, until its partner is terminated.
    let capacity = this.capacity - this.count((m) => m.rebalancing && countsAsCapacity(m.state));
    while (capacity < this.desiredCapacity) {
      const warmed = this.members.find((m) => isWarmed(m.state));
      if (warmed) this.leavePool(warmed, cause);
      else if (!this.launchIfPossible(cause)) break;
      capacity++;
    }
    while (capacity > this.desiredCapacity) {
      const candidates = this.members.filter((m) => countsAsCapacity(m.state));
      const pick = chooseInstanceToTerminate(candidates, this.config.terminationPolicies, this.sim.now, this.uniform);
      // Every remaining instance is protected from scale-in: desired stays lowered (section 1.1).
      if (pick < 0) break;
      this.beginTermination(candidates[pick], cause, this.config.warmPool?.reuseOnScaleIn ?? false);
      capacity--;
    }
    this.reconcilePool();
  }

  /** Fills the warm pool up to its size, or trims it with the default termination policy (section 5). */
  private reconcilePool(): void {
    const pool = this.config.warmPool;
    if (!pool) return;
    const target = warmPoolTargetSize(pool, this.desiredCapacity, this.maxSize);
    let size = this.warmPoolSize;
    while (size < target) {
      this.boot(this.newMember('filling the warm pool', 'Warmed:Pending'), 'warming');
      size++;
    }
    while (size > target) {
      const candidates = this.members.filter((m) => isWarmed(m.state));
      if (candidates.length === 0) break;
      const pick = chooseInstanceToTerminate(candidates, ['Default'], this.sim.now, this.uniform);
      const m = candidates[pick];
      this.transition(m, 'Warmed:Terminating', 'the warm pool is larger than it should be');
      this.transition(m, 'Warmed:Terminated', 'instance terminated');
      this.billing.stop(m.meter, this.sim.now);
      size--;
    }
  }

  // ---- health (section 1.3) ----

  /** The instance stops (its process, or its whole host): its status checks fail from now on. */
  crash(m: GroupMember, cause: string, kind: CrashKind = 'process'): void {
    this.activity.record(this.sim.now, 'ec2', m.id, 'ok', 'impaired', cause);
    m.instance.crash(kind);
    this.instanceImpaired(m);
  }

  /** A downed instance that was not replaced comes back. */
  recover(m: GroupMember, cause: string): void {
    if (!m.instance.down || m.state === 'Terminated' || m.state === 'Warmed:Terminated') return;
    m.instance.recover();
    this.activity.record(this.sim.now, 'ec2', m.id, 'impaired', 'ok', cause);
  }

  /** The instance's status checks fail (it crashed, or its AZ is out): EC2 health calls it Unhealthy after a while. */
  instanceImpaired(member: GroupMember): void {
    this.scheduleHealthCheck(member, this.sim.now + this.config.impairedTolerance);
  }

  /** The load balancer found the target unhealthy: with ELB health checks, the group replaces it. */
  targetUnhealthy(member: GroupMember): void {
    if (this.config.healthCheckType === 'ELB') this.scheduleHealthCheck(member, this.sim.now);
  }

  private scheduleHealthCheck(m: GroupMember, at: number): void {
    if (m.state !== 'InService') return;
    // Failures inside the grace period after InService are ignored; the check comes after it.
    this.sim.schedule(Math.max(at, m.inServiceAt + this.config.healthCheckGracePeriod), this.healthKind, m.instance.index);
  }

  private healthCheckDue(m: GroupMember): void {
    if (m.state !== 'InService') return;
    if (m.instance.down) this.markUnhealthy(m, 'status checks failed (impaired)');
    else if (this.config.healthCheckType === 'ELB' && !this.lbHealthy(m)) this.markUnhealthy(m, 'ELB health check failed');
  }

  /** Whether the load balancer considers the member healthy; the ELB model overrides this. */
  lbHealthy: (m: GroupMember) => boolean = () => true;

  // ---- Availability Zones ----

  /** An AZ stops (or resumes) taking launches. */
  setZoneAvailable(az: string, available: boolean): void {
    if (available) this.unavailableZones.delete(az);
    else this.unavailableZones.add(az);
    if (available) {
      this.reconcile(`${az} is available again`);
      this.rebalance();
    }
  }

  /**
   * AZRebalance (section 1.2): when AZs differ by more than one instance and nothing else is under
   * way, launch into the smallest AZ first, then terminate one in the largest; the group may exceed
   * its max by the allowance meanwhile.
   */
  private rebalance(): void {
    if (this.activityInProgress) return;
    const zones = this.availableZones();
    if (zones.length < 2) return;
    const counts = zones.map((az) => this.count((m) => countsAsCapacity(m.state) && m.availabilityZone === az));
    if (Math.max(...counts) - Math.min(...counts) <= 1) return;
    // Protection holds against rebalancing: without an instance it may remove, it would not end.
    const busiest = zones[counts.indexOf(Math.max(...counts))];
    if (!this.members.some((m) => m.state === 'InService' && m.availabilityZone === busiest && !m.protectedFromScaleIn)) return;
    if (this.capacity + 1 > this.maxSize + rebalanceAllowance(this.maxSize)) return;
    const m = this.newMember('AZRebalance: the group is unbalanced across Availability Zones', 'Pending', true, zones[counts.indexOf(Math.min(...counts))]);
    m.rebalancing = true;
    this.boot(m, 'launching');
  }

  /** After a rebalancing launch is InService: terminate one instance of the busiest AZ. */
  private finishRebalance(m: GroupMember): void {
    m.rebalancing = false;
    const candidates = this.members.filter((c) => c !== m && countsAsCapacity(c.state));
    const pick = chooseInstanceToTerminate(candidates, this.config.terminationPolicies, this.sim.now, this.uniform);
    if (pick >= 0) this.beginTermination(candidates[pick], 'AZRebalance: terminating an instance of the largest Availability Zone', false);
  }

  /** The group's AZs that can take launches now. */
  private availableZones(): string[] {
    return this.config.availabilityZones.filter((az) => !this.unavailableZones.has(az));
  }

  // ---- launching and warm starts ----

  /** Launches one instance into the group, unless no AZ can take it. */
  private launchIfPossible(cause: string): boolean {
    if (this.availableZones().length === 0) return false;
    this.boot(this.newMember(cause, 'Pending'), 'launching');
    return true;
  }

  /** A new instance; `billed` false for a pool instance prepared before the run, whose launch is not part of it. */
  private newMember(cause: string, state: 'Pending' | 'Warmed:Pending', billed = true, zone?: string): GroupMember {
    // Launches go to the AZs that can take them (balanced-best-effort, section 1.2).
    const zones = this.availableZones();
    const az = zone ?? chooseAvailabilityZoneForLaunch(zones.length > 0 ? zones : this.config.availabilityZones, (zone) =>
      this.count((m) => (countsAsCapacity(m.state) || inWarmPool(m.state)) && m.availabilityZone === zone),
    );
    const instance = this.pool.create({
      instanceType: this.config.instanceType,
      vcpus: this.config.vcpus,
      availabilityZone: az,
      workers: this.config.workers,
      queueLimit: this.config.queueLimit,
    });
    const now = this.sim.now;
    const m: GroupMember = {
      instance,
      id: instanceId(instance.index),
      availabilityZone: az,
      state,
      launchedAt: now,
      inServiceAt: NaN,
      warmupEndsAt: now,
      protectedFromScaleIn: false,
      meter: billed ? this.billing.start(this.config.instanceType, now) : -1,
      timer: -1,
      nextHook: 0,
      busyAtSample: 0,
      rebalancing: false,
      fromWarmPool: false,
    };
    this.members.push(m);
    this.byInstance.set(instance.index, m);
    this.activity.record(now, SOURCE, m.id, '', state, `launching into ${az}: ${cause}`);
    return m;
  }

  /** Starts a boot: a cold launch (into the group or the pool) or a warm start out of the pool. */
  private boot(m: GroupMember, phase: 'launching' | 'warming', seconds = this.config.launchTime()): void {
    this.phases.set(m.instance.index, phase);
    m.timer = this.sim.scheduleIn(seconds, this.bootKind, m.instance.index);
  }

  private booted(m: GroupMember): void {
    m.timer = -1;
    m.nextHook = 0;
    this.runHooksOrProceed(m, this.phases.get(m.instance.index)!);
  }

  /** Takes a ready instance out of the pool for the group (section 5: warm start). */
  private leavePool(m: GroupMember, cause: string): void {
    const pool = this.config.warmPool!;
    const now = this.sim.now;
    this.transition(m, 'Pending', `leaving the warm pool (${m.state}): ${cause}`);
    if (pool.poolState !== 'Running') {
      this.billing.stop(m.meter, now);
      m.meter = this.billing.start(this.config.instanceType, now);
    }
    this.warmStarts++;
    m.fromWarmPool = true;
    this.boot(m, 'launching', pool.warmStartTime());
  }

  /** Places a prepared instance in the pool; `resize` trims or refills the pool after it. */
  private enterPool(m: GroupMember, cause: string, resize = true): void {
    const pool = this.config.warmPool!;
    const now = this.sim.now;
    this.transition(m, `Warmed:${pool.poolState}`, cause);
    if (pool.poolState !== 'Running' || m.meter < 0) {
      if (m.meter >= 0) this.billing.stop(m.meter, now);
      const type = this.config.instanceType;
      m.meter =
        pool.poolState === 'Running'
          ? this.billing.start(type, now)
          : this.billing.startAt(`${type} warm pool (${pool.poolState})`, warmPoolHourlyCost(pool, type), now);
    }
    if (resize) this.reconcilePool();
  }

  // ---- lifecycle hooks (section 6) ----

  private runHooksOrProceed(m: GroupMember, phase: Phase): void {
    // A launch hook fires on the way into the pool and again on the way out; with reuse, a
    // terminate hook fires on the way back into the pool (section 5).
    const transition = phase === 'launching' || phase === 'warming' ? 'launching' : 'terminating';
    const hooks = this.config.lifecycleHooks.filter((h) => h.transition === transition);
    const hook = hooks[m.nextHook];
    if (!hook) {
      this.phases.delete(m.instance.index);
      if (phase === 'launching') this.enterService(m, 'launch complete', true);
      else if (phase === 'warming') this.enterPool(m, 'instance initialised and placed in the warm pool');
      else if (phase === 'returning') this.enterPool(m, 'instance returned to the warm pool (reuse on scale-in)');
      else this.finishTermination(m, 'instance terminated');
      return;
    }
    m.nextHook++;
    this.phases.set(m.instance.index, phase);
    const wait: LifecycleState = phase === 'launching' ? 'Pending:Wait' : phase === 'warming' ? 'Warmed:Pending:Wait' : 'Terminating:Wait';
    this.transition(m, wait, `lifecycle hook ${hook.name} started`);
    const outcome = playLifecycleAction(hook, phase === 'launching' && m.fromWarmPool);
    const now = this.sim.now;
    this.hookResults.set(m.instance.index, { result: outcome.result, cause: outcome.cause, startedAt: now, actionEndsAt: now + outcome.actionSeconds });
    m.timer = this.sim.scheduleIn(outcome.after, this.hookKind, m.instance.index);
  }

  /** The hook the member waits on (Pending:Wait, Warmed:Pending:Wait, Terminating:Wait), if any. */
  waitingHook(m: GroupMember): LifecycleHookConfig | undefined {
    if (!m.state.endsWith(':Wait') || m.timer < 0) return undefined;
    const phase = this.phases.get(m.instance.index);
    const transition = phase === 'launching' || phase === 'warming' ? 'launching' : 'terminating';
    return this.config.lifecycleHooks.filter((h) => h.transition === transition)[m.nextHook - 1];
  }

  /** CompleteLifecycleAction (ManualActions checks the call): the hook ends now with `result`. */
  completeLifecycleAction(m: GroupMember, result: LifecycleActionResult, cause: string): void {
    this.sim.cancel(m.timer);
    const pending = this.hookResults.get(m.instance.index)!;
    this.hookResults.set(m.instance.index, { ...pending, result, cause });
    this.hookDone(m);
  }

  /** RecordLifecycleActionHeartbeat (ManualActions checks the call): the wait's timeout restarts. */
  recordHeartbeat(m: GroupMember, hook: LifecycleHookConfig): void {
    const now = this.sim.now;
    const pending = this.hookResults.get(m.instance.index)!;
    const globalEnd = pending.startedAt + globalTimeout(hook);
    const capped = globalEnd < now + hook.heartbeatTimeout;
    const outcome = actionOutcome(hook, pending.actionEndsAt - now, (capped ? globalEnd : now + hook.heartbeatTimeout) - now, capped ? 'global' : 'heartbeat');
    this.hookResults.set(m.instance.index, { ...pending, result: outcome.result, cause: outcome.cause });
    this.sim.cancel(m.timer);
    m.timer = this.sim.scheduleIn(outcome.after, this.hookKind, m.instance.index);
  }

  private hookDone(m: GroupMember): void {
    m.timer = -1;
    const index = m.instance.index;
    const outcome = this.hookResults.get(index)!;
    this.hookResults.delete(index);
    const phase = this.phases.get(index)!;
    if (phase === 'launching' || phase === 'warming') {
      if (outcome.result === 'ABANDON') {
        // Launch + ABANDON: the instance is terminated and replaced (section 6).
        this.phases.delete(index);
        m.rebalancing = false;
        this.transition(m, phase === 'launching' ? 'Terminating' : 'Warmed:Terminating', outcome.cause);
        this.finishTermination(m, 'instance terminated');
        this.reconcile('replacing an instance whose launch was abandoned');
        return;
      }
      this.transition(m, phase === 'launching' ? 'Pending:Proceed' : 'Warmed:Pending:Proceed', outcome.cause);
      this.runHooksOrProceed(m, phase);
    } else {
      this.transition(m, 'Terminating:Proceed', outcome.cause);
      // Terminate + ABANDON skips the remaining hooks; CONTINUE lets them run (section 6).
      if (outcome.result === 'ABANDON') {
        this.phases.delete(index);
        if (phase === 'returning') this.enterPool(m, 'instance returned to the warm pool (reuse on scale-in)');
        else this.finishTermination(m, 'instance terminated');
      } else {
        this.runHooksOrProceed(m, phase);
      }
    }
  }

  private enterService(m: GroupMember, cause: string, warm: boolean): void {
    const now = this.sim.now;
    this.transition(m, 'InService', cause);
    m.fromWarmPool = false;
    m.inServiceAt = now;
    m.warmupEndsAt = warm ? now + this.config.instanceWarmup : now;
    m.busyAtSample = m.instance.busySeconds(now);
    // Protection takes effect at InService (section 1.7).
    m.protectedFromScaleIn = this.config.newInstancesProtectedFromScaleIn;
    this.lb.register(m.instance);
    this.inService.add(now, 1);
    this.serving.add(now, 1);
    if (warm) this.launches++;
    if (m.rebalancing) this.finishRebalance(m);
    if (m.instance.down) this.instanceImpaired(m);
    this.noteActivityEnd();
  }

  // ---- terminating ----

  /** Takes an instance out of service: drain it, run terminate hooks, then end it or return it to the pool. */
  private beginTermination(m: GroupMember, cause: string, returnToPool: boolean): void {
    if (m.timer >= 0) this.sim.cancel(m.timer);
    m.timer = -1;
    m.rebalancing = false;
    this.hookResults.delete(m.instance.index);
    // An impaired instance is not worth keeping in the pool.
    if (m.instance.down) returnToPool = false;
    this.phases.set(m.instance.index, returnToPool ? 'returning' : 'terminating');
    const wasInService = m.state === 'InService';
    this.transition(m, 'Terminating', cause);
    if (!wasInService) {
      this.finishDrainPhase(m);
      return;
    }
    this.deregisterAndDrain(m);
  }

  /** Deregistration: no new requests; in-flight ones may finish within the delay (section 7.2). */
  private deregisterAndDrain(m: GroupMember): void {
    this.lb.deregister(m.instance);
    this.inService.add(this.sim.now, -1);
    m.instance.draining = true;
    if (m.instance.outstanding === 0) this.drainFinished(m, 'deregistration complete: no request in flight');
    else m.timer = this.sim.scheduleIn(this.config.deregistrationDelay, this.drainTimeoutKind, m.instance.index);
  }

  private drainTimedOut(m: GroupMember): void {
    m.timer = -1;
    // Requests still running when the deregistration delay ends get a 502 (section 7.2).
    m.instance.failAll(Cause.http_502);
    this.drainFinished(m, `deregistration delay (${this.config.deregistrationDelay} s) ended`);
  }

  private drainFinished(m: GroupMember, cause: string): void {
    if (m.timer >= 0) this.sim.cancel(m.timer);
    m.timer = -1;
    m.instance.draining = false;
    this.serving.add(this.sim.now, -1);
    this.lb.forget(m.instance, cause);
    if (m.state === 'EnteringStandby') this.transition(m, 'Standby', 'instance entered Standby');
    else this.finishDrainPhase(m);
    this.noteActivityEnd();
  }

  private finishDrainPhase(m: GroupMember): void {
    m.nextHook = 0;
    this.runHooksOrProceed(m, this.phases.get(m.instance.index)!);
  }

  private finishTermination(m: GroupMember, cause: string): void {
    const now = this.sim.now;
    // Whatever is still on the instance is cut off.
    m.instance.failAll(Cause.http_502);
    this.transition(m, m.state.startsWith('Warmed:') ? 'Warmed:Terminated' : 'Terminated', cause);
    this.billing.stop(m.meter, now);
    this.terminations++;
    this.noteActivityEnd();
  }

  // ---- helpers ----

  private transition(m: GroupMember, to: LifecycleState, cause: string): void {
    this.activity.record(this.sim.now, SOURCE, m.id, m.state, to, cause);
    m.state = to;
  }

  private noteActivityEnd(): void {
    if (this.activityInProgress) return;
    this.lastActivityCompletedAt = this.sim.now;
    this.rebalance();
  }

  /** The member running `instance`. */
  memberOf(instance: Instance): GroupMember {
    return this.byInstance.get(instance.index)!;
  }

  private member(instanceIndex: number): GroupMember {
    return this.byInstance.get(instanceIndex)!;
  }
}
