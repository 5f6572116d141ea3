import { describe, expect, it } from 'vitest';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, tempDir } from '../helpers/run-cli.ts';

const trace = (name: string) => new URL(`../../scenarios/traces/${name}`, import.meta.url).pathname;

/** The expected figures are those of scenarios/traces/README.md, computed independently when the traces were prepared. */
describe('fleetsim trace inspect', () => {
  it.each([
    ['nasa_jul95_60s.csv', 1_891_713, 0.79, 6.75],
    ['nasa_jul95_week_1s.csv', 557_495, 0.92, 20],
    ['nasa_19950713_requests.txt', 134_203, 1.55, 20],
    ['azure_llm_code_1s.csv', 8_819, 2.6, 67],
    ['servegen_mlarge_600s.csv', 236_892_826, 196, 583],
  ])('%s: %d requests, mean %f/s, peak %f/s', async (name, requests, mean, peak) => {
    const r = await cli(['trace', 'inspect', trace(name), '--json']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.requests).toBe(requests);
    // The README rounds: to 2 digits for rates under 10, to whole numbers above.
    expect(Math.abs(s.meanPerSecond - mean)).toBeLessThan(mean < 10 ? 0.05 : 0.5);
    expect(Math.abs(s.peakPerSecond - peak)).toBeLessThan(peak < 10 ? 0.005 : 0.5);
  });

  it('prints a sparkline, and rejects a file that is not a trace with exit 2', async () => {
    const r = await cli(['trace', 'inspect', trace('nasa_jul95_60s.csv')]);
    expect(r.stdout).toMatch(/profile\s+[▁▂▃▄▅▆▇█]{60}/);
    const bad = await cli(['trace', 'inspect', new URL('../../scenarios/default.yaml', import.meta.url).pathname]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/default\.yaml:1: found header/);
  });
});

describe('fleetsim trace convert', () => {
  it('re-buckets the 1 s week into the same minutes as the shipped 60 s month (9 days later in it)', async () => {
    const r = await cli(['trace', 'convert', trace('nasa_jul95_week_1s.csv'), '--bucket', '60s']);
    expect(r.code).toBe(0);
    const week = r.stdout.trim().split('\n').slice(1).map((l) => Number(l.split(',')[1]));
    const month = readFileSync(trace('nasa_jul95_60s.csv'), 'utf8').trim().split('\n').slice(1).map((l) => Number(l.split(',')[1]));
    expect(week).toHaveLength(7 * 1440);
    expect(week).toEqual(month.slice(9 * 1440, 16 * 1440));
  });

  it('buckets a per-request file, keeping every request, and refuses a bucket that splits the source buckets', async () => {
    const r = await cli(['trace', 'convert', trace('nasa_19950713_requests.txt'), '--bucket', '10m']);
    const counts = r.stdout.trim().split('\n').slice(1).map((l) => Number(l.split(',')[1]));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(134_203);
    expect((await cli(['trace', 'convert', trace('nasa_jul95_60s.csv'), '--bucket', '90s'])).code).toBe(2);
  });

  it('--out writes the file whole, and a folder or a path under a file is bad input that leaves nothing behind', async () => {
    const dir = tempDir();
    const source = trace('nasa_jul95_60s.csv');
    const file = join(dir, 'sub', 'rate.csv');
    const ok = await cli(['trace', 'convert', source, '--bucket', '60s', '--out', file]);
    expect(ok.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(source, 'utf8').replace(/\r\n/g, '\n'));
    expect(readdirSync(join(dir, 'sub'))).toEqual(['rate.csv']);

    const folder = join(dir, 'folder');
    mkdirSync(folder);
    const intoFolder = await cli(['trace', 'convert', source, '--bucket', '60s', '--out', folder]);
    expect(intoFolder.code).toBe(2);
    expect(intoFolder.stderr).toContain(`--out ${folder}: is a folder, expected a file path`);
    expect(readdirSync(folder)).toEqual([]);

    const plain = join(dir, 'plain');
    writeFileSync(plain, 'x');
    const underFile = await cli(['trace', 'convert', source, '--bucket', '60s', '--out', join(plain, 'y.csv')]);
    expect(underFile.code).toBe(2);
    expect(underFile.stderr).toContain(`${plain} is a file, expected a folder`);
    expect(readdirSync(dir).sort()).toEqual(['folder', 'plain', 'sub']);
  });
});
