import { describe, expect, it } from 'vitest';
import { metricsCsv } from '../../src/report/csv.ts';
import { validateScenario } from '../../src/scenario/load.ts';
import { simulate } from '../../src/scenario/simulate.ts';

/*
 * metrics.csv holds, per metrics period, the datapoint each alarm and policy read: checked here
 * against the datapoints a step policy's action quotes in activity.csv, an alarm that never fired,
 * and CloudWatch's missing data (an empty cell, never a zero).
 */

function run(fleet: object, rate = 5) {
  const { scenario } = validateScenario(
    { name: 'm', duration: '30m', workload: { arrivals: { type: 'poisson', rate }, service_time: { dist: 'exponential', mean: '100ms' } }, fleet },
    { file: 'm.yaml', baseDir: '.' },
  );
  return simulate(scenario);
}

async function table(result: ReturnType<typeof run>): Promise<{ header: string[]; rows: string[][] }> {
  const [header, ...rows] = (await metricsCsv(result.metrics)).trim().split('\n').map((l) => l.split(','));
  return { header, rows };
}

const cpuLow = {
  name: 'cpu-low',
  type: 'step',
  metric: 'ASGAverageCPUUtilization',
  threshold: 30,
  comparison: '<',
  evaluation_periods: 10,
  adjustment_type: 'ChangeInCapacity',
  steps: [{ upper: 0, adjustment: -1 }],
};

describe('metrics.csv', () => {
  it("holds the datapoints a step policy's alarm averaged when it acted", async () => {
    // 5 requests/s of 100 ms on 4 x 2 vCPUs: about 6 % CPU, under the 30 % threshold from the start.
    const result = run({ instance_type: 'm7g.large', autoscaling: { min: 1, max: 4, desired: 4, policies: [cpuLow] } });
    const action = result.activity.find((r) => r.source.startsWith('asg:') && r.from === '4' && r.to === '3');
    expect(action).toBeDefined();
    const quoted = /ASGAverageCPUUtilization ([\d.]+) \(Average of 10 datapoints\)/.exec(action!.cause);
    expect(quoted).not.toBeNull();
    const { header, rows } = await table(result);
    const column = header.indexOf('ASGAverageCPUUtilization:Average');
    // The ten one-minute periods that ended when the alarm was evaluated.
    const read = rows.filter((r) => Number(r[0]) >= action!.time - 600 && Number(r[0]) < action!.time).map((r) => Number(r[column]));
    expect(read).toHaveLength(10);
    const mean = read.reduce((a, b) => a + b, 0) / read.length;
    expect(mean.toFixed(1)).toBe(quoted![1]);
  });

  it('shows an alarm that never fired: every datapoint it read is on the quiet side of its threshold', async () => {
    const never = { ...cpuLow, name: 'cpu-high', threshold: 90, comparison: '>', statistic: 'Maximum', steps: [{ lower: 0, adjustment: 1 }] };
    const result = run({ instance_type: 'm7g.large', autoscaling: { min: 2, max: 4, policies: [never] } });
    expect(result.activity.filter((r) => r.source.startsWith('asg:') && /^\d+$/.test(r.from))).toEqual([]);
    const { header, rows } = await table(result);
    // A statistic the policy reads gets a column of its own, after the standard ones.
    expect(header.at(-1)).toBe('ASGAverageCPUUtilization:Maximum');
    expect(rows).toHaveLength(30);
    const maxima = rows.map((r) => Number(r[header.length - 1]));
    const averages = rows.map((r) => Number(r[header.indexOf('ASGAverageCPUUtilization:Average')]));
    for (let i = 0; i < rows.length; i++) {
      expect(maxima[i]).toBeLessThanOrEqual(90);
      expect(maxima[i]).toBeGreaterThanOrEqual(averages[i]);
    }
  });

  it('leaves a period without a datapoint empty: no instance means no CPU and no per-target count, while counts are zero, not missing', async () => {
    const result = run({ instance_type: 'm7g.large', autoscaling: { min: 0, max: 2 } });
    const { header, rows } = await table(result);
    const cell = (r: string[], name: string) => r[header.indexOf(name)];
    for (const r of rows) {
      expect(cell(r, 'ASGAverageCPUUtilization:Average')).toBe('');
      expect(cell(r, 'ALBRequestCountPerTarget:Average')).toBe('');
      // ALB user guide, CloudWatch metrics: RequestCount counts only requests for which a target was chosen.
      expect(cell(r, 'RequestCount:Sum')).toBe('0');
      expect(Number(cell(r, 'HTTPCode_ELB_5XX_Count:Sum'))).toBeGreaterThan(0);
    }
  });
});
