import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from './helpers/run-cli.ts';

/*
 * Rule: bad input gets a clear error. It names the file, the line (`file:LINE:`) or key path,
 * says what was found and what is accepted, exits with code 2, and never prints a stack trace.
 * A run that fails on bad input leaves no summary.json behind.
 *
 * Every row goes through the real CLI entry, runCli, with scenario and trace text written to a
 * fresh temporary folder.
 */

/** A valid scenario in block style, so each key sits on its own, known line. */
const VALID = `name: broken
duration: 10m
workload:
  arrivals:
    type: poisson
    rate: 5
  service_time:
    dist: exponential
    mean: 100ms
fleet:
  instance_type: m7g.xlarge
  instances: 2
`;
// Line numbers in VALID: 1 name, 2 duration, 5 arrivals.type, 6 arrivals.rate, 8 service_time.dist,
// 10 fleet, 11 fleet.instance_type, 12 fleet.instances.

/** VALID with `from` replaced by `to`; fails loudly if `from` is not there, so rows stay honest. */
function edit(from: string, to: string, text = VALID): string {
  if (!text.includes(from)) throw new Error(`test bug: ${JSON.stringify(from)} is not in the scenario`);
  return text.replace(from, to);
}

/** VALID with a group (min 1, max 4) holding one policy, written in flow style on line 16. */
function withPolicy(policy: string): string {
  return edit('  instances: 2\n', `  autoscaling:\n    min: 1\n    max: 4\n    policies:\n      - ${policy}\n`);
}

/** A scenario replaying a trace file `t.csv` (rate CSV) or `t.txt` (per-request times); `file:` is line 6. */
function traceScenario(type: 'trace' | 'requests', file: string): string {
  return `name: broken
workload:
  service_time: { dist: exponential, mean: 10ms }
  arrivals:
    type: ${type}
    file: ${file}
fleet:
  instance_type: m7g.xlarge
  instances: 2
`;
}

/** The HTTP entry of AWS's ALB access log examples, on one line. */
const ALB_ENTRY =
  'http 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 10.0.0.1:80 0.000 0.001 0.000 200 200 34 366 ' +
  '"GET http://www.example.com:80/ HTTP/1.1" "curl/7.46.0" - - arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 ' +
  '"Root=1-58337262-36d228ad5d99923122bbe354" "-" "-" 0 2018-07-02T22:22:48.364000Z "forward" "-" "-" "10.0.0.1:80" "200" "-" "-"';

const FOLDER = Symbol('folder');

interface BadInputCase {
  readonly name: string;
  /** Files to create in the temporary folder (relative name -> text, or FOLDER for a folder). */
  readonly files: Readonly<Record<string, string | typeof FOLDER>>;
  /** Command line; `dir` is the temporary folder. Default: run s.yaml --out <dir>/out. */
  readonly args?: (dir: string) => string[];
  /** File (relative to the folder) that the message must name; omitted for command-line mistakes. */
  readonly where?: string;
  /** Line the message must give as `file:LINE:`. */
  readonly line?: number;
  /** Key path the message must give, e.g. `fleet.instances`. */
  readonly path?: string;
  /** Key words of what was found and what is accepted. */
  readonly words: readonly string[];
  /** A path (relative to the folder) that the message must show resolved, i.e. in full. */
  readonly resolved?: string;
  /** Text that must not appear (a misleading extra message). */
  readonly absent?: readonly string[];
}

const runArgs = (dir: string, ...extra: string[]): string[] => ['run', join(dir, 's.yaml'), '--out', join(dir, 'out'), ...extra];

