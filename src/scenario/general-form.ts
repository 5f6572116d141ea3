import { resolveReferences, type ReferenceProblem } from './references.ts';
import type { Scenario, ScenarioFields } from './schema.ts';
import { fromShorthand, SHORTHAND_KEYS, shorthandPath } from './shorthand.ts';

const GENERAL_KEYS = ['auto_scaling_groups', 'target_groups', 'load_balancers'] as const;

/**
 * A checked document in the general form, from either form, and what is wrong with it: key
 * paths as written (a shorthand's problems at its own keys). The scenario is undefined when the
 * form itself is wrong.
 */
export function toGeneralForm(s: ScenarioFields): { scenario?: Scenario; problems: ReferenceProblem[] } {
  const shorthand = SHORTHAND_KEYS.filter((k) => s[k] !== undefined);
  const general = GENERAL_KEYS.filter((k) => s[k] !== undefined);
  if (shorthand.length > 0 && general.length > 0) {
    const message = `the general form (${GENERAL_KEYS.join(', ')}) cannot be mixed with the shorthand (${SHORTHAND_KEYS.join(', ')}); found ${shorthand.join(' and ')} too: write one or the other`;
    return { problems: [{ path: [general[0]], message }] };
  }
  if (general.length > 0) {
    if (s.auto_scaling_groups === undefined) return { problems: [{ path: ['auto_scaling_groups'], message: 'missing; expected the groups whose instances serve requests' }] };
    return resolveReferences(s, { load_balancers: s.load_balancers ?? {}, target_groups: s.target_groups ?? {}, auto_scaling_groups: s.auto_scaling_groups });
  }
  const { fleet } = s;
  if (fleet === undefined) {
    return { problems: [{ path: ['fleet'], message: `missing; expected the instances that serve requests (fleet), or the general form: ${GENERAL_KEYS.join(', ')}` }] };
  }
  const problems: ReferenceProblem[] = [];
  if (fleet.request_timeout !== undefined && s.workload.request_timeout !== undefined) {
    problems.push({ path: ['fleet', 'request_timeout'], message: 'give the request timeout once: in workload.request_timeout (or here, the shorthand)' });
  }
  const resolved = resolveReferences(s, fromShorthand({ ...s, fleet }));
  problems.push(...resolved.problems.map((p) => ({ path: shorthandPath(p.path), message: p.message })));
  return { scenario: resolved.scenario, problems };
}
