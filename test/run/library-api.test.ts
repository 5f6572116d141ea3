import { describe, expect, it } from 'vitest';
import { loadScenario, simulate, toSummary, validateScenario } from '../../src/index.ts';

describe('library API', () => {
  it('loads a bundled scenario and simulates it without the command line', () => {
    const { scenario } = loadScenario(new URL('../../scenarios/mmc-classroom.yaml', import.meta.url).pathname);
    const summary = toSummary(simulate(scenario, { duration: 1200 }));
    expect(summary.scenario).toBe('mmc-classroom');
    expect(summary.simulated_seconds).toBe(1200);
    expect(summary.requests.arrived).toBeGreaterThan(0);
  });

  it('validates a plain object and reports progress', () => {
    const { scenario } = validateScenario(
      {
        name: 'api',
        duration: '10m',
        workload: { arrivals: { type: 'poisson', rate: 5 }, service_time: { dist: 'constant', value: '50ms' } },
        fleet: { instance_type: 't3.micro', instances: 1 },
      },
      { file: '<object>', baseDir: '.' },
    );
    expect(scenario.duration).toBe(600);
    const seen: number[] = [];
    simulate(scenario, { onProgress: (f) => seen.push(f) });
    expect(seen.at(-1)).toBe(1);
    expect(seen.every((f, i) => i === 0 || f >= seen[i - 1])).toBe(true);
  });
});
