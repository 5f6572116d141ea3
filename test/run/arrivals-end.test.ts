import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildModels } from '../../src/scenario/build.ts';
import { parseScenario } from '../../src/scenario/load.ts';
import { tempDir } from '../helpers/run-cli.ts';

/*
 * Rule: a run can tell when its trace's traffic stops (arrivalsEnd, with the file and its span),
 * so that a duration past a trace that does not loop can be reported.
 */

const dir = tempDir();
writeFileSync(join(dir, 't.csv'), 'time_s,requests\n0,1\n60,2\n120,3\n');
writeFileSync(join(dir, 't.txt'), 'time_s\n5\n10\n50\n');

function built(arrivals: string, duration = '10m') {
  const text = `name: s\nduration: ${duration}\nworkload:\n  arrivals: ${arrivals}\n  service_time: { dist: constant, value: 1ms }\nfleet: { instance_type: m7g.large, instances: 1 }\n`;
  const models = buildModels(parseScenario(text, { file: 's.yaml', baseDir: dir }).scenario);
  models.close();
  return { arrivalsEnd: models.arrivalsEnd, endsWith: models.endsWith };
}

describe('arrivalsEnd', () => {
  it('a rate CSV that does not loop ends at its span from the offset, over the speedup', () => {
    expect(built('{ type: trace, file: t.csv }')).toEqual({ arrivalsEnd: 180, endsWith: `${join(dir, 't.csv')} spans trace time 0 to 180 s` });
    expect(built('{ type: trace, file: t.csv, offset: 60, speedup: 2 }')).toEqual({
      arrivalsEnd: 60,
      endsWith: `${join(dir, 't.csv')} spans trace time 0 to 180 s, replayed from the offset 60 s`,
    });
  });

  it('a looping trace or a Poisson process never ends; a combined one ends with its last part', () => {
    expect(built('{ type: trace, file: t.csv, loop: true }')).toEqual({ arrivalsEnd: Infinity, endsWith: undefined });
    expect(built('{ type: poisson, rate: 1 }').arrivalsEnd).toBe(Infinity);
    expect(built('{ type: combined, parts: [{ type: trace, file: t.csv }, { type: trace, file: t.csv, speedup: 3 }] }').arrivalsEnd).toBe(180);
  });

  it('a per-request file: known from its last request without a duration, not read twice with one', () => {
    const noDuration = `name: s\nworkload:\n  arrivals: { type: requests, file: t.txt }\n  service_time: { dist: constant, value: 1ms }\nfleet: { instance_type: m7g.large, instances: 1 }\n`;
    const models = buildModels(parseScenario(noDuration, { file: 's.yaml', baseDir: dir }).scenario);
    models.close();
    expect([models.arrivalsEnd, models.endsWith]).toEqual([50, `${join(dir, 't.txt')} spans trace time 5 to 50 s`]);
    expect(built('{ type: requests, file: t.txt }').arrivalsEnd).toBe(Infinity);
  });
});
