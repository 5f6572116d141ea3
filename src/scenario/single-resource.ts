import type { LoadBalancerType } from './load-balancer-schema.ts';
import { ScenarioError } from './scenario-error.ts';
import type { AutoScalingGroupConfig, LoadBalancerConfig, Scenario, TargetGroupConfig } from './schema.ts';

/**
 * The run's one load balancer, target group and group: the models are wired for one of each and
 * one request class, so a scenario with more is refused here, before anything is built (exit 2).
 */
export interface SingleResources {
  readonly loadBalancer: { readonly name: string; readonly config: LoadBalancerConfig };
  /** With the type of the load balancer that forwards to it, which sets its defaults. */
  readonly targetGroup: { readonly name: string; readonly config: TargetGroupConfig; readonly type: LoadBalancerType };
  readonly group: { readonly name: string; readonly config: AutoScalingGroupConfig };
}

export function singleResources(scenario: Scenario): SingleResources {
  const refuse = (path: string, message: string) => new ScenarioError([{ file: `scenario ${scenario.name}`, path, message }]);
  const one = <T>(key: 'load_balancers' | 'target_groups' | 'auto_scaling_groups', of: Record<string, T>): { name: string; config: T } => {
    const names = Object.keys(of);
    if (names.length !== 1) throw refuse(key, `holds ${names.length} (${names.join(', ')}); this version runs one load balancer, one target group and one group`);
    return { name: names[0], config: of[names[0]] };
  };
  const loadBalancer = one('load_balancers', scenario.load_balancers);
  const targetGroup = one('target_groups', scenario.target_groups);
  const group = one('auto_scaling_groups', scenario.auto_scaling_groups);
  const classes = scenario.workload.classes;
  if (classes.length !== 1) throw refuse('workload.classes', `holds ${classes.length} classes (${classes.map((c) => c.name).join(', ')}); this version runs one request class`);
  if (!group.config.target_groups.includes(targetGroup.name)) {
    throw refuse(`auto_scaling_groups.${group.name}.target_groups`, `registers with no target group; this version runs a group behind its load balancer: give [${targetGroup.name}]`);
  }
  return { loadBalancer, targetGroup: { ...targetGroup, type: loadBalancer.config.type }, group };
}
