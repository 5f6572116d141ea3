import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INSTANCE_TYPES } from '../../src/models/compute/instance-types.ts';
import { LOAD_BALANCER_PRICES } from '../../src/models/cost/load-balancer-cost.ts';
import { runScenario } from '../helpers/run-cli.ts';

/** timeseries.csv as rows of numbers keyed by column. */
function readSeries(out: string): Array<Record<string, number>> {
  const [header, ...lines] = readFileSync(join(out, 'timeseries.csv'), 'utf8').trim().split('\n');
  const columns = header.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [columns[i], Number(v)])));
}

describe('timeseries.csv cost_usd', () => {
  it('is the cost billed up to each period end: instances by the second, the load balancer by started hour, plus LCUs', async () => {
    const instances = 2;
    const period = 300;
    const s = await runScenario({
      name: 'cumulative-cost',
      duration: 9000, // 2.5 h: the third load-balancer hour is billed whole from 7200 s on
      workload: { arrivals: { type: 'poisson', rate: 2 }, service_time: { dist: 'exponential', mean: 0.05 } },
      fleet: { instance_type: 'm7g.large', instances },
      output: { period },
    });
    const rows = readSeries(s.out);
    expect(rows.length).toBe(9000 / period);
    expect(rows.at(-1)!.cost_usd).toBe(s.cost_usd.total);
    const perInstanceSecond = INSTANCE_TYPES['m7g.large'].onDemandUsdPerHour / 3600;
    const alb = LOAD_BALANCER_PRICES.alb;
    const lcuUsdAtEnd = s.cost_usd.load_balancer.capacity_unit_hours * alb.usdPerLcuHour;
    let lastLcuUsd = 0;
    for (const row of rows) {
      const end = row.time_s + period;
      // The fixed fleet is in service, and billed, from time 0; what remains is the LCU charge so far.
      const lcuUsd = row.cost_usd - instances * perInstanceSecond * end - Math.ceil(end / 3600) * alb.usdPerHour;
      // Each cell is rounded to 6 decimals.
      expect(lcuUsd).toBeGreaterThanOrEqual(lastLcuUsd - 1e-6);
      expect(lcuUsd).toBeLessThanOrEqual(lcuUsdAtEnd + 1e-6);
      lastLcuUsd = lcuUsd;
    }
    expect(lcuUsdAtEnd).toBeGreaterThan(0);
  });
});
