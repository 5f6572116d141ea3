import { autoscalingSchema } from './group-schema.ts';
import { shorthandLoadBalancerSchema } from './load-balancer-schema.ts';
import type { Scenario, ScenarioFields } from './schema.ts';

/**
 * The shorthand (`fleet` + `load_balancer`) in the general form, the one place it is translated:
 * a load balancer named load_balancer.name (default lb) whose default rule forwards to ONE target
 * group of the same name, and ONE group, `<scenario name>-asg`, registered with it. A fixed fleet
 * is a group of min = max = desired = instances that launches as a group of today's defaults does,
 * but without an instance warmup: its instances count in the metrics from the start.
 */

export const SHORTHAND_KEYS = ['fleet', 'load_balancer'] as const;

/** The resources of the general form, and where the shorthand's request_timeout goes. */
export type GeneralResources = Pick<Scenario, 'load_balancers' | 'target_groups' | 'auto_scaling_groups'> & { readonly request_timeout?: number };

/** Keys of fleet that an entry of auto_scaling_groups holds at its top; the rest come from fleet.autoscaling. */
const FLEET_KEYS: ReadonlySet<PropertyKey> = new Set(['instance_type', 'workers', 'queue_limit']);

export function fromShorthand(s: ScenarioFields & Required<Pick<ScenarioFields, 'fleet'>>): GeneralResources {
  const { name, type, cross_zone, dns_ttl, connect_timeout, idle_timeout, connections, requests_per_connection, bytes_per_request, ...targetGroup } =
    s.load_balancer ?? shorthandLoadBalancerSchema.parse({});
  const { instance_type, instances, autoscaling, workers, queue_limit, request_timeout, availability_zones } = s.fleet;
  // The fixed fleet's own settings: today's defaults of a group, and no instance warmup (section 1.4).
  const { availability_zones: groupZones, ...settings } = autoscaling ?? autoscalingSchema.parse({ min: instances, max: instances, desired: instances, default_instance_warmup: 0 });
  return {
    load_balancers: {
      [name]: defined({
        type,
        listener: { rules: [{ default: true, forward: [{ target_group: name, weight: 1 }] }] },
        cross_zone,
        dns_ttl,
        connect_timeout,
        idle_timeout,
        connections,
        requests_per_connection,
        bytes_per_request,
      }),
    },
    target_groups: { [name]: defined(targetGroup) },
    auto_scaling_groups: {
      [`${s.name}-asg`]: defined({ instance_type, workers, queue_limit, target_groups: [name], ...settings, availability_zones: groupZones ?? availability_zones }),
    },
    request_timeout,
  };
}

/** Where a key of the general form is written in the shorthand: `target_groups.lb.slow_start` is `load_balancer.slow_start`. */
export function shorthandPath(path: readonly PropertyKey[]): PropertyKey[] {
  const [kind, , key] = path;
  const rest = path.slice(2);
  if (kind === 'target_groups' || kind === 'load_balancers') return ['load_balancer', ...rest];
  if (kind === 'auto_scaling_groups') return FLEET_KEYS.has(key) ? ['fleet', ...rest] : ['fleet', 'autoscaling', ...rest];
  return [...path];
}

/** Whether a document as written (before validation) uses the shorthand. */
export function writtenInShorthand(data: unknown): boolean {
  return data !== null && typeof data === 'object' && SHORTHAND_KEYS.some((k) => k in data);
}

/** The object without its undefined values, as zod leaves an optional key out. */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
