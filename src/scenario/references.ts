import { nearestWord } from '../text/edit-distance.ts';
import { protocolType, targetGroupProblems, type LoadBalancerType } from './load-balancer-schema.ts';
import { readsTargetGroup } from './policy-schema.ts';
import type { GeneralResources } from './shorthand.ts';
import type { ListenerRuleConfig, Scenario, ScenarioFields, TargetGroupWeight } from './schema.ts';

/** Something wrong between resources: the key path in the general form, and what. */
export interface ReferenceProblem {
  readonly path: PropertyKey[];
  readonly message: string;
}

type Kind = 'load_balancers' | 'target_groups' | 'auto_scaling_groups';
const WHAT: Record<Kind, string> = { load_balancers: 'load balancer', target_groups: 'target group', auto_scaling_groups: 'group' };

/**
 * The scenario with every name resolved, and what is wrong with its references: names of
 * resources that do not exist, target groups nothing uses, rules whose weights sum to 0, target
 * groups behind load balancers of two types or of another type than their protocol, target-group
 * settings the load balancer type does not offer, policies, faults and calls whose resource is
 * ambiguous. Defaults that depend on other resources are filled in here: the group of a fault or
 * call, the target group of a policy, the load balancer of a ModifyRule, the request classes.
 * (A reference goes from load balancer to target group to group, never back: no cycle can form.)
 */
