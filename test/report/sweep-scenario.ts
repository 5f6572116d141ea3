import { join } from 'node:path';
import { cli, tempDir, writeScenario } from '../helpers/run-cli.ts';

/**
 * `fleetsim sweep` of a short M/M/c queue over instance count and type (3 x 2 points, 2 seeds),
 * through the real command line; returns the output folder. More instances cost more and wait
 * less, so the front holds several points.
 */
export async function runSweep(): Promise<string> {
  const dir = tempDir();
  const file = writeScenario(
    {
      name: 'sweep-demo',
      duration: '90s',
      warmup: '10s',
      workload: { arrivals: { type: 'poisson', rate: 30 }, service_time: { dist: 'exponential', mean: '100ms' } },
      fleet: { instance_type: 'm7g.large', instances: 2 },
    },
    dir,
  );
  const out = join(dir, 'sweep');
  const grid = ['--grid', 'fleet.instances=1,2,3', '--grid', 'fleet.instance_type=m7g.large,c7g.xlarge'];
  const r = await cli(['sweep', file, ...grid, '--seeds', '2', '--workers', '1', '--out', out, '--quiet']);
  if (r.code !== 0) throw new Error(`fleetsim sweep exited ${r.code}: ${r.stderr}`);
  return out;
}
