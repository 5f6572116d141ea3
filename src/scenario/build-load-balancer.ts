import type { RandomStreams, Simulator } from '../engine/index.ts';
import type { Server } from '../models/compute/server.ts';
import { DEFAULT_UNHEALTHY_STATE_ROUTING } from '../models/elb/health/fail-open.ts';
import { Listener } from '../models/elb/listener.ts';
import { LoadBalancer } from '../models/elb/load-balancer.ts';
import { NodeDns } from '../models/elb/node-dns.ts';
import { AnomalyDetection } from '../models/elb/routing/anomaly-detection.ts';
import { AnomalyMitigation } from '../models/elb/routing/anomaly-mitigation.ts';
import { FlowHash } from '../models/elb/routing/flow-hash.ts';
import { LeastOutstandingRequests } from '../models/elb/routing/least-outstanding-requests.ts';
import { RandomRouting } from '../models/elb/routing/random.ts';
import { RoundRobin } from '../models/elb/routing/round-robin.ts';
import type { RoutingAlgorithm } from '../models/elb/routing/routing-algorithm.ts';
import { SlowStart } from '../models/elb/routing/slow-start.ts';
import { StickySessions } from '../models/elb/routing/sticky-sessions.ts';
import type { TargetWeights } from '../models/elb/routing/target-weights.ts';
import { WeightedRandom } from '../models/elb/routing/weighted-random.ts';
import { WeightedRoundRobin } from '../models/elb/routing/weighted-round-robin.ts';
import type { Outcomes } from '../models/requests/outcomes.ts';
import type { RequestTable } from '../models/requests/request-table.ts';
import { TargetGroup } from '../models/elb/target-group.ts';
import type { ActivityLog } from '../models/telemetry/activity-log.ts';
import { healthCheckConfigOf } from './load-balancer-schema.ts';
import type { Scenario } from './schema.ts';
import { singleResources } from './single-resource.ts';

export interface BuiltLoadBalancer {
  readonly loadBalancer: LoadBalancer<Server>;
  /** The target group the listener's default rule forwards to, named after the load balancer. */
  readonly targetGroup: TargetGroup<Server>;
}

/**
 * The scenario's `load_balancer` as a load balancer whose listener has one rule, the default
 * one, forwarding to one target group with the load balancer's name and settings.
 */
export function buildLoadBalancer(
  sim: Simulator,
  scenario: Scenario,
  rng: RandomStreams,
  requests: RequestTable,
  outcomes: Outcomes,
  activity: ActivityLog,
): BuiltLoadBalancer {
  const single = singleResources(scenario);
  const lb = { name: single.loadBalancer.name, ...single.loadBalancer.config, ...single.targetGroup.config };
  const algorithm = lb.algorithm ?? (lb.type === 'alb' ? 'round_robin' : 'flow_hash');
  const routing = rng.stream('elb.routing');
  const weights: TargetWeights[] = [];
  const slowStart = lb.slow_start > 0 ? new SlowStart(sim, { durationSeconds: lb.slow_start }) : undefined;
  if (slowStart) weights.push(slowStart);
  // ALB runs anomaly detection on every target group, but only mitigation acts on its verdicts
  // (7.4), and fleetsim reports none: it is modelled only when mitigation is on.
  const detection = lb.anomaly_mitigation ? new AnomalyDetection(sim) : undefined;
  if (detection) weights.push(new AnomalyMitigation(detection));
  const chooseAlgorithm = (): RoutingAlgorithm => {
    switch (algorithm) {
      case 'round_robin':
        return slowStart ? new WeightedRoundRobin(sim, weights) : new RoundRobin();
      case 'least_outstanding_requests':
        return new LeastOutstandingRequests(routing);
      case 'weighted_random':
        return new WeightedRandom(routing, sim, weights);
      case 'random':
        return new RandomRouting(routing);
      case 'flow_hash':
        return new FlowHash(routing, { connections: lb.connections, requestsPerConnection: lb.requests_per_connection });
    }
  };
  const sticky = lb.stickiness;
  const newAlgorithm = (): RoutingAlgorithm =>
    sticky
      ? new StickySessions(chooseAlgorithm(), routing, sim, {
          clients: lb.connections,
          requestsPerClient: lb.requests_per_connection,
          durationSeconds: sticky.duration,
        })
      : chooseAlgorithm();
  const crossZone = lb.cross_zone ?? lb.type === 'alb';
  const targetGroup = new TargetGroup<Server>(
    sim,
    {
      name: lb.name,
      healthCheck: healthCheckConfigOf(single.targetGroup.type, lb.health_check),
      unhealthyStateRouting: DEFAULT_UNHEALTHY_STATE_ROUTING,
      deregistrationDelay: lb.deregistration_delay,
      crossZone,
      newAlgorithm,
      outcomeListeners: detection ? [detection] : [],
      targetEvents: detection !== undefined || algorithm === 'least_outstanding_requests',
      onRegistered: slowStart ? (t) => slowStart.targetRegistered(t) : undefined,
    },
    activity,
    (target) => target.answerHealthCheck(),
  );
  const listener = new Listener<Server>([{ pathPatterns: null, forward: [{ targetGroup, weight: 1 }] }], ['/'], rng.stream('elb.listener'));
  const loadBalancer = new LoadBalancer<Server>(
    sim,
    { name: lb.name, crossZone, dns: crossZone ? undefined : new NodeDns(lb.connections, lb.requests_per_connection, lb.dns_ttl, rng.stream('elb.dns')) },
    listener,
    requests,
    outcomes,
  );
  return { loadBalancer, targetGroup };
}
