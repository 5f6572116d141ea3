import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { gridPoints, parseGrid, pointSets } from '../../src/experiment/grid.ts';
import { loadVariant } from '../../src/experiment/load-variant.ts';
import { parseOverride } from '../../src/experiment/overrides.ts';
import { parseScenario } from '../../src/scenario/load.ts';
import { ScenarioError } from '../../src/scenario/scenario-error.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import { cli, tempDir, writeScenario } from '../helpers/run-cli.ts';

const HEAD = `name: bg
duration: 10m
workload:
  arrivals: { type: poisson, rate: 5 }
  service_time: { dist: exponential, mean: 100ms }
`;

const parse = (text: string): Scenario => parseScenario(text, { file: 's.yaml', baseDir: '.' }).scenario;

/** The problems of an invalid scenario, as `file:line: path: message` lines. */
function problemsOf(text: string): string[] {
  try {
    parse(text);
  } catch (err) {
    expect(err).toBeInstanceOf(ScenarioError);
    return (err as ScenarioError).message.split('\n');
  }
  throw new Error('expected the scenario to be rejected');
}

describe('the shorthand and its general-form twin validate to the same Scenario', () => {
  it('a fixed fleet: a group of min = max = desired without instance warmup, behind an ALB named lb', () => {
    const shorthand = parse(`${HEAD}fleet:
  instance_type: m7g.large
  instances: 3
  request_timeout: 30s
load_balancer:
  algorithm: least_outstanding_requests
  idle_timeout: 20s
`);
    const general = parse(`${HEAD}  request_timeout: 30s
load_balancers:
  lb:
    idle_timeout: 20s
    listener: { rules: [ { default: true, forward: [ { target_group: lb } ] } ] }
target_groups:
  lb: { algorithm: least_outstanding_requests }
auto_scaling_groups:
  bg-asg: { instance_type: m7g.large, target_groups: [lb], min: 3, max: 3, desired: 3, default_instance_warmup: 0 }
`);
    expect(shorthand).toEqual(general);
    expect(shorthand.workload.classes).toEqual([{ name: 'default', share: 1, path: '/', service_time: { dist: 'exponential', mean: 0.1 } }]);
    expect(shorthand.auto_scaling_groups['bg-asg']).toMatchObject({ min: 3, max: 3, default_instance_warmup: 0, health_check: { type: 'EC2', grace_period: 0 } });
  });

  it('an Auto Scaling group with a policy on ALBRequestCountPerTarget, which reads the one target group', () => {
    const shorthand = parse(`${HEAD}fleet:
  instance_type: c7g.large
  availability_zones: [us-east-1a, us-east-1b]
  autoscaling:
    min: 1
    max: 6
    policies: [ { name: rps, type: target_tracking, metric: ALBRequestCountPerTarget, target: 600 } ]
load_balancer: { name: front, type: nlb }
`);
    const general = parse(`${HEAD}load_balancers:
  front:
    type: nlb
    listener: { rules: [ { default: true, forward: [ { target_group: front, weight: 1 } ] } ] }
target_groups:
  front: {}
auto_scaling_groups:
  bg-asg:
    instance_type: c7g.large
    target_groups: [front]
    availability_zones: [us-east-1a, us-east-1b]
    min: 1
    max: 6
    policies: [ { name: rps, type: target_tracking, metric: ALBRequestCountPerTarget, target: 600 } ]
`);
    expect(shorthand).toEqual(general);
    expect(general.auto_scaling_groups['bg-asg'].policies[0]).toMatchObject({ target_group: 'front' });
  });

  it('one group written in both forms runs to byte-identical outputs through the command line', async () => {
    const group = `    instance_type: c7g.large
    min: 1
    max: 6
    policies: [ { name: rps, type: target_tracking, metric: ALBRequestCountPerTarget, target: 120 } ]
`;
    const load = `name: twin
duration: 20m
workload:
  arrivals: { type: step, steps: [ { at: 0, rate: 5 }, { at: 5m, rate: 40 } ] }
  service_time: { dist: exponential, mean: 50ms }
`;
    const shorthand = `${load}fleet:\n  autoscaling:\n${group.replace('    instance_type: c7g.large\n', '')}  instance_type: c7g.large\n`;
    const general = `${load}load_balancers:
  lb: { listener: { rules: [ { default: true, forward: [ { target_group: lb } ] } ] } }
target_groups:
  lb: {}
auto_scaling_groups:
  twin-asg:
    target_groups: [lb]
${group}`;
    const outputs = async (text: string) => {
      const out = tempDir();
      const { code } = await cli(['run', writeScenario(text), '--out', out, '--quiet']);
      expect(code).toBe(0);
      const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as Record<string, unknown>;
      delete summary.engine;
      const files = ['timeseries.csv', 'activity.csv', 'metrics.csv', 'targets.csv', ...readdirSync(join(out, 'timeseries')).map((f) => join('timeseries', f))];
      return { summary, files: Object.fromEntries(files.map((f) => [f, readFileSync(join(out, f), 'utf8')])) };
    };
    const [a, b] = [await outputs(shorthand), await outputs(general)];
    expect(b).toEqual(a);
    // The policy scaled the group: the outputs compared are those of a group that acted.
    expect((a.summary.scaling as { launches: number }).launches).toBeGreaterThan(0);
  });
});

