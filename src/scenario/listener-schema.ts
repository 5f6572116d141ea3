import { z } from 'zod';
import { targetGroupName } from './resource-names.ts';

/**
 * A load balancer's listener: rules matched by path, in priority order (lowest first), then the
 * default rule; each forwards to target groups by weight (ELB's forward action). AWS's limits:
 * priorities 1 to 50,000, weights 0 to 999, at most 5 target groups per forward action.
 */

/** ELB's rule priorities, unique per listener. */
export const rulePriority = z.number().int().min(1).max(50_000).describe("The rule's priority, 1 to 50000, unique on the listener: rules are evaluated lowest first.");

/** A forward action: the target groups a matching request goes to, by weight. */
export const forwardSchema = z
  .array(
    z.strictObject({
      target_group: targetGroupName,
      weight: z.number().int().min(0).max(999).optional().describe('Weight, 0 to 999: the share of requests is weight / the sum of the weights; required when the rule forwards to several target groups, default 1 for one.'),
    }),
  )
  .min(1)
  .max(5)
  .superRefine((list, ctx) => {
    if (list.length === 1) return;
    list.forEach((f, i) => {
      if (f.weight === undefined) ctx.addIssue({ code: 'custom', path: [i, 'weight'], message: 'missing; required when a rule forwards to several target groups' });
    });
  })
  .transform((list) => list.map((f) => ({ target_group: f.target_group, weight: f.weight ?? 1 })))
  .describe('ForwardConfig.TargetGroups: the target groups (names in target_groups) a matching request is sent to, 1 to 5, by weight.');

export type TargetGroupWeight = z.output<typeof forwardSchema>[number];

/** A listener rule as validated: a path rule with its priority, or the default rule. */
export type ListenerRuleConfig =
  | { readonly default: false; readonly priority: number; readonly path: string; readonly forward: readonly TargetGroupWeight[] }
  | { readonly default: true; readonly forward: readonly TargetGroupWeight[] };

const ruleSchema = z
  .strictObject({
    priority: rulePriority.optional().describe("The rule's priority, 1 to 50000, unique on the listener: rules are evaluated lowest first; default: its position in the list (1 for the first)."),
    path: z
      .string()
      .min(1)
      .max(128)
      .optional()
      .describe('Path pattern (AWS path-pattern condition): case-sensitive, * matches any run of characters, ? one character, e.g. "/api/*". A request class matches by its path.'),
    default: z.literal(true).optional().describe("true: the listener's default rule, taking every request no other rule matches; exactly one per listener, without path or priority."),
    forward: forwardSchema,
  })
  .superRefine((r, ctx) => {
    if (r.default) {
      if (r.path !== undefined) ctx.addIssue({ code: 'custom', path: ['path'], message: 'the default rule matches every request: give it no path' });
      if (r.priority !== undefined) ctx.addIssue({ code: 'custom', path: ['priority'], message: 'the default rule has no priority: it is evaluated last' });
    } else if (r.path === undefined) {
      ctx.addIssue({ code: 'custom', path: ['path'], message: 'missing; expected a path pattern such as "/api/*", or default: true for the default rule' });
    }
  });

export const listenerSchema = z
  .strictObject({
    rules: z.array(ruleSchema).min(1).describe('The rules: path rules and exactly one default rule (default: true).'),
  })
  .superRefine((l, ctx) => {
    const defaults = l.rules.flatMap((r, i) => (r.default ? [i] : []));
    if (defaults.length === 0) ctx.addIssue({ code: 'custom', path: ['rules'], message: 'no default rule; every listener has one: add { default: true, forward: [...] }' });
    for (const i of defaults.slice(1)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'default'], message: `a second default rule (the first is rules[${defaults[0]}]); a listener has exactly one` });
    const seen = new Map<number, number>();
    l.rules.forEach((r, i) => {
      if (r.default) return;
      const priority = r.priority ?? i + 1;
      const first = seen.get(priority);
      if (first !== undefined) {
        const given = r.priority === undefined ? ` (by its position: give priority)` : '';
        ctx.addIssue({ code: 'custom', path: ['rules', i, 'priority'], message: `priority ${priority}${given} is already rules[${first}]'s; priorities are unique on a listener` });
      } else seen.set(priority, i);
    });
  })
  .transform((l): { rules: ListenerRuleConfig[] } => ({
    rules: l.rules.map((r, i) => (r.default ? { default: true, forward: r.forward } : { default: false, priority: r.priority ?? i + 1, path: r.path!, forward: r.forward })),
  }))
  .describe('The listener (one per load balancer): its rules, each forwarding to target groups.');
