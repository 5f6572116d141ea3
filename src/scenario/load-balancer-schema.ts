import { z } from 'zod';
import { DEFAULT_IDLE_TIMEOUT } from '../models/elb/idle-timeout.ts';
import { DEFAULT_DEREGISTRATION_DELAY } from '../models/elb/target-group.ts';
import { DEFAULT_DNS_TTL } from '../models/elb/node-dns.ts';
import { DEFAULT_CONNECT_TIMEOUT } from '../models/elb/connect-timeout.ts';
import { ALB_DEFAULTS, healthCheckConfigErrors, NLB_DEFAULTS, type HealthCheckConfig } from '../models/elb/health/health-check-config.ts';
import { slowStartErrors } from '../models/elb/routing/slow-start.ts';
import { DEFAULT_LB_COOKIE_DURATION_SECONDS, LB_COOKIE_DURATION_RANGE } from '../models/elb/routing/sticky-sessions.ts';
import { bounded } from './bounded.ts';
import { duration, positiveDuration } from './duration-schema.ts';
import { MAX_CONNECTIONS } from './limits.ts';
import { listenerSchema, type TargetGroupWeight } from './listener-schema.ts';
import type { Scenario } from './schema.ts';

/**
 * Load balancers and target groups: the shorthand's load_balancer, which holds both, and the
 * general form's load_balancers.<name> and target_groups.<name>, each with the attributes AWS
 * gives it. AWS's defaults and ranges: docs/aws-semantics.md section 7.
 */

export type LoadBalancerType = 'alb' | 'nlb';

const loadBalancerType = z.enum(['alb', 'nlb']).default('alb').describe('Application (alb) or Network (nlb) Load Balancer; default alb.');

/** Attributes of a target group (ModifyTargetGroupAttributes, ModifyTargetGroup). */
const targetGroupFields = {
  algorithm: z.enum(['round_robin', 'least_outstanding_requests', 'weighted_random', 'random', 'flow_hash']).optional().describe('load_balancing.algorithm.type; default round_robin (ALB), flow_hash (NLB), as AWS.'),
  anomaly_mitigation: z.boolean().default(false).describe('load_balancing.algorithm.anomaly_mitigation, weighted_random only; default false, as AWS.'),
  stickiness: z
    .strictObject({
      duration: positiveDuration
        .pipe(z.number().min(LB_COOKIE_DURATION_RANGE[0]).max(LB_COOKIE_DURATION_RANGE[1]))
        .default(DEFAULT_LB_COOKIE_DURATION_SECONDS)
        .describe(`stickiness.lb_cookie.duration_seconds: ${LB_COOKIE_DURATION_RANGE[0]} to ${LB_COOKIE_DURATION_RANGE[1]} s; default ${DEFAULT_LB_COOKIE_DURATION_SECONDS} s, as AWS.`),
    })
    .optional()
    .describe('ALB duration-based stickiness (lb_cookie): a client sticks to its target for duration; default off.'),
  health_check: z
    .strictObject({
      interval: positiveDuration.optional().describe(`HealthCheckIntervalSeconds; default ${ALB_DEFAULTS.intervalSeconds} s (ALB), ${NLB_DEFAULTS.intervalSeconds} s (NLB), as AWS.`),
      timeout: positiveDuration.optional().describe(`HealthCheckTimeoutSeconds; default ${ALB_DEFAULTS.timeoutSeconds} s (ALB), ${NLB_DEFAULTS.timeoutSeconds} s (NLB, TCP), as AWS.`),
      healthy_threshold: z.number().int().optional().describe(`HealthyThresholdCount: passes in a row that make a target healthy; default ${ALB_DEFAULTS.healthyThresholdCount} (ALB), ${NLB_DEFAULTS.healthyThresholdCount} (NLB), as AWS.`),
      unhealthy_threshold: z.number().int().optional().describe(`UnhealthyThresholdCount: failures in a row that make a target unhealthy; default ${ALB_DEFAULTS.unhealthyThresholdCount} (ALB), ${NLB_DEFAULTS.unhealthyThresholdCount} (NLB), as AWS.`),
    })
    .default({})
    .describe("The target group's health checks; defaults per load balancer type, as AWS."),
  deregistration_delay: duration.pipe(z.number().max(3600)).default(DEFAULT_DEREGISTRATION_DELAY).describe(`deregistration_delay.timeout_seconds: how long a deregistering target may finish its requests; 0 to 3600 s, default ${DEFAULT_DEREGISTRATION_DELAY} s, as AWS.`),
  slow_start: duration.default(0).describe("slow_start.duration_seconds (ALB): a new target's share of requests ramps up over this; 30 to 900 s, default 0 s (off), as AWS."),
};

