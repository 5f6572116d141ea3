import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseScenario } from '../src/scenario/load.ts';
import { ScenarioError } from '../src/scenario/scenario-error.ts';
import { simulate } from '../src/scenario/simulate.ts';
import { cli } from './helpers/run-cli.ts';

/*
 * Rule: a scenario that passes validation can be simulated to its end. Whatever extreme numbers,
 * long lists or deep nesting a document holds, loading it either fails with ScenarioError
 * problems (exit 2) or gives a scenario whose run finishes: here, within an event budget small
 * enough that a run the estimate admits takes well under a second.
 */

/** Event budget of each generated run (SimulateOptions.maxEvents): about 0.1 s of engine time. */
const MAX_EVENTS = 300_000;
/** A run admitted under the budget must finish in this much wall time. */
const MAX_RUN_MS = 3_000;

/**
 * Mostly ordinary numbers, else one at or near the edges of a double: a document has some twenty
 * numbers, so most documents hold a few extreme ones and some none.
 */
const extreme = fc.oneof(
  { arbitrary: fc.constantFrom(1, 2, 2.5, 10, 60), weight: 10 },
  { arbitrary: fc.constantFrom(1.7976931348623157e308, 1e308, -1e308, 5e-324, -5e-324, 1e-300, 1e300, 0, 3600, 1e9, 1e15, -1, 0.001), weight: 1 },
);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const distribution = fc.oneof(
  fc.record({ dist: fc.constant('constant'), value: extreme }),
  fc.record({ dist: fc.constant('exponential'), mean: extreme }),
  fc.record({ dist: fc.constant('uniform'), min: extreme, max: extreme }),
  fc.record({ dist: fc.constant('normal'), mean: extreme, stddev: extreme }),
  fc.record({ dist: fc.constant('lognormal'), mu: extreme, sigma: extreme }),
  fc.record({ dist: fc.constant('lognormal'), median: extreme, p99: extreme }),
  fc.record({ dist: fc.constant('empirical'), values: fc.array(extreme, { minLength: 1, maxLength: 5 }) }),
);

const arrivals = fc.oneof(
  fc.record({ type: fc.constant('poisson'), rate: extreme }),
  fc.record({ type: fc.constant('mmpp'), states: fc.array(fc.record({ rate: extreme, mean_duration: extreme }), { minLength: 1, maxLength: 3 }) }),
  fc.record({ type: fc.constant('diurnal'), mean: extreme, amplitude: fc.constantFrom(0, 0.5, 1), weekend_factor: extreme }),
  fc.record({ type: fc.constant('flash_crowd'), base: extreme, peak: extreme, at: extreme, ramp: extreme, plateau: extreme, decay: extreme }),
  fc.record({ type: fc.constant('step'), steps: fc.tuple(extreme, extreme, extreme).map(([r0, at, r1]) => [{ at: 0, rate: r0 }, { at, rate: r1 }]) }),
);

const fleet = fc.oneof(
  fc.record({ instance_type: fc.constant('c7g.large'), instances: extreme, workers: maybe(extreme), request_timeout: maybe(extreme) }),
  fc.record({
    instance_type: fc.constant('c7g.large'),
    autoscaling: fc.record({
      min: fc.constantFrom(0, 1),
      max: extreme,
      launch_time: distribution,
      default_cooldown: extreme,
      policies: fc.constantFrom(
        [],
        [{ name: 'cpu', type: 'target_tracking', metric: 'ASGAverageCPUUtilization', target: 50 }],
        [{ name: 'once', type: 'scheduled', start_time: '2026-03-02T00:10:00Z', desired: 2 }],
      ),
    }),
  }),
);

const fault = fc.oneof(
  fc.record({ type: fc.constant('instance_crash'), at: extreme, count: extreme }),
  fc.record({ type: fc.constant('slow_instance'), at: extreme, factor: extreme, duration: extreme }),
  fc.record({ type: fc.constant('instance_hang'), at: extreme, duration: extreme }),
);

const scenario = fc.record(
  {
    name: fc.constant('extreme'),
    duration: extreme,
    warmup: maybe(extreme),
    workload: fc.record({ arrivals, service_time: distribution }),
    fleet,
    faults: fc.array(fault, { maxLength: 2 }),
    output: fc.record({ period: extreme }),
  },
  { requiredKeys: ['name', 'duration', 'workload', 'fleet'] },
);

/** Structure past the bounds: a long list or deep nesting, spliced into the document's text. */
const shape = fc.oneof(
  { arbitrary: fc.constant(''), weight: 20 },
  { arbitrary: fc.integer({ min: 1, max: 3000 }).map((d) => `, "description": ${'['.repeat(d)}1${']'.repeat(d)}`), weight: 3 },
  // Just past MAX_LIST_ITEMS: parsing a list this long takes some tenths of a second, so rarely.
  { arbitrary: fc.constant(`, "x_values": [${'5e-324,'.repeat(100_001)}1e308]`), weight: 1 },
);

const dir = mkdtempSync(join(tmpdir(), 'fleetsim-extreme-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('extreme values: refused with problems, or a run that finishes', () => {
  it('holds for generated scenario documents', () => {
    let ran = 0;
    let refused = 0;
    fc.assert(
      fc.property(scenario, shape, (s, extra) => {
        // JSON is YAML; the splice goes inside the top-level mapping.
        const text = JSON.stringify(s).replace(/\}$/, `${extra}}`);
        let loaded;
        try {
          loaded = parseScenario(text, { file: 'generated.yaml', baseDir: dir });
        } catch (err) {
          if (!(err instanceof ScenarioError)) throw err;
          expect(err.problems.length).toBeGreaterThan(0);
          for (const p of err.problems) expect(p.message).not.toMatch(/call stack|Infinity|NaN/);
          refused++;
          return;
        }
        const start = performance.now();
        try {
          const run = simulate(loaded.scenario, { maxEvents: MAX_EVENTS });
          expect(run.simulatedSeconds).toBe(loaded.scenario.duration);
          ran++;
        } catch (err) {
          if (!(err instanceof ScenarioError)) throw err;
          expect(err.problems[0].message).toMatch(/MAX_EXPECTED_EVENTS|MAX_DURATION_SECONDS|warmup/);
          refused++;
        }
        expect(performance.now() - start).toBeLessThan(MAX_RUN_MS);
      }),
      { seed: 20261204, numRuns: 100 },
    );
    // Both outcomes occur, so the property says something about each.
    expect(ran).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  });

  it('the command line refuses an endless run with exit code 2 and no stack trace', async () => {
    const file = join(dir, 'endless.yaml');
    writeFileSync(
      file,
      JSON.stringify({
        name: 'endless',
        duration: 1e9,
        workload: { arrivals: { type: 'mmpp', states: [{ rate: 1e308, mean_duration: 5e-324 }] }, service_time: { dist: 'constant', value: 5e-324 } },
        fleet: { instance_type: 'c7g.large', instances: 100_000 },
      }),
    );
    const { code, stderr } = await cli(['run', file, '--out', join(dir, 'out')]);
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(code).toBe(2);
    expect(stderr).toContain('MAX_EXPECTED_EVENTS');
  });
});
