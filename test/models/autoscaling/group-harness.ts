import { RandomStreams, Simulator } from '../../../src/engine/index.ts';
import { AutoScalingGroup, type GroupConfig } from '../../../src/models/autoscaling/group.ts';
import { ServerRegistry } from '../../../src/models/compute/server-registry.ts';
import { BillingMeter } from '../../../src/models/cost/billing-meter.ts';
import { DEFAULT_UNHEALTHY_STATE_ROUTING } from '../../../src/models/elb/health/fail-open.ts';
import { ALB_DEFAULTS } from '../../../src/models/elb/health/health-check-config.ts';
import { LoadBalancer, type HealthCheckAnswer, type LoadBalancerConfig } from '../../../src/models/elb/load-balancer.ts';
import type { Server } from '../../../src/models/compute/server.ts';
import { RoundRobin } from '../../../src/models/elb/routing/round-robin.ts';
import { Cause, Outcomes } from '../../../src/models/requests/outcomes.ts';
import { RequestTable } from '../../../src/models/requests/request-table.ts';
import { ActivityLog } from '../../../src/models/telemetry/activity-log.ts';

/** A second target group the group registers with: its settings and how targets answer its checks. */
export interface SecondTargetGroup {
  readonly config: Partial<LoadBalancerConfig<Server>>;
  readonly answer: HealthCheckAnswer<Server>;
}

/**
 * A group on an engine (its own unless given) with a load balancer (and optionally a second one),
 * without a workload: requests are sent by hand.
 */
export function groupHarness(overrides: Partial<GroupConfig> = {}, lbOverrides: Partial<LoadBalancerConfig<Server>> = {}, second?: SecondTargetGroup, sim = new Simulator()) {
  const requests = new RequestTable();
  const outcomes = new Outcomes(0);
  const servers = new ServerRegistry(sim, requests, outcomes, Infinity, Cause.timeout, 0.1);
  const billing = new BillingMeter();
  const activity = new ActivityLog();
  const newLoadBalancer = (name: string, lbConfig: Partial<LoadBalancerConfig<Server>>, answer: HealthCheckAnswer<Server>) =>
    new LoadBalancer<Server>(
      sim,
      {
        name,
        healthCheck: ALB_DEFAULTS,
        unhealthyStateRouting: DEFAULT_UNHEALTHY_STATE_ROUTING,
        crossZone: true,
        newAlgorithm: () => new RoundRobin(),
        outcomeListeners: [],
        targetEvents: false,
        ...lbConfig,
      },
      requests,
      outcomes,
      activity,
      answer,
    );
  const lb = newLoadBalancer('test-lb', lbOverrides, (t) => ({ seconds: t.down ? 0 : 0.002 * t.slowdown, passes: !t.down }));
  const lb2 = second && newLoadBalancer('test-lb-2', second.config, second.answer);
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
  const group = new AutoScalingGroup(sim, lb2 ? [lb, lb2] : [lb], servers, billing, activity, config, new RandomStreams(1).stream('asg'));
  /** Sends one request of `service` seconds through the load balancer now. */
  const send = (service: number) => {
    const id = requests.alloc(sim.now, service);
    outcomes.arrival(service);
    lb.route(id);
  };
  const transitions = (subject?: string) =>
    activity.records.filter((r) => r.source === 'asg:test-asg' && r.subject.startsWith('i-') && (!subject || r.subject === subject)).map((r) => `${r.time}:${r.from}->${r.to}`);
  return { sim, group, lb, lb2, servers, billing, outcomes, requests, activity, send, transitions };
}