/** Attributes of a load balancer (ModifyLoadBalancerAttributes) and of the clients that reach it. */
const loadBalancerFields = {
  cross_zone: z.boolean().optional().describe('load_balancing.cross_zone.enabled; default on for ALB, off for NLB, as AWS.'),
  dns_ttl: duration
    .default(DEFAULT_DNS_TTL)
    .describe(`How long clients keep the DNS answer that picks their AZ's node when cross-zone is off (the TTL of ELB's records); default ${DEFAULT_DNS_TTL} s.`),
  connect_timeout: positiveDuration
    .default(DEFAULT_CONNECT_TIMEOUT)
    .describe(`How long the load balancer tries to connect to an unreachable target (instance_crash of kind host) before it answers 504; default ${DEFAULT_CONNECT_TIMEOUT} s, as ALB documents.`),
  idle_timeout: positiveDuration.pipe(z.number().min(1).max(4000)).optional().describe(`idle_timeout.timeout_seconds: a request unanswered this long fails with http_504; ALB 1 to 4000 s, default ${DEFAULT_IDLE_TIMEOUT.alb} s; NLB (TCP) ${DEFAULT_IDLE_TIMEOUT.nlb} s, as AWS.`),
  connections: z.number().int().min(1).pipe(bounded(1, MAX_CONNECTIONS, 'MAX_CONNECTIONS')).default(1000).describe('Client connections open at once, for the NLB flow hash, stickiness, DNS and LCU billing; default 1000 [INFERRED].'),
  requests_per_connection: z.number().min(1).default(100).describe('Requests a client connection carries on average; default 100 [INFERRED]: browsers and SDKs keep connections alive for many requests.'),
  bytes_per_request: z.number().nonnegative().default(10_000).describe('Request plus response size, bytes, for processed-bytes LCUs; default 10000 [INFERRED].'),
};

/** The shorthand's load_balancer: one load balancer and the one target group it forwards to, both named name. */
export const shorthandLoadBalancerSchema = z.strictObject({
  name: z.string().min(1).default('lb').describe('Names the load balancer and its target group in outputs; default lb.'),
  type: loadBalancerType,
  ...targetGroupFields,
  ...loadBalancerFields,
});

/** An entry of load_balancers. */
export const loadBalancerSchema = z
  .strictObject({
    type: loadBalancerType,
    listener: listenerSchema,
    ...loadBalancerFields,
  })
  .superRefine((lb, ctx) => {
    if (lb.type !== 'nlb') return;
    // An NLB listener forwards every connection by its default action: it has no rules.
    lb.listener.rules.forEach((r, i) => {
      if (!r.default) ctx.addIssue({ code: 'custom', path: ['listener', 'rules', i, 'path'], message: 'path rules are an ALB feature: an NLB listener has only its default rule' });
    });
  });

/** Protocol of a target group, which tells the load balancer type it serves. */
const ALB_PROTOCOLS = ['HTTP', 'HTTPS'] as const;
const NLB_PROTOCOLS = ['TCP', 'TLS', 'UDP', 'TCP_UDP'] as const;

/** An entry of target_groups. */
export const targetGroupSchema = z.strictObject({
  protocol: z
    .enum([...ALB_PROTOCOLS, ...NLB_PROTOCOLS])
    .optional()
    .describe(`Protocol: ${ALB_PROTOCOLS.join(' or ')} for an ALB, ${NLB_PROTOCOLS.join(', ')} for an NLB; default: that of the load balancers forwarding to it (alb when none does).`),
  ...targetGroupFields,
});