const BLUE_GREEN = `${HEAD}load_balancers:
  web:
    listener:
      rules:
        - path: /api/*
          forward: [ { target_group: blue, weight: 90 }, { target_group: green, weight: 10 } ]
        - default: true
          forward: [ { target_group: blue } ]
target_groups:
  blue: {}
  green: { slow_start: 60s }
auto_scaling_groups:
  api-blue: { instance_type: m7g.large, min: 2, max: 2, target_groups: [blue] }
  api-green: { instance_type: m7g.large, min: 2, max: 2, target_groups: [green] }
actions:
  - { type: modify_rule, at: 5m, priority: 1, forward: [ { target_group: blue, weight: 0 }, { target_group: green, weight: 100 } ] }
`;

describe('the general form', () => {
  it('fills priorities by position, weights, and the one load balancer of a ModifyRule', () => {
    const s = parse(BLUE_GREEN);
    expect(s.load_balancers.web.listener.rules).toEqual([
      { default: false, priority: 1, path: '/api/*', forward: [{ target_group: 'blue', weight: 90 }, { target_group: 'green', weight: 10 }] },
      { default: true, forward: [{ target_group: 'blue', weight: 1 }] },
    ]);
    expect(s.actions[0]).toMatchObject({ type: 'modify_rule', load_balancer: 'web', priority: 1 });
  });

  it('normalises the shares of request classes; a class without service_time takes the workload\'s', () => {
    const s = parse(BLUE_GREEN.replace('  service_time: { dist: exponential, mean: 100ms }\n', `  service_time: { dist: exponential, mean: 100ms }
  classes:
    - { name: api, share: 3, path: /api/orders, service_time: { dist: constant, value: 50ms } }
    - { name: home, share: 1, path: / }
`));
    expect(s.workload.classes).toEqual([
      { name: 'api', share: 0.75, path: '/api/orders', service_time: { dist: 'constant', value: 0.05 } },
      { name: 'home', share: 0.25, path: '/', service_time: { dist: 'exponential', mean: 0.1 } },
    ]);
  });

  it('--set reaches a group, a rule\'s weight and a policy by their names and indices', () => {
    const file = writeScenario(BLUE_GREEN);
    const s = loadVariant(file, ['auto_scaling_groups.api-green.min=4', 'auto_scaling_groups.api-green.max=4', 'load_balancers.web.listener.rules[0].forward[1].weight=50'].map((t) => parseOverride(t))).scenario;
    expect(s.auto_scaling_groups['api-green']).toMatchObject({ min: 4, max: 4 });
    expect(s.load_balancers.web.listener.rules[0].forward[1]).toEqual({ target_group: 'green', weight: 50 });
    // A leading section may be left out when the key appears once, as for the shorthand.
    expect(loadVariant(file, [parseOverride('api-blue.max=3')]).scenario.auto_scaling_groups['api-blue'].max).toBe(3);
  });

  it('--grid and --variant paths name resources too; a name with a dot is written in quotes', () => {
    const file = writeScenario(BLUE_GREEN.replaceAll('api-green', 'api.v2'));
    const axes = [parseGrid('auto_scaling_groups["api.v2"].max=2,5'), parseGrid('load_balancers.web.listener.rules[0].forward[0].weight=0,90')];
    const points = gridPoints(axes).map((values) => loadVariant(file, pointSets(axes, values).map((t) => parseOverride(t, '--grid'))).scenario);
    expect(points.map((p) => [p.auto_scaling_groups['api.v2'].max, p.load_balancers.web.listener.rules[0].forward[0].weight])).toEqual([
      [2, 0],
      [2, 90],
      [5, 0],
      [5, 90],
    ]);
  });

  it("a warning names the group's own key path in either form", () => {
    const pool = 'min: 1, max: 6, warm_pool: { min_size: 1 }';
    const general = parseScenario(BLUE_GREEN.replace('min: 2, max: 2, target_groups: [green]', `${pool}, target_groups: [green]`), { file: 's.yaml', baseDir: '.' });
    const shorthand = parseScenario(`${HEAD}fleet: { instance_type: m7g.large, autoscaling: { ${pool} } }\n`, { file: 's.yaml', baseDir: '.' });
    expect(general.warnings.map((w) => [w.code, w.path])).toEqual([['warm_pool_above_min_size', 'auto_scaling_groups.api-green.warm_pool']]);
    expect(shorthand.warnings.map((w) => [w.code, w.path])).toEqual([['warm_pool_above_min_size', 'fleet.autoscaling.warm_pool']]);
  });

  it('a run of several groups is refused with exit 2, naming the key, until the models run them', async () => {
    const { code, stderr } = await cli(['run', writeScenario(BLUE_GREEN), '--out', tempDir(), '--quiet']);
    expect(code).toBe(2);
    expect(stderr).toContain('target_groups: holds 2 (blue, green)');
  });
});