export function resolveReferences(s: ScenarioFields, r: GeneralResources): { scenario: Scenario; problems: ReferenceProblem[] } {
  const problems: ReferenceProblem[] = [];
  const names: Record<Kind, string[]> = {
    load_balancers: Object.keys(r.load_balancers),
    target_groups: Object.keys(r.target_groups),
    auto_scaling_groups: Object.keys(r.auto_scaling_groups),
  };
  for (const kind of ['auto_scaling_groups', 'target_groups', 'load_balancers'] as const) {
    if (names[kind].length === 0) problems.push({ path: [kind], message: `found none; expected at least one ${WHAT[kind]}` });
  }
  /** Whether `name` is a resource of `kind`; else a problem at `path` with the nearest name. */
  const known = (kind: Kind, name: string, path: PropertyKey[]): boolean => {
    if (names[kind].includes(name)) return true;
    const near = nearestWord(name, names[kind]);
    const there = names[kind].length === 0 ? `${kind} is empty` : `${kind} holds ${names[kind].join(', ')}`;
    problems.push({ path, message: `found "${name}"; no ${WHAT[kind]} of that name${near ? ` (did you mean "${near}"?)` : ''}: ${there}` });
    return false;
  };
  /** The one resource of `kind` a reference may leave out, or a problem at `path`. */
  const only = (kind: Kind, name: string | undefined, path: PropertyKey[]): string => {
    if (name !== undefined) {
      known(kind, name, path);
      return name;
    }
    if (names[kind].length > 1) problems.push({ path, message: `missing; required when there are several ${kind} (${names[kind].join(', ')})` });
    return names[kind][0] ?? '';
  };

  // Who forwards to each target group (listener rules, and ModifyRule calls later), and who registers with it.
  const forwardedBy = new Map<string, Map<LoadBalancerType, string>>();
  const registered = new Set<string>();
  const forward = (lb: string, list: readonly TargetGroupWeight[], path: PropertyKey[]) => {
    list.forEach((f, j) => {
      if (!known('target_groups', f.target_group, [...path, j, 'target_group'])) return;
      const types = forwardedBy.get(f.target_group) ?? new Map<LoadBalancerType, string>();
      types.set(r.load_balancers[lb].type, types.get(r.load_balancers[lb].type) ?? lb);
      forwardedBy.set(f.target_group, types);
    });
    if (!(list.reduce((sum, f) => sum + f.weight, 0) > 0)) problems.push({ path, message: 'the weights sum to 0; at least one must be above 0' });
  };
  for (const [lb, config] of Object.entries(r.load_balancers)) {
    config.listener.rules.forEach((rule, i) => forward(lb, rule.forward, ['load_balancers', lb, 'listener', 'rules', i, 'forward']));
  }
  const actions = s.actions.map((a, i): Scenario['actions'][number] => {
    if (a.type !== 'modify_rule') return { ...a, auto_scaling_group: only('auto_scaling_groups', a.auto_scaling_group, ['actions', i, 'auto_scaling_group']) };
    const lb = only('load_balancers', a.load_balancer, ['actions', i, 'load_balancer']);
    const rules: readonly ListenerRuleConfig[] = r.load_balancers[lb]?.listener.rules ?? [];
    if (r.load_balancers[lb] !== undefined && a.priority !== undefined && !rules.some((rule) => !rule.default && rule.priority === a.priority)) {
      const priorities = rules.flatMap((rule) => (rule.default ? [] : [rule.priority]));
      problems.push({ path: ['actions', i, 'priority'], message: `found ${a.priority}; the listener of ${lb} has no rule of that priority${priorities.length > 0 ? ` (its rules: ${priorities.join(', ')})` : ''}` });
    }
    if (r.load_balancers[lb] !== undefined) forward(lb, a.forward, ['actions', i, 'forward']);
    return { ...a, load_balancer: lb };
  });
  for (const [group, config] of Object.entries(r.auto_scaling_groups)) {
    config.target_groups.forEach((tg, k) => {
      if (known('target_groups', tg, ['auto_scaling_groups', group, 'target_groups', k])) registered.add(tg);
    });
  }
  for (const [tg, config] of Object.entries(r.target_groups)) {
    const by = forwardedBy.get(tg);
    if (by === undefined && !registered.has(tg)) {
      problems.push({ path: ['target_groups', tg], message: 'unused: no listener rule forwards to it and no group registers with it' });
      continue;
    }
    if (by !== undefined && by.size > 1) {
      const [[a, lbA], [b, lbB]] = [...by];
      problems.push({ path: ['target_groups', tg], message: `forwarded to by an ${a} (${lbA}) and an ${b} (${lbB}); a target group serves load balancers of one type` });
      continue;
    }
    const forwarding = by === undefined ? undefined : [...by.keys()][0];
    const declared = config.protocol === undefined ? undefined : protocolType(config.protocol);
    if (forwarding !== undefined && declared !== undefined && forwarding !== declared) {
      problems.push({ path: ['target_groups', tg, 'protocol'], message: `found ${config.protocol}, a protocol of ${declared} target groups; ${by!.get(forwarding)} forwarding to it is an ${forwarding}` });
      continue;
    }
    for (const p of targetGroupProblems(forwarding ?? declared ?? 'alb', config)) problems.push({ path: ['target_groups', tg, ...p.path], message: p.message });
  }

  const groups: Scenario['auto_scaling_groups'] = {};
  for (const [group, config] of Object.entries(r.auto_scaling_groups)) {
    const policies = config.policies.map((p, i) => {
      const at = ['auto_scaling_groups', group, 'policies', i, 'target_group'];
      // PutScheduledUpdateGroupAction refuses a StartTime in the past; a one-off action before
      // simulated time 0 would otherwise never run, and nothing would say so.
      if (p.type === 'scheduled') {
        if (p.recurrence === undefined && p.start_time !== undefined && Date.parse(p.start_time) < Date.parse(s.start)) {
          problems.push({
            path: ['auto_scaling_groups', group, 'policies', i, 'start_time'],
            message: `found ${p.start_time}, before the scenario's start (${s.start}); a one-off action must not start in the past (AWS PutScheduledUpdateGroupAction refuses it)`,
          });
        }
        return p;
      }
      if (!readsTargetGroup(p)) {
        if (p.target_group !== undefined) problems.push({ path: at, message: `${p.metric} is not a load balancer metric: give target_group only with one` });
        return p;
      }
      const own = config.target_groups;
      if (p.target_group !== undefined) {
        if (!own.includes(p.target_group)) problems.push({ path: at, message: `found "${p.target_group}"; the group registers with ${own.length === 0 ? 'no target group' : own.join(', ')}` });
        return p;
      }
      if (own.length !== 1) {
        const why = own.length === 0 ? 'the group registers with no target group' : `the group registers with several (${own.join(', ')}): name one`;
        problems.push({ path: at, message: `missing; ${p.metric} is a load balancer metric, and ${why}` });
      }
      return { ...p, target_group: own[0] };
    });
    groups[group] = { ...config, policies };
  }

  const faults = s.faults.map((f, i): Scenario['faults'][number] => {
    const group = only('auto_scaling_groups', f.auto_scaling_group, ['faults', i, 'auto_scaling_group']);
    const zones = r.auto_scaling_groups[group]?.availability_zones;
    if (f.az !== undefined && zones !== undefined && !zones.includes(f.az)) {
      problems.push({ path: ['faults', i, 'az'], message: `found "${f.az}"; accepted: the fleet's zones, those of ${group} (${zones.join(', ')})` });
    }
    if (f.type !== 'az_outage' && f.instance !== undefined && (f.az !== undefined || f.count !== 1)) {
      problems.push({ path: ['faults', i, 'instance'], message: 'names one instance: give it without az and with count 1' });
    }
    return { ...f, auto_scaling_group: group };
  });

  const { classes: written, ...workload } = s.workload;
  const classes = written ?? [{ name: 'default', share: 1, path: '/' }];
  const shares = classes.reduce((sum, c) => sum + c.share, 0);
  const { fleet: _fleet, load_balancer: _lb, load_balancers: _lbs, target_groups: _tgs, auto_scaling_groups: _groups, ...rest } = s;
  const scenario: Scenario = {
    ...rest,
    workload: {
      ...workload,
      request_timeout: workload.request_timeout ?? r.request_timeout,
      classes: classes.map((c) => ({ name: c.name, share: c.share / shares, path: c.path, service_time: c.service_time ?? workload.service_time })),
    },
    load_balancers: r.load_balancers,
    target_groups: r.target_groups,
    auto_scaling_groups: groups,
    faults,
    actions,
  };
  return { scenario, problems };
}
