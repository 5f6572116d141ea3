import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeSeam } from '../../src/report/temp-files.ts';
import { cli, tempDir, writeScenario } from '../helpers/run-cli.ts';

const scenario = writeScenario(`name: shardy
duration: 60s
workload:
  arrivals: { type: poisson, rate: 20 }
  service_time: { dist: exponential, mean: 100ms }
fleet: { instance_type: m7g.xlarge, instances: 1 }
`);

const shard = (out: string, i: number) => cli(['sweep', scenario, '--grid', 'fleet.workers=4,5', '--seeds', '2', '--workers', '1', '--shard', `${i}/2`, '--out', out, '--quiet']);

async function merge(...paths: string[]) {
  const out = join(tempDir(), 'merged');
  const r = await cli(['merge', ...paths, '--out', out, '--quiet']);
  return { ...r, wrote: existsSync(out) ? readdirSync(out) : [] };
}

afterEach(() => {
  writeSeam.step = undefined;
  writeSeam.pid = process.pid;
});

describe('fleetsim merge and shard files that are not committed', () => {
  it('refuses a shard whose writer died before its rename, names its temporary, and merges once the shard has run again', async () => {
    const shared = join(tempDir(), 'efs');
    expect((await shard(shared, 0)).code).toBe(0);
    // Shard 1 dies (as a killed process would) just before it renames its file into place.
    writeSeam.pid = spawnSync(process.execPath, ['-e', '']).pid!;
    let killed = false;
    writeSeam.step = (change) => {
      if ((killed ||= change === 'rename')) throw new Error('killed');
    };
    await shard(shared, 1);
    writeSeam.step = undefined;
    writeSeam.pid = process.pid;
    const temp = readdirSync(shared).find((f) => f.startsWith('.sweep-shard-1-of-2.json.fleetsim-'));
    expect(temp).toBeDefined();

    const inFolder = await merge(shared);
    expect(inFolder.code).toBe(2);
    expect(inFolder.stderr).toContain(`${join(shared, temp!)}: an uncommitted shard file`);
    expect(inFolder.stderr).toContain('sweep-shard-1-of-2.json is not there');
    expect(inFolder.wrote).toEqual([]);
    const given = await merge(join(shared, 'sweep-shard-0-of-2.json'), join(shared, temp!));
    expect(given.code).toBe(2);
    expect(given.stderr).toContain(`${join(shared, temp!)}: an uncommitted shard file`);

    // Run again, shard 1 replaces the dead writer's temporary with its file.
    expect((await shard(shared, 1)).code).toBe(0);
    expect(readdirSync(shared).sort()).toEqual(['sweep-shard-0-of-2.json', 'sweep-shard-1-of-2.json']);
    const merged = await merge(shared);
    expect(merged.stderr).toBe('');
    expect(merged.code).toBe(0);
  });

  it('refuses an incomplete copy of a shard file', async () => {
    const dir = join(tempDir(), 'shards');
    for (const i of [0, 1]) expect((await shard(dir, i)).code).toBe(0);
    const file = join(dir, 'sweep-shard-1-of-2.json');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.slice(0, Math.floor(text.length * 0.9)));
    const r = await merge(dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}: not valid JSON (an incomplete copy?)`);
  });
});