describe('references are checked: exit 2 with the key path and the line', () => {
  const cases: Array<{ name: string; text: string; line: number; path: string; words: string[] }> = [
    {
      name: 'an unknown target group in a rule, with the nearest name',
      text: BLUE_GREEN.replace('{ target_group: green, weight: 10 }', '{ target_group: gren, weight: 10 }'),
      line: 11,
      path: 'load_balancers.web.listener.rules[0].forward[1].target_group',
      words: ['found "gren"', 'did you mean "green"?'],
    },
    {
      name: 'an unknown target group of a group',
      text: BLUE_GREEN.replace('target_groups: [green]', 'target_groups: [grey]'),
      line: 19,
      path: 'auto_scaling_groups.api-green.target_groups[0]',
      words: ['found "grey"', 'target_groups holds blue, green'],
    },
    {
      name: 'a target group nothing forwards to or registers with',
      text: BLUE_GREEN.replace('  green: { slow_start: 60s }\n', '  green: { slow_start: 60s }\n  spare: {}\n'),
      line: 17,
      path: 'target_groups.spare',
      words: ['unused'],
    },
    {
      name: 'weights that sum to 0',
      text: BLUE_GREEN.replace('weight: 90 }', 'weight: 0 }').replace('weight: 10 }', 'weight: 0 }'),
      line: 11,
      path: 'load_balancers.web.listener.rules[0].forward',
      words: ['the weights sum to 0'],
    },
    {
      name: 'several target groups without weights',
      text: BLUE_GREEN.replace('{ target_group: green, weight: 10 }', '{ target_group: green }'),
      line: 11,
      path: 'load_balancers.web.listener.rules[0].forward[1].weight',
      words: ['required when a rule forwards to several target groups'],
    },
    {
      name: 'a listener without a default rule',
      text: BLUE_GREEN.replace('        - default: true\n          forward: [ { target_group: blue } ]\n', ''),
      line: 9,
      path: 'load_balancers.web.listener.rules',
      words: ['no default rule'],
    },
    {
      name: 'a listener with two default rules',
      text: BLUE_GREEN.replace('        - default: true\n', '        - default: true\n          forward: [ { target_group: green } ]\n        - default: true\n'),
      line: 14,
      path: 'load_balancers.web.listener.rules[2].default',
      words: ['a second default rule'],
    },
    {
      name: 'two rules of one priority',
      text: BLUE_GREEN.replace('        - default: true\n', '        - { priority: 1, path: /static/*, forward: [ { target_group: blue } ] }\n        - default: true\n'),
      line: 12,
      path: 'load_balancers.web.listener.rules[1].priority',
      words: ["priority 1 is already rules[0]'s"],
    },
    {
      name: 'a target group behind an ALB and an NLB',
      text: BLUE_GREEN.replace('target_groups:\n', '  tcp:\n    type: nlb\n    listener: { rules: [ { default: true, forward: [ { target_group: green } ] } ] }\ntarget_groups:\n'),
      line: 19,
      path: 'target_groups.green',
      words: ['forwarded to by an alb (web) and an nlb (tcp)'],
    },
    {
      name: 'a target group whose protocol is of the other load balancer type',
      text: BLUE_GREEN.replace('  blue: {}', '  blue: { protocol: TCP }'),
      line: 15,
      path: 'target_groups.blue.protocol',
      words: ['found TCP', 'web forwarding to it is an alb'],
    },
    {
      name: 'a target-group setting the load balancer type does not offer',
      text: BLUE_GREEN.replace('listener:\n', 'type: nlb\n    listener:\n').replace('        - path: /api/*\n          forward: [ { target_group: blue, weight: 90 }, { target_group: green, weight: 10 } ]\n', '').replace('forward: [ { target_group: blue } ]', 'forward: [ { target_group: blue, weight: 1 }, { target_group: green, weight: 1 } ]').replace(/ {2}- \{ type: modify_rule.*\n/, '').replace('actions:\n', ''),
      line: 15,
      path: 'target_groups.green.slow_start',
      words: ['slow start is an ALB feature'],
    },
    {
      name: 'a ModifyRule of a priority the listener does not have',
      text: BLUE_GREEN.replace('at: 5m, priority: 1', 'at: 5m, priority: 7'),
      line: 21,
      path: 'actions[0].priority',
      words: ['found 7', 'no rule of that priority (its rules: 1)'],
    },
    {
      name: 'a fault without its group when there are several',
      text: `${BLUE_GREEN}faults:\n  - { type: instance_crash, at: 1m }\n`,
      line: 23,
      path: 'faults[0].auto_scaling_group',
      words: ['missing; required when there are several auto_scaling_groups (api-blue, api-green)'],
    },
    {
      name: 'a policy on a load balancer metric of a group with two target groups names none',
      text: BLUE_GREEN.replace(
        'target_groups: [green] }',
        'target_groups: [green, blue], policies: [ { name: rps, type: target_tracking, metric: ALBRequestCountPerTarget, target: 100 } ] }',
      ),
      line: 19,
      path: 'auto_scaling_groups.api-green.policies[0].target_group',
      words: ['the group registers with several (green, blue): name one'],
    },
    {
      name: 'the two forms mixed',
      text: `${BLUE_GREEN}fleet: { instance_type: m7g.large, instances: 1 }\n`,
      line: 17,
      path: 'auto_scaling_groups',
      words: ['cannot be mixed with the shorthand'],
    },
    {
      name: 'a name AWS would refuse',
      text: BLUE_GREEN.replace('  green: { slow_start: 60s }', '  green-: { slow_start: 60s }'),
      line: 16,
      path: 'target_groups.green-',
      words: ['found the name "green-"', '1 to 32 letters, digits and hyphens'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const lines = problemsOf(c.text);
      expect(lines).toContainEqual(expect.stringContaining(`s.yaml:${c.line}: ${c.path}: `));
      const line = lines.find((l) => l.includes(`: ${c.path}: `))!;
      for (const w of c.words) expect(line).toContain(w);
    });
  }

  it('a shorthand scenario\'s problems are at its own keys', () => {
    const lines = problemsOf(`${HEAD}fleet: { instance_type: m7g.large, instances: 2 }\nload_balancer: { type: nlb, slow_start: 60s }\n`);
    expect(lines).toEqual(['s.yaml:7: load_balancer.slow_start: slow start is an ALB feature (section 7.3)']);
  });
});

describe('fuzz: generated general-form sections validate or fail with ScenarioErrors only', () => {
  const name = fc.constantFrom('web', 'blue', 'green', 'api-green', 'x', '-bad', 'a.b', '', 'lb');
  const forward = fc.array(fc.record({ target_group: name, weight: fc.oneof(fc.constant(undefined), fc.integer({ min: -2, max: 1000 })) }, { requiredKeys: ['target_group'] }), { maxLength: 6 });
  const rule = fc.record(
    { priority: fc.oneof(fc.integer({ min: -1, max: 50_001 }), fc.constant('1')), path: fc.constantFrom('/api/*', '/?', '', '/'), default: fc.constantFrom(true, false), forward },
    { requiredKeys: ['forward'] },
  );
  const document = fc.record(
    {
      load_balancers: fc.dictionary(name, fc.record({ type: fc.constantFrom('alb', 'nlb', 'gwlb'), listener: fc.record({ rules: fc.array(rule, { maxLength: 4 }) }) }, { requiredKeys: [] }), { maxKeys: 3 }),
      target_groups: fc.dictionary(name, fc.record({ protocol: fc.constantFrom('HTTP', 'TCP', 'SCTP'), algorithm: fc.constantFrom('round_robin', 'flow_hash'), slow_start: fc.constantFrom(0, 60, 5) }, { requiredKeys: [] }), { maxKeys: 3 }),
      auto_scaling_groups: fc.dictionary(
        name,
        fc.record(
          {
            instance_type: fc.constantFrom('m7g.large', 'z9.huge'),
            min: fc.integer({ min: -1, max: 3 }),
            max: fc.integer({ min: 0, max: 3 }),
            target_groups: fc.array(name, { maxLength: 3 }),
            policies: fc.array(fc.record({ name: fc.constant('p'), type: fc.constant('target_tracking'), metric: fc.constantFrom('ALBRequestCountPerTarget', 'ASGAverageCPUUtilization'), target: fc.constant(50), target_group: name }, { requiredKeys: ['name', 'type', 'metric', 'target'] }), { maxLength: 2 }),
          },
          { requiredKeys: ['instance_type', 'min', 'max'] },
        ),
        { maxKeys: 3 },
      ),
      faults: fc.array(fc.record({ type: fc.constant('instance_crash'), at: fc.constant(60), auto_scaling_group: name }, { requiredKeys: ['type', 'at'] }), { maxLength: 2 }),
      actions: fc.array(fc.record({ type: fc.constant('modify_rule'), at: fc.constant(60), load_balancer: name, priority: fc.integer({ min: 0, max: 3 }), default: fc.constant(true), forward }, { requiredKeys: ['type', 'at', 'forward'] }), { maxLength: 2 }),
      fleet: fc.constant({ instance_type: 'm7g.large', instances: 1 }),
    },
    { requiredKeys: [] },
  );
  it('never a foreign error; every problem has a key path', () => {
    fc.assert(
      fc.property(document, (sections) => {
        const text = HEAD + stringify(sections);
        try {
          parse(text);
        } catch (err) {
          if (!(err instanceof ScenarioError)) throw err;
          for (const p of err.problems) expect(p.message).not.toMatch(/\n\s+at /);
        }
      }),
      { numRuns: 400, seed: 20261204 },
    );
  });
});