export type LoadBalancerConfig = z.output<typeof loadBalancerSchema>;
export type TargetGroupConfig = z.output<typeof targetGroupSchema>;

/** The load balancer type a protocol belongs to. */
export function protocolType(protocol: NonNullable<TargetGroupConfig['protocol']>): LoadBalancerType {
  return (ALB_PROTOCOLS as readonly string[]).includes(protocol) ? 'alb' : 'nlb';
}

/** The scenario key of each health-check setting. */
const HEALTH_CHECK_KEYS: Record<keyof HealthCheckConfig, string> = {
  intervalSeconds: 'interval',
  timeoutSeconds: 'timeout',
  healthyThresholdCount: 'healthy_threshold',
  unhealthyThresholdCount: 'unhealthy_threshold',
};

/**
 * What is wrong in a target group's settings for the type of load balancer that forwards to it,
 * where and what: the first problem with its features (later checks depend on the algorithm),
 * else every health-check setting out of range.
 */
export function targetGroupProblems(type: LoadBalancerType, tg: Omit<TargetGroupConfig, 'protocol'>): { path: string[]; message: string }[] {
  const algorithm = tg.algorithm ?? (type === 'alb' ? 'round_robin' : 'flow_hash');
  const allowed = type === 'alb' ? ['round_robin', 'least_outstanding_requests', 'weighted_random', 'random'] : ['flow_hash', 'random'];
  if (!allowed.includes(algorithm)) return [{ path: ['algorithm'], message: `found "${algorithm}"; accepted for ${type}: ${allowed.join(', ')}` }];
  if (tg.anomaly_mitigation && algorithm !== 'weighted_random') return [{ path: ['anomaly_mitigation'], message: 'only with algorithm weighted_random (section 7.4)' }];
  if (tg.stickiness && type !== 'alb') return [{ path: ['stickiness'], message: 'lb_cookie stickiness is an ALB feature' }];
  if (tg.slow_start > 0) {
    if (type !== 'alb') return [{ path: ['slow_start'], message: 'slow start is an ALB feature (section 7.3)' }];
    const errors = slowStartErrors(tg.slow_start, algorithm);
    if (errors.length > 0) return [{ path: ['slow_start'], message: errors.join('; ') }];
  }
  return healthCheckConfigErrors(healthCheckConfigOf(type, tg.health_check)).map((e) => ({
    path: ['health_check', HEALTH_CHECK_KEYS[e.key]],
    message: e.message,
  }));
}

/** The health-check settings in force: the target group's, over the defaults of the load balancer's type (section 7.1). */
export function healthCheckConfigOf(type: LoadBalancerType, h: TargetGroupConfig['health_check']): HealthCheckConfig {
  const defaults = type === 'alb' ? ALB_DEFAULTS : NLB_DEFAULTS;
  return {
    intervalSeconds: h.interval ?? defaults.intervalSeconds,
    timeoutSeconds: h.timeout ?? defaults.timeoutSeconds,
    healthyThresholdCount: h.healthy_threshold ?? defaults.healthyThresholdCount,
    unhealthyThresholdCount: h.unhealthy_threshold ?? defaults.unhealthyThresholdCount,
  };
}

/**
 * The type of load balancer a target group serves, which sets its defaults: that of the load
 * balancers whose rules (or ModifyRule calls) forward to it, else its protocol's, else alb.
 * Validation has made sure they agree.
 */
export function targetGroupType(scenario: Pick<Scenario, 'load_balancers' | 'target_groups' | 'actions'>, name: string): LoadBalancerType {
  const forwards = (list: readonly TargetGroupWeight[]) => list.some((f) => f.target_group === name);
  for (const lb of Object.values(scenario.load_balancers)) if (lb.listener.rules.some((r) => forwards(r.forward))) return lb.type;
  for (const a of scenario.actions) if (a.type === 'modify_rule' && forwards(a.forward)) return scenario.load_balancers[a.load_balancer].type;
  const protocol = scenario.target_groups[name]?.protocol;
  return protocol === undefined ? 'alb' : protocolType(protocol);
}
