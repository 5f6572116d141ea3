import { RandomStreams, Simulator } from '../../../src/engine/index.ts';
import { AutoScalingGroup, type GroupConfig } from '../../../src/models/autoscaling/group.ts';
import { InstancePool } from '../../../src/models/compute/instance-pool.ts';
import { BillingMeter } from '../../../src/models/cost/billing-meter.ts';
import { DEFAULT_UNHEALTHY_STATE_ROUTING } from '../../../src/models/elb/health/fail-open.ts';
import { ALB_DEFAULTS } from '../../../src/models/elb/health/health-check-config.ts';
import { Listener } from '../../../src/models/elb/listener.ts';
import { LoadBalancer, type LoadBalancerConfig } from '../../../src/models/elb/load-balancer.ts';
import { TargetGroup, type TargetGroupConfig } from '../../../src/models/elb/target-group.ts';
import type { Instance } from '../../../src/models/compute/instance.ts';
import { RoundRobin } from '../../../src/models/elb/routing/round-robin.ts';
import { Cause, Outcomes } from '../../../src/models/requests/outcomes.ts';
import { RequestTable } from '../../../src/models/requests/request-table.ts';
import { ActivityLog } from '../../../src/models/telemetry/activity-log.ts';

/** A group on an engine with a load balancer and its one target group, without a workload: requests are sent by hand. */
export function groupHarness(overrides: Partial<GroupConfig> = {}, lbOverrides: Partial<TargetGroupConfig<Instance> & LoadBalancerConfig> = {}) {
  const sim = new Simulator();
  const requests = new RequestTable();
  const outcomes = new Outcomes(0);
  const pool = new InstancePool(sim, requests, outcomes, Infinity, Cause.timeout);
  const billing = new BillingMeter();
  const activity = new ActivityLog();
  const targetGroup = new TargetGroup<Instance>(
    sim,
    {
      name: 'test-lb',
      healthCheck: ALB_DEFAULTS,
      unhealthyStateRouting: DEFAULT_UNHEALTHY_STATE_ROUTING,
      deregistrationDelay: overrides.deregistrationDelay ?? 300,
      crossZone: true,
      newAlgorithm: () => new RoundRobin(),
      outcomeListeners: [],
      targetEvents: false,
      ...lbOverrides,
    },
    activity,
    (t) => ({ seconds: t.down ? 0 : 0.002 * t.slowdown, passes: !t.down }),
  );
  const listener = new Listener([{ pathPatterns: null, forward: [{ targetGroup, weight: 1 }] }], ['/'], new RandomStreams(1).stream('elb.listener'));
  const lb = new LoadBalancer(sim, { name: 'test-lb', crossZone: lbOverrides.crossZone ?? true, dns: lbOverrides.dns }, listener, requests, outcomes);
  const config: GroupConfig = {
    name: 'test-asg',
    instanceType: 'm7g.large',
    vcpus: 2,
    workers: 2,
    queueLimit: Infinity,
    minSize: 0,
    maxSize: 10,
    desiredCapacity: 0,
    availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
    launchTime: () => 60,
    instanceWarmup: 300,
    terminationPolicies: ['Default'],
    newInstancesProtectedFromScaleIn: false,
    lifecycleHooks: [],
    deregistrationDelay: 300,
    healthCheckType: 'EC2',
    healthCheckGracePeriod: 0,
    impairedTolerance: 180,
    ...overrides,
  };
  const group = new AutoScalingGroup(sim, pool, targetGroup, billing, activity, config, new RandomStreams(1).stream('asg'));
  /** Sends one request of `service` seconds through the load balancer now. */
  const send = (service: number) => {
    const id = requests.alloc(sim.now, service);
    outcomes.arrival(service);
    lb.route(id);
  };
  const transitions = (subject?: string) =>
    activity.records.filter((r) => r.source === 'asg' && r.subject.startsWith('i-') && (!subject || r.subject === subject)).map((r) => `${r.time}:${r.from}->${r.to}`);
  return { sim, group, lb, targetGroup, billing, outcomes, requests, activity, send, transitions };
}
