import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, watch } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir, writeScenario } from '../helpers/run-cli.ts';

const BIN = join(import.meta.dirname, '../../bin/fleetsim.js');

/** Two hours in one-second periods: its outputs (about 3 MB) take a good part of a second to write. */
const scenario = writeScenario(`name: long-write
duration: 2h
workload:
  arrivals: { type: poisson, rate: 2 }
  service_time: { dist: exponential, mean: 100ms }
fleet: { instance_type: m7g.large, instances: 1 }
output: { period: 1s }
`);

/** Runs the scenario through the real executable and sends `signal` as soon as its first temporary file appears. */
function interruptedRun(signal: NodeJS.Signals): Promise<{ signal: NodeJS.Signals | null; left: string[]; sawTemp: boolean }> {
  const out = join(tempDir(), 'out');
  mkdirSync(out);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'run', scenario, '--out', out, '--quiet'], { stdio: 'ignore' });
    let sawTemp = false;
    const watcher = watch(out, (_event, name) => {
      if (!sawTemp && name?.startsWith('.') && name.endsWith('.tmp')) {
        sawTemp = true;
        child.kill(signal);
      }
    });
    child.on('exit', (_code, killedBy) => {
      watcher.close();
      resolve({ signal: killedBy, left: readdirSync(out), sawTemp });
    });
  });
}

describe.concurrent('fleetsim interrupted while writing its outputs', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('by %s removes its temporary files and dies of the signal, writing nothing', async (signal) => {
    const r = await interruptedRun(signal);
    expect(r.sawTemp).toBe(true);
    expect(r.signal).toBe(signal);
    expect(r.left, JSON.stringify(r.left)).toEqual([]);
  }, 120_000);
});
