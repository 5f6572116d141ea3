import { describe, expect, it } from 'vitest';
import { loadVariant } from '../../src/experiment/load-variant.ts';
import { parseOverride } from '../../src/experiment/overrides.ts';
import { parseGrid } from '../../src/experiment/grid.ts';
import { ScenarioError } from '../../src/scenario/scenario-error.ts';
import { writeScenario } from '../helpers/run-cli.ts';

const SCENARIO = `name: base
duration: 10m
workload:
  arrivals: { type: poisson, rate: 5 }
  service_time: { dist: exponential, mean: 100ms }
fleet:
  instance_type: m7g.large
  autoscaling:
    min: 1
    max: 4
    policies:
      - { name: cpu, type: target_tracking, metric: ASGAverageCPUUtilization, target: 50 }
`;
const file = writeScenario(SCENARIO);
const load = (...sets: string[]) => loadVariant(file, sets.map((s) => parseOverride(s))).scenario;
/** The shorthand's one group, as the general form names it. */
const groupOf = (s: ReturnType<typeof load>) => s.auto_scaling_groups['base-asg'];

/** The ScenarioError's one message, or a failure if loading succeeds. */
function errorOf(...sets: string[]): string {
  try {
    load(...sets);
  } catch (err) {
    expect(err).toBeInstanceOf(ScenarioError);
    return (err as ScenarioError).message;
  }
  throw new Error(`expected ${sets.join(' ')} to be rejected`);
}

describe('--set path=value', () => {
  it('values are YAML: numbers, booleans, strings, durations, lists and mappings', () => {
    const s = load(
      'fleet.autoscaling.policies[0].target=40',
      'fleet.instance_type=c7g.large',
      'warmup=1m',
      'fleet.autoscaling.new_instances_protected_from_scale_in=true',
      'fleet.autoscaling.availability_zones=[us-east-1a, us-east-1b]',
      'workload.service_time={dist: constant, value: 20ms}',
    );
    const asg = groupOf(s);
    expect(asg.policies[0]).toMatchObject({ target: 40 });
    expect(asg.instance_type).toBe('c7g.large');
    expect(s.warmup).toBe(60);
    expect(asg.new_instances_protected_from_scale_in).toBe(true);
    expect(asg.availability_zones).toEqual(['us-east-1a', 'us-east-1b']);
    expect(s.workload.service_time).toEqual({ dist: 'constant', value: 0.02 });
  });

  it('a path may leave out leading sections when its first key appears once', () => {
    expect(groupOf(load('autoscaling.policies[0].target=60')).policies[0]).toMatchObject({ target: 60 });
    expect(load('arrivals.rate=7').workload.arrivals).toMatchObject({ rate: 7 });
  });

  it('creates missing sections (an slo for a scenario without one)', () => {
    expect(load('slo.latency_p99=250ms').slo).toEqual({ latency_p99: 0.25, error_rate: 0.001 });
  });

  it('null removes a key: a group becomes a fixed fleet', () => {
    const s = load('fleet.autoscaling=null', 'fleet.instances=3', 'slo.missing=null');
    expect(groupOf(s)).toMatchObject({ min: 3, max: 3, desired: 3, policies: [] });
  });

  it('later overrides win', () => {
    expect(load('arrivals.rate=7', 'arrivals.rate=9').workload.arrivals).toMatchObject({ rate: 9 });
  });

  it.each([
    [['fleet.instances'], "--set 'fleet.instances'", 'expected path=value'],
    [['fleet.instances='], "--set 'fleet.instances='", 'expected a value'],
    [['fleet..instances=2'], 'fleet..instances', 'not a key path'],
    [['fleet.autoscaling.policies[3].target=40'], 'fleet.autoscaling.policies[3]', 'has 1 item(s); index 3 is out of range'],
    [['fleet.instance_type.size=2'], 'fleet.instance_type.size', 'is a value (m7g.large), not a section'],
    [['nowhere.x=1'], 'nowhere.x', 'no key "nowhere"'],
    [['name=[1,'], "--set 'name=[1,'", 'is not a value'],
    [['name=*b'], "--set 'name=*b'", 'is not a value'],
  ])('%j is rejected before validation, naming the --set and the key path', (sets, where, words) => {
    const message = errorOf(...sets);
    expect(message).toContain(`--set '${sets[0]}'`);
    expect(message).toContain(where);
    expect(message).toContain(words);
  });

  it('an ambiguous short path lists where its first key appears', () => {
    const message = errorOf('type=constant');
    expect(message).toContain('"type" appears in several places (workload.arrivals.type, fleet.autoscaling.policies[0].type)');
  });

  it('a value the schema rejects is reported at its key path, with the --set that put it there', () => {
    const message = errorOf('arrivals.rate=fast');
    expect(message).toContain(`${file}:4: workload.arrivals.rate:`);
    expect(message).toContain("(after --set 'arrivals.rate=fast')");
    const both = errorOf('fleet.instances=3');
    expect(both).toContain('fleet: give either instances');
    expect(both).toContain("(after --set 'fleet.instances=3')");
  });

  it('the last override of a path takes the blame, and an override of duration answers for the warmup', () => {
    const overrides = [parseOverride('fleet.autoscaling.max=4'), parseOverride('fleet.autoscaling.max=0', '--grid')];
    let message = '';
    try {
      loadVariant(file, overrides);
    } catch (err) {
      message = (err as ScenarioError).message;
    }
    expect(message).toContain("(after --grid 'fleet.autoscaling.max=0')");
    expect(message).not.toContain('max=4');
    expect(errorOf('warmup=1m', 'duration=30s')).toContain("(after --set 'duration=30s')");
  });
});

describe('--grid path=v1,v2', () => {
  it('splits values at commas outside brackets and keeps them as written', () => {
    expect(parseGrid('fleet.autoscaling.availability_zones=[a, b],[c]')).toEqual({
      path: 'fleet.autoscaling.availability_zones',
      values: ['[a, b]', '[c]'],
    });
    expect(parseGrid('arrivals.rate= 5, 10 ,20').values).toEqual(['5', '10', '20']);
  });

  it.each([
    ['fleet.instances', 'expected path=v1,v2,v3'],
    ['fleet.instances=2,,4', 'expected a value'],
    ['fleet.instances=2,4,2', 'the value 2 appears twice'],
    ['fleet.instances=2,2.0', 'the value 2.0 appears twice'],
  ])('%s is rejected', (text, words) => {
    expect(() => parseGrid(text)).toThrow(words);
  });
});
