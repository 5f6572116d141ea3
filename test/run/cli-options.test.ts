import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/io.ts';
import { seedsOption } from '../../src/cli/experiment-options.ts';
import { shardOption } from '../../src/cli/shard-option.ts';
import { parseWhole } from '../../src/cli/whole-number.ts';
import { workerCount } from '../../src/experiment/job-pool.ts';
import { cli, runScenario, tempDir, writeScenario } from '../helpers/run-cli.ts';

describe('whole-number options: one parser for seeds, counts and indices', () => {
  it.each([
    ['0', 0, 0],
    ['42', 0, 42],
    [' 7 ', 0, 7],
    ['1e3', 1, 1000],
    ['2.0', 1, 2],
    ['100e-2', 1, 1],
    ['9007199254740991', 0, 9007199254740991],
  ])('%s (at least %d) reads as %d', (text, min, n) => {
    expect(parseWhole('--seeds', text, min)).toBe(n);
  });

  it.each([
    ['', 'found an empty value'],
    ['  ', 'found an empty value'],
    ['abc', 'found "abc"; expected a whole number >= 0'],
    ['0x10', 'found "0x10"; expected a whole number >= 0'],
    ['1.5', 'not a whole number'],
    ['1e-1', 'not a whole number'],
    // Number('1.0000000000000001') is 1: wholeness is decided on the text.
    ['1.0000000000000001', 'not a whole number'],
    ['-1', 'found "-1"; expected a whole number >= 0'],
    ['1e20', 'found "1e20", a whole number above the largest that fleetsim takes, 9007199254740991 (2^53 - 1)'],
    ['9007199254740993', 'above the largest'],
    ['1e400', 'above the largest'],
  ])('"%s" is refused: %s', (text, words) => {
    expect(() => parseWhole('--seed', text, 0)).toThrow(UsageError);
    expect(() => parseWhole('--seed', text, 0)).toThrow(words);
  });

  it('a seed range that would pass 2^53 - 1 is refused, not folded onto repeated seeds', () => {
    expect(() => seedsOption('5', '9007199254740990')).toThrow('--seed-base 9007199254740990 with --seeds 5: the last seed would be 9007199254740994');
    expect(seedsOption('2', '9007199254740990')).toEqual([9007199254740990, 9007199254740991]);
    // A count past what can be held was an array of 1e15 seeds: an internal error.
    expect(() => seedsOption('1e15', undefined)).toThrow('--seeds: found "1e15"; expected a whole number from 1 to 100000');
  });

  it('shard indices from --shard and from the array job variables: empty is an error, not shard 0', () => {
    expect(shardOption('1/4', undefined, {})).toEqual({ index: 1, count: 4 });
    expect(() => shardOption('4/4', undefined, {})).toThrow('--shard 4/4, i: found "4"; expected a whole number from 0 to 3');
    expect(() => shardOption('1/', undefined, {})).toThrow('--shard 1/, N: found an empty value');
    expect(() => shardOption(undefined, undefined, { AWS_BATCH_JOB_ARRAY_INDEX: '', AWS_BATCH_JOB_ARRAY_SIZE: '4' })).toThrow(
      'AWS_BATCH_JOB_ARRAY_INDEX: found an empty value',
    );
    expect(() => shardOption(undefined, undefined, { AWS_BATCH_JOB_ARRAY_INDEX: '0', AWS_BATCH_JOB_ARRAY_SIZE: '' })).toThrow('AWS_BATCH_JOB_ARRAY_SIZE: found an empty value');
    expect(() => shardOption(undefined, '2', { JOB_COMPLETION_INDEX: '1e20' })).toThrow('JOB_COMPLETION_INDEX: found "1e20"');
    expect(() => shardOption(undefined, '', { JOB_COMPLETION_INDEX: '0' })).toThrow('--shards: found an empty value');
  });
});

describe('worker threads: no more than the cores unless forced, nor than the jobs', () => {
  it.each([
    [undefined, 100, false, 2, { workers: 2, limitedBy: null }],
    [undefined, 1, false, 2, { workers: 1, limitedBy: null }],
    [1000, 100, false, 2, { workers: 2, limitedBy: 'cores' }],
    [1000, 100, true, 2, { workers: 100, limitedBy: 'jobs' }],
    [64, 100, true, 2, { workers: 64, limitedBy: null }],
    [2, 100, false, 2, { workers: 2, limitedBy: null }],
    [8, 3, false, 16, { workers: 3, limitedBy: 'jobs' }],
  ] as const)('--workers %s, %d jobs, force %s, %d cores', (requested, jobs, force, cores, expected) => {
    expect(workerCount(requested, jobs, force, cores)).toEqual(expected);
  });
});

describe('fleetsim sweep --workers', () => {
  const scenario = {
    name: 'threads',
    duration: '1m',
    workload: { arrivals: { type: 'poisson', rate: 5 }, service_time: { dist: 'constant', value: 0.05 } },
    fleet: { instance_type: 'm7g.large', instances: 1 },
  };

  it('starts no more threads than jobs, and says so on stderr', async () => {
    const dir = tempDir();
    const r = await cli(['sweep', writeScenario(scenario, dir), '--grid', 'fleet.instances=1', '--seeds', '1', '--workers', '1000', '--force-workers', '--out', join(dir, 'out')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('fleetsim: --workers 1000: starting 1 worker thread, one per job (1 job)\n');
  });

  it('--force-workers without --workers is refused', async () => {
    const dir = tempDir();
    const r = await cli(['sweep', writeScenario(scenario, dir), '--grid', 'fleet.instances=1', '--force-workers', '--out', join(dir, 'out')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--force-workers: give the number of threads with --workers K');
  });
});

describe('fleetsim run --set', () => {
  it('overrides the scenario as compare and sweep do, leading sections left out included', async () => {
    const scenario = {
      name: 'set',
      duration: '2m',
      workload: { arrivals: { type: 'poisson', rate: 5 }, service_time: { dist: 'constant', value: 0.05 } },
      fleet: { instance_type: 'm7g.large', instances: 1 },
    };
    const summary = await runScenario(scenario, ['--set', 'fleet.instances=3', '--set', 'arrivals.rate=7', '--set', 'name=renamed']);
    expect(summary.scenario).toBe('renamed');
    expect(summary.capacity.max_instances).toBe(3);
    const plain = await runScenario({ ...scenario, name: 'renamed', workload: { ...scenario.workload, arrivals: { type: 'poisson', rate: 7 } }, fleet: { ...scenario.fleet, instances: 3 } });
    const { engine: _a, ...withSet } = summary;
    const { engine: _b, ...written } = plain;
    expect({ ...withSet, out: '' }).toEqual({ ...written, out: '' });
  });
});
