import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, tempDir, writeScenario } from '../helpers/run-cli.ts';

/**
 * A short run with everything a report shows: a traffic step that the group scales out for,
 * a one-off scheduled action, a queue small enough that the surge is rejected in part, and a
 * load balancer that bills hours and LCUs.
 */
export function reportScenario(overrides: { description?: string; scheduledActionName?: string } = {}): object {
  return {
    name: 'report-demo',
    description: overrides.description ?? 'A traffic step met by target tracking.',
    seed: 3,
    duration: '40m',
    warmup: '2m',
    workload: {
      arrivals: { type: 'step', steps: [{ at: 0, rate: 15 }, { at: '10m', rate: 90 }] },
      service_time: { dist: 'exponential', mean: '100ms' },
    },
    fleet: {
      instance_type: 'm7g.large',
      queue_limit: 30,
      autoscaling: {
        min: 1,
        max: 8,
        launch_time: { dist: 'constant', value: '60s' },
        default_instance_warmup: '60s',
        policies: [
          { name: 'cpu50', type: 'target_tracking', metric: 'ASGAverageCPUUtilization', target: 50 },
          { name: overrides.scheduledActionName ?? 'evening', type: 'scheduled', start_time: '2026-03-02T00:30:00Z', max: 4 },
        ],
      },
    },
    output: { period: '60s' },
  };
}

/**
 * `fleetsim compare` of reportScenario() (the baseline) and a variant with a larger minimum,
 * through the real command line; returns the output folder.
 */
export async function runCompare(variant = 'min3: fleet.autoscaling.min=3'): Promise<string> {
  const dir = tempDir();
  const file = writeScenario(reportScenario(), dir);
  const out = join(dir, 'compare');
  const r = await cli(['compare', file, '--variant', variant, '--seeds', '2', '--duration', '20m', '--workers', '1', '--out', out, '--quiet']);
  if (r.code !== 0) throw new Error(`fleetsim compare exited ${r.code}: ${r.stderr}`);
  return out;
}

/** activity.csv's desired-capacity changes: time and cause. */
export function desiredChanges(out: string): Array<{ time: number; cause: string }> {
  return readFileSync(join(out, 'activity.csv'), 'utf8')
    .split('\n')
    .map((line) => /^([\d.]+),asg:[^,]+,[^,]+,\d+,\d+,(.*)$/.exec(line))
    .filter((m) => m !== null)
    .map((m) => ({ time: Number(m[1]), cause: m[2].startsWith('"') ? m[2].slice(1, -1).replaceAll('""', '"') : m[2] }));
}
