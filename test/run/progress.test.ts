import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../src/scenario/load.ts';
import { simulate, type RunProgress } from '../../src/scenario/simulate.ts';
import { runCli } from '../../src/cli/program.ts';
import { cli, tempDir, writeScenario } from '../helpers/run-cli.ts';

const scenario = {
  name: 'progress',
  duration: '1h',
  workload: { arrivals: { type: 'poisson', rate: 20 }, service_time: { dist: 'exponential', mean: '100ms' } },
  fleet: { instance_type: 'm7g.large', instances: 2 },
};

/** A progress line: share done, what the run reached, elapsed time, then the time left or done. */
const RUN_LINE = /^progress: \d{1,3}%, simulated [\d.]+ (ms|s|min) of 60 min, [\d.]+ M events\/s, [\d.]+ s elapsed, (~\d+ s left|done)$/;

describe('--progress: lines on stderr even when it is not a terminal', () => {
  it('run --progress prints lines up to one saying done; without it a non-terminal stderr stays empty', async () => {
    const dir = tempDir();
    const file = writeScenario(scenario, dir);
    const shown = await cli(['run', file, '--out', join(dir, 'a'), '--progress'], 0);
    expect(shown.code).toBe(0);
    const lines = shown.stderr.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(line).toMatch(RUN_LINE);
    expect(lines.at(-1)).toMatch(/^progress: 100%, simulated 60 min of 60 min, .*, done$/);
    expect(lines.slice(0, -1).every((l) => !l.includes('100%'))).toBe(true);

    const silent = await cli(['run', file, '--out', join(dir, 'b')], 0);
    expect(silent.code).toBe(0);
    expect(silent.stderr).toBe('');
  });

  it('on a terminal, the bar stays without --progress and gives way to lines with it', async () => {
    const dir = tempDir();
    const file = writeScenario(scenario, dir);
    const onTerminal = async (args: string[]) => {
      let stderr = '';
      const code = await runCli(args, { stdout: { write: () => true }, stderr: { write: (s: string) => (stderr += s), isTTY: true }, progressInterval: 0 });
      expect(code).toBe(0);
      return stderr;
    };
    const bar = await onTerminal(['run', file, '--out', join(dir, 'a')]);
    expect(bar).toMatch(/^\rprogress \[[#.]{30}\] /);
    expect(bar).not.toContain('\n');
    const lines = await onTerminal(['run', file, '--out', join(dir, 'b'), '--progress']);
    expect(lines).not.toContain('\r');
    expect(lines.trimEnd().split('\n').at(-1)).toMatch(RUN_LINE);
  });

  it('--quiet silences them', async () => {
    const dir = tempDir();
    const file = writeScenario(scenario, dir);
    const r = await cli(['run', file, '--out', join(dir, 'a'), '--progress', '--quiet'], 0);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('');
  });

  it('compare --progress prints the share of runs done, through the same lines', async () => {
    const dir = tempDir();
    const file = writeScenario(scenario, dir);
    const r = await cli(['compare', file, '--variant', 'three: fleet.instances=3', '--seeds', '2', '--workers', '1', '--out', join(dir, 'c'), '--progress', '--quiet'], 0);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const shown = await cli(['compare', file, '--variant', 'three: fleet.instances=3', '--seeds', '2', '--workers', '1', '--out', join(dir, 'd'), '--progress', '--json'], 0);
    expect(shown.code).toBe(0);
    const lines = shown.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines.map((l) => l.replace(/, [\d.]+ s elapsed.*/, ''))).toEqual(['compare: 25%', 'compare: 50%', 'compare: 75%', 'compare: 100%']);
    expect(lines.at(-1)).toMatch(/done$/);
  });

  it('simulate reports the simulated time reached and the events so far, in order, ending at the end', () => {
    const { scenario: s } = validateScenario(scenario, { file: '<object>', baseDir: '.' });
    const seen: RunProgress[] = [];
    const run = simulate(s, { onProgress: (_, r) => seen.push(r) });
    expect(seen.length).toBeGreaterThanOrEqual(200);
    expect(seen.at(-1)).toMatchObject({ simulatedSeconds: 3600, endSeconds: 3600, events: run.engine.events });
    expect(seen.every((r, i) => i === 0 || (r.simulatedSeconds > seen[i - 1].simulatedSeconds && r.events >= seen[i - 1].events))).toBe(true);
  });
});