const cases: readonly BadInputCase[] = [
  // --- the scenario file itself ---
  {
    name: 'missing scenario file',
    files: {},
    args: (dir) => ['run', join(dir, 'absent.yaml'), '--out', join(dir, 'out')],
    where: 'absent.yaml',
    words: ['not found'],
  },
  {
    name: 'a folder instead of a scenario file',
    files: { 'scenario.d': FOLDER },
    args: (dir) => ['run', join(dir, 'scenario.d'), '--out', join(dir, 'out')],
    where: 'scenario.d',
    words: ['folder', 'scenario file'],
  },
  {
    name: 'invalid YAML syntax',
    files: { 's.yaml': edit('    rate: 5', '    rate: 5: 6') },
    where: 's.yaml',
    line: 6,
    words: ['not valid YAML'],
  },
  {
    name: 'duplicate key',
    files: { 's.yaml': `${VALID}name: again\n` },
    where: 's.yaml',
    line: 13,
    words: ['unique'],
  },
  {
    name: 'alias to an anchor that does not exist',
    files: { 's.yaml': `${VALID}description: *nowhere\n` },
    where: 's.yaml',
    line: 13,
    words: ['nowhere'],
  },
  {
    name: 'aliases that expand exponentially (billion laughs)',
    files: {
      's.yaml': `${VALID}a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: [*c, *c, *c, *c, *c, *c, *c, *c, *c]
`,
    },
    where: 's.yaml',
    words: ['alias'],
  },
  {
    name: 'top level is a list, not a mapping',
    files: { 's.yaml': '- name: broken\n- duration: 10m\n' },
    where: 's.yaml',
    line: 1,
    words: ['expected a mapping'],
  },
  {
    name: 'empty scenario file',
    files: { 's.yaml': '' },
    where: 's.yaml',
    words: ['expected a mapping'],
  },
  {
    name: 'unknown key (typo "instance" for "instances")',
    files: { 's.yaml': edit('  instances: 2', '  instance: 3') },
    where: 's.yaml',
    line: 12,
    path: 'fleet.instance',
    words: ['unknown key "instance"'],
  },
  {
    name: 'wrong type: instances is a string',
    files: { 's.yaml': edit('instances: 2', 'instances: "ten"') },
    where: 's.yaml',
    line: 12,
    path: 'fleet.instances',
    words: ['found "ten"', 'expected a number'],
  },
  {
    name: 'instances is not a whole number',
    files: { 's.yaml': edit('instances: 2', 'instances: 2.5') },
    where: 's.yaml',
    line: 12,
    path: 'fleet.instances',
    words: ['2.5', 'whole number'],
  },
  {
    name: 'instances is 0',
    files: { 's.yaml': edit('instances: 2', 'instances: 0') },
    where: 's.yaml',
    line: 12,
    path: 'fleet.instances',
    words: ['found 0', 'at least 1'],
  },
  {
    name: 'queue_limit is neither a count nor "unbounded"',
    files: { 's.yaml': edit('  instances: 2\n', '  instances: 2\n  queue_limit: none\n') },
    where: 's.yaml',
    line: 13,
    path: 'fleet.queue_limit',
    words: ['"none"', 'whole number', '"unbounded"'],
  },
  {
    name: 'unknown instance type lists the accepted ones',
    files: { 's.yaml': edit('m7g.xlarge', 'm7g.huge') },
    where: 's.yaml',
    line: 11,
    path: 'fleet.instance_type',
    words: ['"m7g.huge"', 'accepted', '"m7g.xlarge"', '"c7g.large"', '"t3.micro"'],
  },
  {
    name: 'duration written as "2 hours"',
    files: { 's.yaml': edit('duration: 10m', 'duration: 2 hours') },
    where: 's.yaml',
    line: 2,
    path: 'duration',
    // What is accepted, in words a user can act on (examples), not only a regular expression.
    words: ['"2 hours"', '"5m"', '"1h"'],
  },
  {
    name: 'negative duration',
    files: { 's.yaml': edit('duration: 10m', 'duration: -5') },
    where: 's.yaml',
    line: 2,
    path: 'duration',
    words: ['-5'],
    // The scenario has no warmup; an error about it would send the user to the wrong key.
    absent: ['warmup'],
  },
  {
    name: 'warmup not shorter than duration',
    files: { 's.yaml': edit('duration: 10m\n', 'duration: 10m\nwarmup: 10m\n') },
    where: 's.yaml',
    line: 3,
    path: 'warmup',
    words: ['shorter than duration'],
  },
  {
    name: 'missing duration for poisson arrivals',
    files: { 's.yaml': edit('duration: 10m\n', '') },
    where: 's.yaml',
    path: 'duration',
    words: ['missing', '"1h"'],
  },
  {
    name: 'unknown arrivals type',
    files: { 's.yaml': edit('type: poisson', 'type: burst') },
    where: 's.yaml',
    line: 5,
    path: 'workload.arrivals.type',
    words: ['"burst"', '"poisson"', '"trace"', '"requests"'],
  },
  {
    name: 'unknown service-time distribution',
    files: { 's.yaml': edit('dist: exponential', 'dist: gamma') },
    where: 's.yaml',
    line: 8,
    path: 'workload.service_time.dist',
    words: ['"gamma"', '"exponential"', '"lognormal"', '"uniform"'],
  },
  {
    name: 'lognormal with only a median',
    files: { 's.yaml': edit('    dist: exponential\n    mean: 100ms', '    dist: lognormal\n    median: 100ms') },
    where: 's.yaml',
    line: 7,
    path: 'workload.service_time',
    words: ['median and p99', 'mu and sigma'],
  },
  {
    name: 'uniform with min above max',
    files: { 's.yaml': edit('    dist: exponential\n    mean: 100ms', '    dist: uniform\n    min: 2s\n    max: 1s') },
    where: 's.yaml',
    line: 10,
    path: 'workload.service_time.max',
    words: ['min', 'max'],
  },
  {
    name: "a target-tracking alarm's datapoints_to_alarm above the default evaluation_periods",
    files: { 's.yaml': withPolicy('{ name: cpu, type: target_tracking, metric: ASGAverageCPUUtilization, target: 50, alarm_high: { datapoints_to_alarm: 5 } }') },
    where: 's.yaml',
    line: 16,
    path: 'fleet.autoscaling.policies[0].alarm_high.datapoints_to_alarm',
    words: ['evaluation_periods (its default 3)'],
  },
  {
    name: "a scheduled action's end_time before its start_time",
    files: { 's.yaml': withPolicy('{ name: night, type: scheduled, start_time: "2026-03-02T14:00:00Z", end_time: "2026-03-02T13:00:00Z", desired: 2 }') },
    where: 's.yaml',
    line: 16,
    path: 'fleet.autoscaling.policies[0].end_time',
    words: ['must not be before start_time (2026-03-02T14:00:00Z)', 'found 2026-03-02T13:00:00Z'],
  },
  {
    name: 'a predictive ALBRequestCount target too large to convert to an hourly load',
    files: { 's.yaml': withPolicy('{ name: forecast, type: predictive, metric: ALBRequestCount, target: 1e308 }') },
    where: 's.yaml',
    line: 16,
    path: 'fleet.autoscaling.policies[0].target',
    words: ['too large', 'found 1e+308'],
  },
  {
    name: 'a CPU utilisation target above 100 %',
    files: { 's.yaml': withPolicy('{ name: cpu, type: target_tracking, metric: ASGAverageCPUUtilization, target: 150 }') },
    where: 's.yaml',
    line: 16,
    path: 'fleet.autoscaling.policies[0].target',
    words: ['percentage in (0, 100]', 'found 150'],
  },
  {
    name: 'a predictive CPU utilisation target above 100 %',
    files: { 's.yaml': withPolicy('{ name: forecast, type: predictive, metric: ASGCPUUtilization, target: 101 }') },
    where: 's.yaml',
    line: 16,
    path: 'fleet.autoscaling.policies[0].target',
    words: ['percentage in (0, 100]', 'found 101'],
  },
  {
    name: 'health-check interval outside the AWS range names its own key',
    files: { 's.yaml': `${VALID}load_balancer:\n  health_check:\n    interval: 400s\n` },
    where: 's.yaml',
    line: 15,
    path: 'load_balancer.health_check.interval',
    words: ['found 400', '[5, 300]'],
  },
  // --- hostile and extreme values: each is refused before it can exhaust memory or run forever ---
  {
    name: 'a scenario file above the size limit (a huge empirical list)',
    files: { 's.yaml': edit('    dist: exponential\n    mean: 100ms', `    dist: empirical\n    values: [${'0.1, '.repeat(300_000)}0.1]`) },
    where: 's.yaml',
    words: ['bytes', 'at most 1048576 bytes (MAX_SCENARIO_BYTES'],
  },
  {
    name: 'a list of more items than any list may hold',
    files: { 's.yaml': edit('    dist: exponential\n    mean: 100ms', `    dist: empirical\n    values: [${'1,'.repeat(100_000)}1]`) },
    where: 's.yaml',
    line: 9,
    words: ['100001 items', 'at most 100000 (MAX_LIST_ITEMS)'],
  },
  {
    name: 'lists nested thousands deep',
    files: { 's.yaml': `${VALID}description: ${'['.repeat(5000)}1${']'.repeat(5000)}\n` },
    where: 's.yaml',
    line: 13,
    words: ['nested more than 64', 'MAX_NESTING_DEPTH'],
    absent: ['call stack'],
  },
  {
    name: 'mappings nested thousands deep in block style',
    files: { 's.yaml': `${VALID}description:\n${Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i + 1)}k:`).join('\n')} 1\n` },
    where: 's.yaml',
    words: ['nested more than 64', 'MAX_NESTING_DEPTH'],
    absent: ['call stack'],
  },
  {
    name: 'compare --set with a value nested thousands deep',
    files: { 's.yaml': VALID },
    args: (dir) => ['compare', join(dir, 's.yaml'), '--set', `description=${'['.repeat(3000)}1${']'.repeat(3000)}`, '--out', join(dir, 'out')],
    words: ['--set', 'nested more than 64', 'MAX_NESTING_DEPTH'],
    absent: ['call stack'],
  },
  {
    name: 'compare --set with a key path thousands of keys long',
    files: { 's.yaml': VALID },
    args: (dir) => ['compare', join(dir, 's.yaml'), '--set', `description${'.a'.repeat(5000)}=1`, '--out', join(dir, 'out')],
    words: ['--set', 'a key path of 5001 keys', 'MAX_NESTING_DEPTH'],
    absent: ['call stack'],
  },
  {
    name: 'a duration of 1e308 seconds',
    files: { 's.yaml': edit('duration: 10m', 'duration: 1e308') },
    where: 's.yaml',
    line: 2,
    path: 'duration',
    words: ['found 1e+308', 'from 0 to 3155760000', 'MAX_DURATION_SECONDS'],
  },
  {
    name: 'a Poisson rate near the largest double',
    files: { 's.yaml': edit('rate: 5', 'rate: 1.7e308') },
    path: 'workload.arrivals',
    words: ['scenario broken', 'events', 'at most 1e+9 (MAX_EXPECTED_EVENTS'],
  },
  {
    name: 'a trace whose count is near the largest double',
    files: { 's.yaml': traceScenario('trace', 't.csv'), 't.csv': 'time_s,requests\n0,1\n1,1e308\n2,1\n' },
    where: 't.csv',
    line: 3,
    words: ['1e+308', 'at most 1000000000000'],
  },
  {
    name: 'a trace speedup near the smallest double',
    files: { 's.yaml': edit('    file: t.csv\n', '    file: t.csv\n    speedup: 5e-324\n', traceScenario('trace', 't.csv')), 't.csv': 'time_s,requests\n0,1\n1,2\n' },
    where: 's.yaml',
    line: 7,
    path: 'workload.arrivals.speedup',
    words: ['found 5e-324', 'MIN_FACTOR'],
  },
  {
    // Walked bucket by bucket looking for a request, 3e9 buckets: the run never returned.
    name: 'a looping trace of counts near 0 over a century',
    files: {
      's.yaml': `${edit('    file: t.csv\n', '    file: t.csv\n    loop: true\n', traceScenario('trace', 't.csv'))}duration: 36500d\noutput:\n  period: 30d\n`,
      't.csv': 'time_s,requests\n0,1e-300\n1,0\n',
    },
    path: 'workload.arrivals',
    words: ['changes of arrival state', 'MAX_EXPECTED_EVENTS'],
  },
  {
    name: 'an MMPP state lasting the smallest double',
    files: { 's.yaml': edit('    type: poisson\n    rate: 5', '    type: mmpp\n    states: [{ rate: 5, mean_duration: 5e-324 }]') },
    path: 'workload.arrivals',
    words: ['scenario broken', 'infinitely many events', 'MAX_EXPECTED_EVENTS'],
  },
  {
    name: 'a time-series period of the smallest double',
    files: { 's.yaml': `${VALID}output:\n  period: 5e-324\n` },
    path: 'output.period',
    words: ['scenario broken', 'time-series row', 'MAX_EXPECTED_EVENTS'],
  },
  {
    name: 'a lognormal sigma of 1e308',
    files: { 's.yaml': edit('    dist: exponential\n    mean: 100ms', '    dist: lognormal\n    mu: -3\n    sigma: 1e308') },
    where: 's.yaml',
    line: 10,
    path: 'workload.service_time.sigma',
    words: ['found 1e+308', 'MAX_LOGNORMAL_SIGMA'],
  },
  {
    name: 'a fleet of 1e15 instances',
    files: { 's.yaml': edit('instances: 2', 'instances: 1e15') },
    where: 's.yaml',
    line: 12,
    path: 'fleet.instances',
    words: ['found 1000000000000000', 'from 1 to 100000 (MAX_INSTANCES)'],
  },
  {
    name: "an alarm's evaluation_periods beyond one day of datapoints",
    files: { 's.yaml': withPolicy('{ name: up, type: simple, metric: ASGAverageCPUUtilization, threshold: 70, comparison: ">", evaluation_periods: 1e15, adjustment_type: ChangeInCapacity, adjustment: 1 }') },
    where: 's.yaml',
    line: 16,
    path: 'fleet.autoscaling.policies[0].evaluation_periods',
    words: ['MAX_EVALUATION_PERIODS'],
  },
  {
    name: 'a number written past the range of a double',
    files: { 's.yaml': edit('rate: 5', 'rate: 1e400') },
    where: 's.yaml',
    line: 6,
    path: 'workload.arrivals.rate',
    words: ['found 1e400', 'out of range as written'],
    absent: ['Infinity'],
  },
  {
    name: 'compare --set with a number past the range of a double',
    files: { 's.yaml': VALID },
    args: (dir) => ['compare', join(dir, 's.yaml'), '--set', 'fleet.instances=1e400', '--out', join(dir, 'out')],
    words: ["--set 'fleet.instances=1e400'", 'found 1e400', 'out of range as written'],
    absent: ['Infinity'],
  },
  {
    name: "a one-off scheduled action before the scenario's start",
    files: { 's.yaml': withPolicy('{ name: early, type: scheduled, start_time: "2026-03-01T23:00:00Z", desired: 3 }') },
    where: 's.yaml',
    line: 16,
    path: 'fleet.autoscaling.policies[0].start_time',
    words: ['found 2026-03-01T23:00:00Z', "scenario's start (2026-03-02T00:00:00Z)", 'PutScheduledUpdateGroupAction'],
  },
  {
    name: 'an unknown key suggests the nearest known one and lists those accepted',
    files: { 's.yaml': edit('duration: 10m', 'durration: 10m') },
    where: 's.yaml',
    line: 2,
    path: 'durration',
    words: ['unknown key "durration" (did you mean "duration"?)', 'accepted here: name, description, start, seed, duration, warmup, workload'],
  },
  {
    name: "an unknown key in a distribution lists that distribution's keys",
    files: { 's.yaml': edit('mean: 100ms', 'maen: 100ms') },
    where: 's.yaml',
    line: 9,
    path: 'workload.service_time.maen',
    words: ['unknown key "maen" (did you mean "mean"?)', 'accepted here: dist, mean'],
  },
  {
    name: 'compare --set with an unknown key suggests the nearest',
    files: { 's.yaml': VALID },
    args: (dir) => ['compare', join(dir, 's.yaml'), '--set', 'fleet.instancez=3', '--out', join(dir, 'out')],
    path: 'fleet.instancez',
    words: ['did you mean "instances"?', "--set 'fleet.instancez=3'"],
  },
  {
    name: 'compare --set with an unknown leading key suggests the nearest',
    files: { 's.yaml': VALID },
    args: (dir) => ['compare', join(dir, 's.yaml'), '--set', 'durration=5m', '--out', join(dir, 'out')],
    words: ['no key "durration"', 'did you mean "duration"?'],
  },
  {
    name: 'a fault aimed at an AZ the fleet does not use',
    files: { 's.yaml': `${VALID}faults:\n  - { at: 1m, type: instance_crash, az: eu-west-1a }\n` },
    where: 's.yaml',
    line: 14,
    path: 'faults[0].az',
    words: ['found "eu-west-1a"', "the fleet's zones"],
  },
  {
    name: 'a fault naming an instance with a count of 2',
    files: { 's.yaml': `${VALID}faults:\n  - { at: 1m, type: instance_hang, instance: i-00000000000000001, count: 2 }\n` },
    where: 's.yaml',
    line: 14,
    path: 'faults[0].instance',
    words: ['names one instance', 'count 1'],
  },
  {
    name: 'a fault naming an instance by a malformed id',
    files: { 's.yaml': `${VALID}faults:\n  - { at: 1m, type: instance_crash, instance: web-1 }\n` },
    where: 's.yaml',
    line: 14,
    path: 'faults[0].instance',
    words: ['web-1', 'i-00000000000000003'],
  },
  {
    name: 'a manual terminate_instance without should_decrement_desired_capacity',
    files: { 's.yaml': `${VALID}actions:\n  - { at: 1m, type: terminate_instance, instance: i-00000000000000001 }\n` },
    where: 's.yaml',
    line: 14,
    path: 'actions[0].should_decrement_desired_capacity',
    words: ['missing', 'true or false'],
  },
  {
    name: 'trace file not found shows the resolved path',
    files: { 's.yaml': traceScenario('trace', 'traces/missing.csv') },
    where: 's.yaml',
    line: 6,
    path: 'workload.arrivals.file',
    words: ['not found'],
    resolved: join('traces', 'missing.csv'),
  },

  // --- rate CSV (time_s,requests) ---
  {
    name: 'rate CSV with a wrong header',
    files: { 's.yaml': traceScenario('trace', 't.csv'), 't.csv': 'time,count\n0,1\n1,2\n' },
    where: 't.csv',
    line: 1,
    words: ['"time,count"', '"time_s,requests"'],
  },
  {
    name: 'rate CSV with a non-numeric cell',
    files: { 's.yaml': traceScenario('trace', 't.csv'), 't.csv': 'time_s,requests\n0,1\n1,abc\n2,3\n' },
    where: 't.csv',
    line: 3,
    words: ['"abc"', 'number'],
  },
  {
    name: 'rate CSV with a negative count',
    files: { 's.yaml': traceScenario('trace', 't.csv'), 't.csv': 'time_s,requests\n0,1\n1,-4\n2,3\n' },
    where: 't.csv',
    line: 3,
    words: ['"-4"', 'non-negative'],
  },
  {
    name: 'rate CSV with a time that does not increase',
    files: { 's.yaml': traceScenario('trace', 't.csv'), 't.csv': 'time_s,requests\n0,1\n1,1\n2,1\n2,1\n' },
    where: 't.csv',
    line: 5,
    words: ['time_s 2', 'does not increase'],
  },
  {
    name: 'rate CSV with a time off the grid',
    files: { 's.yaml': traceScenario('trace', 't.csv'), 't.csv': 'time_s,requests\n0,1\n10,1\n25,1\n' },
    where: 't.csv',
    line: 4,
    words: ['25', 'grid'],
  },
  {
    name: 'rate CSV with three fields on a row',
    files: { 's.yaml': traceScenario('trace', 't.csv'), 't.csv': 'time_s,requests\n0,1\n1,2,3\n' },
    where: 't.csv',
    line: 3,
    words: ['3 fields', 'expected 2'],
  },
  {
    name: 'empty rate CSV',
    files: { 's.yaml': traceScenario('trace', 't.csv'), 't.csv': '' },
    where: 't.csv',
    words: ['empty', '"time_s,requests"'],
  },
  {
    name: 'rate CSV with only the header',
    files: { 's.yaml': traceScenario('trace', 't.csv'), 't.csv': 'time_s,requests\n' },
    where: 't.csv',
    words: ['no data rows'],
  },
  {
    name: 'rate CSV whose rows span too many buckets for memory',
    files: { 's.yaml': traceScenario('trace', 't.csv'), 't.csv': 'time_s,requests\n0,1\n1,1\n1e12,1\n' },
    where: 't.csv',
    line: 4,
    words: ['time_s 1000000000000', 'at most 31622400', 'wider buckets'],
  },
  {
    name: 'trace file is a folder',
    files: { 's.yaml': traceScenario('trace', 't.csv'), 't.csv': FOLDER },
    where: 't.csv',
    words: ['folder'],
  },
  {
    name: 'rate CSV whose counts sum past the request limit',
    files: { 's.yaml': traceScenario('trace', 't.csv'), 't.csv': 'time_s,requests\n0,1\n1,1e308\n' },
    where: 't.csv',
    line: 3,
    words: ['requests 1e+308', 'at most 1000000000000', 'ten days'],
  },
  {
    name: 'trace file is a character device',
    files: { 's.yaml': traceScenario('trace', '/dev/zero') },
    words: ['/dev/zero', 'is a character device; expected a trace file'],
    absent: ['folder'],
  },
  {
    name: 'trace offset past the end of a rate CSV',
    files: { 's.yaml': traceScenario('trace', 't.csv').replace('    file: t.csv\n', '    file: t.csv\n    offset: 1h\n'), 't.csv': 'time_s,requests\n0,1\n60,2\n' },
    where: 't.csv',
    words: ['offset 3600 s', 'spans trace time 0 to 120 s'],
  },
  {
    name: 'trace offset past the last request, without a duration',
    files: { 's.yaml': traceScenario('requests', 't.txt').replace('    file: t.txt\n', '    file: t.txt\n    offset: 100\n'), 't.txt': 'time_s\n1\n2\n3\n' },
    where: 't.txt',
    words: ['offset 100 s', 'spans trace time 1 to 3 s'],
  },
  {
    name: 'trace offset past the last request, with a duration',
    files: {
      's.yaml': `duration: 1m\n${traceScenario('requests', 't.txt').replace('    file: t.txt\n', '    file: t.txt\n    offset: 100\n')}`,
      't.txt': 'time_s\n1\n2\n3\n',
    },
    where: 't.txt',
    words: ['offset 100 s', 'spans trace time 1 to 3 s'],
  },
  {
    name: 'warmup longer than the trace names the trace and its span, not the offset',
    files: { 's.yaml': `warmup: 10s\n${traceScenario('requests', 't.txt')}`, 't.txt': 'time_s\n1\n2\n3\n' },
    path: 'warmup',
    words: ['not past the warmup (10 s)', 't.txt spans trace time 1 to 3 s'],
    absent: ['offset'],
  },
  {
    name: 'trace convert of requests a billion seconds apart into more buckets than a rate CSV holds',
    files: { 't.txt': 'time_s\n0\n1000000000\n' },
    args: (dir) => ['trace', 'convert', join(dir, 't.txt'), '--bucket', '1s'],
    words: ['--bucket', '1000000001 buckets of 1 s', 'at most 31622400', 'wider --bucket'],
  },

  // --- per-request file (time_s, one time per line); these errors surface during the run ---
  {
    name: 'requests file with an unsorted time',
    files: { 's.yaml': traceScenario('requests', 't.txt'), 't.txt': 'time_s\n1\n2\n1.5\n3\n' },
    where: 't.txt',
    line: 4,
    words: ['1.5', 'sorted'],
  },
  {
    name: 'requests file with a non-numeric line',
    files: { 's.yaml': traceScenario('requests', 't.txt'), 't.txt': 'time_s\n1\n2\nabc\n3\n' },
    where: 't.txt',
    line: 4,
    words: ['"abc"', 'not a number'],
  },
  {
    name: 'requests file with a non-numeric last line',
    files: { 's.yaml': traceScenario('requests', 't.txt'), 't.txt': 'time_s\n1\n2\nabc\n' },
    where: 't.txt',
    line: 4,
    words: ['"abc"', 'number'],
  },
  {
    name: 'requests file with a wrong header',
    files: { 's.yaml': traceScenario('requests', 't.txt'), 't.txt': 'time\n1\n2\n' },
    where: 't.txt',
    line: 1,
    words: ['"time"', '"time_s"'],
  },
  {
    name: 'Common Log Format line with an impossible time',
    files: {
      's.yaml': traceScenario('requests', 'a.log'),
      'a.log': 'h - - [01/Jul/1995:00:00:01 -0400] "GET / HTTP/1.0" 200 1\nh - - [01/Jul/1995:00:00:99 -0400] "GET / HTTP/1.0" 200 1\n',
    },
    where: 'a.log',
    line: 2,
    words: ['"01/Jul/1995:00:00:99 -0400"', 'not a date'],
  },
  {
    name: 'ALB access log entry cut short',
    files: { 's.yaml': traceScenario('requests', 'a.log'), 'a.log': `${ALB_ENTRY}\n${ALB_ENTRY.split(' ').slice(0, 12).join(' ')}\n` },
    where: 'a.log',
    line: 2,
    words: ['found 12 fields', 'at least 22', 'request_creation_time'],
  },
  {
    name: 'service_time from_trace without a request log',
    files: { 's.yaml': edit('    dist: exponential\n    mean: 100ms', '    dist: from_trace') },
    where: 's.yaml',
    line: 8,
    path: 'workload.service_time.dist',
    words: ['from_trace', 'requests', 'alb'],
  },

  // --- command-line options and commands ---
  {
    name: '--seed abc',
    files: { 's.yaml': VALID },
    args: (dir) => runArgs(dir, '--seed', 'abc'),
    words: ['--seed', '"abc"', 'whole number'],
  },
  {
    name: '--duration xyz',
    files: { 's.yaml': VALID },
    args: (dir) => runArgs(dir, '--duration', 'xyz'),
    words: ['--duration', '"xyz"', '"1h"'],
  },
  {
    name: 'unknown option',
    files: { 's.yaml': VALID },
    args: (dir) => runArgs(dir, '--speed', '3'),
    words: ['unknown option', '--speed'],
  },
  {
    name: 'unknown command',
    files: { 's.yaml': VALID },
    args: (dir) => ['simulate', join(dir, 's.yaml')],
    words: ['unknown command', 'simulate'],
  },
  {
    name: 'compare --set with a value the schema rejects',
    files: { 's.yaml': VALID },
    args: (dir) => ['compare', join(dir, 's.yaml'), '--set', 'fleet.instances=ten', '--out', join(dir, 'out')],
    where: 's.yaml',
    line: 12,
    path: 'fleet.instances',
    words: ['"ten"', "--set 'fleet.instances=ten'"],
  },
  {
    name: 'compare --set through a value',
    files: { 's.yaml': VALID },
    args: (dir) => ['compare', join(dir, 's.yaml'), '--set', 'fleet.instance_type.size=2', '--out', join(dir, 'out')],
    path: 'fleet.instance_type.size',
    words: ["--set 'fleet.instance_type.size=2'", 'not a section'],
  },
  {
    name: 'sweep --grid on a list index that does not exist',
    files: { 's.yaml': VALID },
    args: (dir) => ['sweep', join(dir, 's.yaml'), '--grid', 'fleet.availability_zones[5]=a,b', '--out', join(dir, 'out')],
    words: ["--grid 'fleet.availability_zones[5]=a'", 'fleet.availability_zones[5]', 'an index needs a list written in the file'],
  },
  {
    name: 'run --out naming a file',
    files: { 's.yaml': VALID, 'taken.txt': 'x' },
    args: (dir) => ['run', join(dir, 's.yaml'), '--out', join(dir, 'taken.txt')],
    words: ['--out', 'taken.txt: is a file, expected a folder'],
  },
  {
    name: 'run --out under a file',
    files: { 's.yaml': VALID, 'taken.txt': 'x' },
    args: (dir) => ['run', join(dir, 's.yaml'), '--out', join(dir, 'taken.txt', 'out')],
    resolved: 'taken.txt',
    words: ['taken.txt is a file, expected a folder'],
  },
  {
    name: 'compare --seed-base below 0',
    files: { 's.yaml': VALID },
    args: (dir) => ['compare', join(dir, 's.yaml'), '--seed-base', '-1', '--out', join(dir, 'out')],
    words: ['--seed-base: found "-1"', 'whole number >= 0'],
  },
  {
    name: 'merge of a folder without shards',
    files: { 'empty.d': FOLDER },
    args: (dir) => ['merge', join(dir, 'empty.d'), '--out', join(dir, 'out')],
    words: ['empty.d', 'no sweep-shard'],
  },
  {
    name: 'run without a scenario',
    files: {},
    args: () => ['run'],
    words: ['missing', 'scenario'],
  },
  {
    name: "--seed '' is not seed 0",
    files: { 's.yaml': VALID },
    args: (dir) => runArgs(dir, '--seed', ''),
    words: ['--seed', 'empty', 'whole number >= 0'],
  },
  {
    name: '--seed 1e20 is a whole number out of range',
    files: { 's.yaml': VALID },
    args: (dir) => runArgs(dir, '--seed', '1e20'),
    words: ['--seed', '"1e20"', 'above the largest', '9007199254740991 (2^53 - 1)'],
    absent: ['not a whole number'],
  },
  {
    name: 'sweep seeds that would pass 2^53 - 1',
    files: { 's.yaml': VALID },
    args: (dir) => ['sweep', join(dir, 's.yaml'), '--grid', 'fleet.instances=2,3', '--seed-base', '9007199254740990', '--seeds', '5', '--out', join(dir, 'out')],
    words: ['--seed-base 9007199254740990 with --seeds 5', '9007199254740994', '2^53 - 1'],
  },
  {
    name: 'a sweep of more runs than a sweep plans (it was an internal error: an array too long to build)',
    files: { 's.yaml': VALID },
    args: (dir) => {
      const values = Array.from({ length: 2000 }, (_, i) => i + 1).join(',');
      return ['sweep', join(dir, 's.yaml'), '--grid', `fleet.instances=${values}`, '--grid', `fleet.workers=${values}`, '--seeds', '100000', '--out', join(dir, 'out')];
    },
    words: ['--grid', '4000000 grid points x 100000 seeds', 'more than the 1000000'],
  },
  {
    name: 'sweep --workers empty',
    files: { 's.yaml': VALID },
    args: (dir) => ['sweep', join(dir, 's.yaml'), '--grid', 'fleet.instances=2,3', '--workers', '', '--out', join(dir, 'out')],
    words: ['--workers', 'empty', 'whole number >= 1'],
  },
  {
    name: 'sweep --shard with an index past its count',
    files: { 's.yaml': VALID },
    args: (dir) => ['sweep', join(dir, 's.yaml'), '--grid', 'fleet.instances=2,3', '--shard', '3/3', '--out', join(dir, 'out')],
    words: ['--shard 3/3', 'from 0 to 2'],
  },
  {
    name: '--assert nested 100000 deep',
    files: { 's.yaml': VALID },
    args: (dir) => runArgs(dir, '--assert', `${'('.repeat(100000)}1${')'.repeat(100000)} < 2`),
    words: ['--assert', '200005 characters long', 'at most 1000'],
  },
  {
    name: '--assert on a path summary.json cannot have, before the run',
    files: { 's.yaml': VALID },
    args: (dir) => runArgs(dir, '--assert', 'latency_ms.p98 < 500'),
    words: ['--assert', '"latency_ms.p98"', 'no key "p98" under latency_ms', 'p99'],
  },
  {
    name: 'run --set with a value the schema rejects, as compare says it',
    files: { 's.yaml': VALID },
    args: (dir) => runArgs(dir, '--set', 'fleet.instances=ten'),
    where: 's.yaml',
    line: 12,
    path: 'fleet.instances',
    words: ['"ten"', "--set 'fleet.instances=ten'"],
  },
  {
    name: 'run --set through a value',
    files: { 's.yaml': VALID },
    args: (dir) => runArgs(dir, '--set', 'fleet.instance_type.size=2'),
    path: 'fleet.instance_type.size',
    words: ["--set 'fleet.instance_type.size=2'", 'not a section'],
  },
  {
    name: 'compare --variant whose name has a space names the name, not a key path',
    files: { 's.yaml': VALID },
    args: (dir) => ['compare', join(dir, 's.yaml'), '--variant', 'two fleets: fleet.instances=4', '--out', join(dir, 'out')],
    words: ['--variant', 'the name "two fleets" has characters a name cannot take', 'letters, digits'],
    absent: ['key path'],
  },
  {
    name: 'compare --variant with an empty name',
    files: { 's.yaml': VALID },
    args: (dir) => ['compare', join(dir, 's.yaml'), '--variant', ': fleet.instances=4', '--out', join(dir, 'out')],
    words: ['--variant', 'the name before ":" is empty'],
  },
  {
    name: 'run --skip-bad-lines on a rate CSV says it skips no rows of rate CSVs',
    files: { 's.yaml': traceScenario('trace', 't.csv'), 't.csv': 'time_s,requests\n0,1\n1,abc\n2,3\n' },
    args: (dir) => runArgs(dir, '--skip-bad-lines'),
    where: 't.csv',
    line: 3,
    words: ['"abc"', '--skip-bad-lines skips lines of per-request files and access logs only', "a rate CSV row is a bucket's count"],
  },
  {
    name: 'trace inspect --skip-bad-lines on a rate CSV says it skips no rows of rate CSVs',
    files: { 't.csv': 'time_s,requests\n0,1\n1,2,3\n2,3\n' },
    args: (dir) => ['trace', 'inspect', join(dir, 't.csv'), '--skip-bad-lines'],
    where: 't.csv',
    line: 3,
    words: ['found 3 fields', '--skip-bad-lines skips lines of per-request files and access logs only'],
  },
];

const root = mkdtempSync(join(tmpdir(), 'fleetsim-bad-input-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function runCase(c: Pick<BadInputCase, 'files' | 'args'>): Promise<{ dir: string; code: number; stderr: string }> {
  const dir = mkdtempSync(join(root, 'case-'));
  for (const [name, content] of Object.entries(c.files)) {
    const file = join(dir, name);
    if (content === FOLDER) mkdirSync(file, { recursive: true });
    else writeFileSync(file, content);
  }
  const { code, stderr } = await cli((c.args ?? runArgs)(dir));
  return { dir, code, stderr };
}

describe('bad input: exit code 2 and a message that says where and what', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const { dir, code, stderr } = await runCase(c);

    expect(stderr, 'a stack trace was printed').not.toMatch(/^\s+at /m);
    expect(stderr).not.toContain('internal error');
    expect(code).toBe(2);

    if (c.where !== undefined) {
      const file = join(dir, c.where);
      expect(stderr).toContain(c.line === undefined ? file : `${file}:${c.line}:`);
    }
    if (c.path !== undefined) expect(stderr).toContain(`: ${c.path}: `);
    for (const word of c.words) expect(stderr).toContain(word);
    if (c.resolved !== undefined) expect(stderr).toContain(join(dir, c.resolved));
    for (const word of c.absent ?? []) expect(stderr).not.toContain(word);

    expect(existsSync(join(dir, 'out', 'summary.json')), 'summary.json was written').toBe(false);
  });

  // So that each row fails only for its own edit.
  it.each([
    ['base scenario', { 's.yaml': VALID }],
    ['trace replay', { 's.yaml': traceScenario('trace', 't.csv'), 't.csv': 'time_s,requests\n0,1\n1,2\n2,3\n' }],
    ['requests replay', { 's.yaml': traceScenario('requests', 't.txt'), 't.txt': 'time_s\n1\n2\n2\n3\n' }],
  ] as const)('the valid %s runs', async (_name, files) => {
    const { dir, code, stderr } = await runCase({ files });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(existsSync(join(dir, 'out', 'summary.json'))).toBe(true);
  });
});
