import type { Uniform } from '../../engine/index.ts';
import { matchesPathPattern } from './path-pattern.ts';
import type { LoadBalancedTarget } from './target.ts';
import type { TargetGroup } from './target-group.ts';

/** One target group of a forward action and its weight (ForwardConfig.TargetGroups: 0 to 999). */
export interface WeightedTargetGroup<T extends LoadBalancedTarget> {
  readonly targetGroup: TargetGroup<T>;
  readonly weight: number;
}

export interface ListenerRule<T extends LoadBalancedTarget> {
  /** path-pattern condition values (any of them matches); null for the default rule. */
  readonly pathPatterns: readonly string[] | null;
  /** The forward action: one or more target groups with weights. */
  readonly forward: readonly WeightedTargetGroup<T>[];
}

/** A rule's forward action, prepared for the per-request choice. */
interface Forward {
  /** Index in the listener's targetGroups of the only target group with a positive weight, or -1. */
  single: number;
  /** Target group indexes and their cumulative weights, when there are several. */
  groups: Int32Array;
  cumulative: Float64Array;
  total: number;
}

/**
 * An ALB listener's rules (ELB-UG, "Listener rules"): evaluated in order, the first whose
 * path-pattern matches a request's path applies, and the default rule (last) takes the rest. A
 * rule forwards to one target group, or to several with weights, each request going to one of
 * them at random in proportion to its weight (weighted target groups, blue/green).
 *
 * Requests carry a class index, not a path: each class's path is matched once, when the listener
 * is built, so that per request a class index gives its rule and the rule its target group, with
 * no string work. The random draw is made only for a rule with more than one target group of
 * positive weight, so a listener with one target group per rule draws nothing.
 */
export class Listener<T extends LoadBalancedTarget = LoadBalancedTarget> {
  /** The distinct target groups the rules forward to, in order of first mention. */
  readonly targetGroups: readonly TargetGroup<T>[];
  private readonly forwards: Forward[];
  /** The rule of each request class. */
  private readonly ruleOfClass: Int32Array;
  /** The target group of each request class whose rule forwards to a single one; -1 for a weighted rule. */
  private readonly groupOfClass: Int32Array;

  /**
   * @param rules in priority order; the last one is the default rule (pathPatterns null), the only one.
   * @param classPaths each request class's path, by class index.
   * @param uniform the listener's own stream, for weighted forwards.
   */
  constructor(
    readonly rules: readonly ListenerRule<T>[],
    classPaths: readonly string[],
    private readonly uniform: Uniform,
  ) {
    const defaults = rules.filter((r) => r.pathPatterns === null).length;
    if (rules.length === 0 || rules[rules.length - 1].pathPatterns !== null || defaults !== 1) {
      throw new RangeError('a listener needs exactly one default rule, the last one');
    }
    const groups: TargetGroup<T>[] = [];
    for (const r of rules) for (const f of r.forward) if (!groups.includes(f.targetGroup)) groups.push(f.targetGroup);
    this.targetGroups = groups;
    this.forwards = rules.map(() => ({ single: -1, groups: new Int32Array(0), cumulative: new Float64Array(0), total: 0 }));
    this.ruleOfClass = Int32Array.from(classPaths, (path) => rules.findIndex((r) => r.pathPatterns === null || r.pathPatterns.some((p) => matchesPathPattern(p, path))));
    this.groupOfClass = new Int32Array(classPaths.length);
    rules.forEach((r, i) => this.modifyRule(i, r.forward));
  }

  /**
   * ModifyRule: the rule forwards to these target groups and weights from now on (blue/green
   * switches). The target groups must be among the listener's.
   */
  modifyRule(ruleIndex: number, forward: readonly WeightedTargetGroup<T>[]): void {
    const positive = forward.filter((f) => f.weight > 0);
    if (positive.length === 0 || forward.some((f) => !(f.weight >= 0 && Number.isFinite(f.weight)))) {
      throw new RangeError(`listener rule ${ruleIndex}: forward weights must be finite, non-negative and not all 0`);
    }
    const indexes = positive.map((f) => {
      const i = this.targetGroups.indexOf(f.targetGroup);
      if (i < 0) throw new RangeError(`listener rule ${ruleIndex}: target group ${f.targetGroup.name} is not one of the listener's`);
      return i;
    });
    const fw = this.forwards[ruleIndex];
    fw.single = positive.length === 1 ? indexes[0] : -1;
    fw.groups = Int32Array.from(indexes);
    fw.cumulative = new Float64Array(positive.length);
    let total = 0;
    positive.forEach((f, k) => (fw.cumulative[k] = total += f.weight));
    fw.total = total;
    for (let c = 0; c < this.ruleOfClass.length; c++) if (this.ruleOfClass[c] === ruleIndex) this.groupOfClass[c] = fw.single;
  }

  /** The index in targetGroups of the target group for a request of class `requestClass`. */
  targetGroupOf(requestClass: number): number {
    const g = this.groupOfClass[requestClass];
    return g >= 0 ? g : this.drawWeighted(requestClass);
  }

  private drawWeighted(requestClass: number): number {
    const fw = this.forwards[this.ruleOfClass[requestClass]];
    const x = this.uniform() * fw.total;
    const cumulative = fw.cumulative;
    let k = 0;
    while (k < cumulative.length - 1 && x >= cumulative[k]) k++;
    return fw.groups[k];
  }
}
