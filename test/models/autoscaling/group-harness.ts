import { RandomStreams, Simulator } from '../../../src/engine/index.ts';
import { AutoScalingGroup, type GroupConfig } from '../../../src/models/autoscaling/group.ts';
import { ServerRegistry } from '../../../src/models/compute/server-registry.ts';
import { BillingMeter } from '../../../src/models/cost/billing-meter.ts';
import { DEFAULT_UNHEALTHY_STATE_ROUTING } from '../../../src/models/elb/health/fail-open.ts';
import { ALB_DEFAULTS } from '../../../src/models/elb/health/health-check-config.ts';
import { Listener } from '../../../src/models/elb/listener.ts';
import { LoadBalancer, type LoadBalancerConfig } from '../../../src/models/elb/load-balancer.ts';
import { TargetGroup, type HealthCheckAnswer, type TargetGroupConfig } from '../../../src/models/elb/target-group.ts';
import type { Server } from '../../../src/models/compute/server.ts';
import { RoundRobin } from '../../../src/models/elb/routing/round-robin.ts';
import { Cause, Outcomes } from '../../../src/models/requests/outcomes.ts';
import { RequestTable } from '../../../src/models/requests/request-table.ts';
import { ActivityLog } from '../../../src/models/telemetry/activity-log.ts';

/** A second target group the group registers with: its settings and how targets answer its checks. */
export interface SecondTargetGroup {
  readonly config: Partial<TargetGroupConfig<Server>>;
  readonly answer: HealthCheckAnswer<Server>;
}

/**
 * A group on an engine (its own unless given) with a load balancer and its target group (and
 * optionally a second target group), without a workload: requests are sent by hand.
 */
export function groupHarness(
  overrides: Partial<GroupConfig> = {},
  lbOverrides: Partial<TargetGroupConfig<Server> & LoadBalancerConfig> = {},
  second?: SecondTargetGroup,
  sim = new Simulator(),
) {
  const requests = new RequestTable();
  const outcomes = new Outcomes(0);
  const servers = new ServerRegistry(sim, requests, outcomes, Infinity, Cause.timeout, 0.1);
  const billing = new BillingMeter();
  const activity = new ActivityLog();
  const newTargetGroup = (name: string, tgConfig: Partial<TargetGroupConfig<Server>>, answer: HealthCheckAnswer<Server>) =>
    new TargetGroup<Server>(
      sim,
      {
        name,
        healthCheck: ALB_DEFAULTS,
        unhealthyStateRouting: DEFAULT_UNHEALTHY_STATE_ROUTING,
        deregistrationDelay: 300,
        crossZone: true,
        newAlgorithm: () => new RoundRobin(),
        outcomeListeners: [],
        targetEvents: false,
        ...tgConfig,
      },
      activity,
      answer,
    );
  const name = lbOverrides.name ?? 'test-lb';
  const targetGroup = newTargetGroup(name, lbOverrides, (t) => ({ seconds: t.down ? 0 : 0.002 * t.slowdown, passes: !t.down }));
  const targetGroup2 = second && newTargetGroup('test-lb-2', second.config, second.answer);
  const listener = new Listener([{ pathPatterns: null, forward: [{ targetGroup, weight: 1 }] }], ['/'], new RandomStreams(1).stream('elb.listener'));
  const lb = new LoadBalancer(sim, { name, crossZone: lbOverrides.crossZone ?? true, dns: lbOverrides.dns }, listener, requests, outcomes);
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
    healthCheckType: 'EC2',
    healthCheckGracePeriod: 0,
    impairedTolerance: 180,
    ...overrides,
  };
  const group = new AutoScalingGroup(sim, targetGroup2 ? [targetGroup, targetGroup2] : [targetGroup], servers, billing, activity, config, new RandomStreams(1).stream('asg'));
  /** Sends one request of `service` seconds through the load balancer now. */
  const send = (service: number) => {
    const id = requests.alloc(sim.now, service);
    outcomes.arrival(service);
    lb.route(id);
  };
  const transitions = (subject?: string) =>
    activity.records.filter((r) => r.source === 'asg:test-asg' && r.subject.startsWith('i-') && (!subject || r.subject === subject)).map((r) => `${r.time}:${r.from}->${r.to}`);
  return { sim, group, lb, targetGroup, targetGroup2, servers, billing, outcomes, requests, activity, send, transitions };
}
