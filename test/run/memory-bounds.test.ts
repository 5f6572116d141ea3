import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ScenarioError, simulate, validateScenario } from '../../src/index.ts';
import { DEFAULT_QUEUE_LIMIT } from '../../src/models/compute/queue-limit.ts';
import { ActivityLog, MAX_ACTIVITY_RECORDS } from '../../src/models/telemetry/activity-log.ts';
import { MAX_TIME_SERIES_ROWS } from '../../src/models/telemetry/period-sampler.ts';

/** Peak resident memory an overloaded hour may take, Node and tsx included (about 100 MB alone). */
const BUDGET_MB = 200;

describe('a run in bounded memory', () => {
  it(`an overloaded hour (5.4 million requests left waiting without a queue bound) stays under ${BUDGET_MB} MB`, () => {
    // Unbounded, the same run peaks at about 420 MB: 5.4 million queued requests at about 55 bytes each.
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'test/helpers/overloaded-hour.ts'], { encoding: 'utf8' });
    const { requests, maxRssMB } = JSON.parse(out) as {
      requests: { arrived: number; completed: number; failed: number; failedByCause: { rejected: number }; inFlightAtEnd: number };
      maxRssMB: number;
    };
    expect(requests.completed + requests.failed + requests.inFlightAtEnd).toBe(requests.arrived);
    // Half the arrivals find the queue full; what is left is the full queue and the two in service.
    expect(requests.failedByCause.rejected).toBeGreaterThan(requests.arrived * 0.45);
    expect(requests.inFlightAtEnd).toBeLessThanOrEqual(DEFAULT_QUEUE_LIMIT + 2);
    expect(maxRssMB).toBeLessThan(BUDGET_MB);
  });

  it(`keeps at most ${MAX_TIME_SERIES_ROWS} time-series rows and names the smallest period that fits a longer run`, () => {
    const quiet = (duration: number) =>
      validateScenario(
        {
          name: 'long',
          duration,
          workload: { arrivals: { type: 'poisson', rate: 0.001 }, service_time: { dist: 'constant', value: 0.1 } },
          fleet: { instance_type: 'm7g.large', instances: 1 },
          output: { period: '1s' },
        },
        { file: '<object>', baseDir: '.' },
      ).scenario;
    expect(simulate(quiet(MAX_TIME_SERIES_ROWS)).timeSeries.length).toBe(MAX_TIME_SERIES_ROWS);
    const refused = () => simulate(quiet(MAX_TIME_SERIES_ROWS + 1));
    expect(refused).toThrow(ScenarioError);
    expect(refused).toThrow(`output.period: ${MAX_TIME_SERIES_ROWS + 1} s at 1 s per row would be ${MAX_TIME_SERIES_ROWS + 1} time-series rows`);
    expect(refused).toThrow('the smallest period that fits is 2s');
  });

  it(`keeps the first ${MAX_TIME_SERIES_ROWS} rows of metrics.csv, whose 10 s datapoints may outnumber the time series' rows, and says so`, () => {
    // One-minute output rows fit; 10 s metrics periods do not (metrics_period takes 10, 30 or 60 s only).
    const duration = (MAX_TIME_SERIES_ROWS + 5) * 10;
    const { scenario } = validateScenario(
      {
        name: 'long',
        duration,
        workload: { arrivals: { type: 'poisson', rate: 0.001 }, service_time: { dist: 'constant', value: 0.1 } },
        fleet: { instance_type: 'm7g.large', autoscaling: { min: 1, max: 2, metrics_period: '10s' } },
      },
      { file: '<object>', baseDir: '.' },
    );
    const run = simulate(scenario);
    expect(run.metrics.length).toBe(MAX_TIME_SERIES_ROWS);
    expect(run.warnings).toEqual([
      expect.objectContaining({ code: 'metrics_csv_cut', path: 'duration', message: expect.stringContaining(`the first ${MAX_TIME_SERIES_ROWS} metrics periods (at most ${MAX_TIME_SERIES_ROWS}); the 5 after them`) }),
    ]);
  });

  it(`keeps at most ${MAX_ACTIVITY_RECORDS} activity records, the last saying that later ones are left out`, () => {
    const log = new ActivityLog();
    for (let i = 0; i < MAX_ACTIVITY_RECORDS + 10; i++) log.record(i, 'elb:lb', 'i-1', 'healthy', 'unhealthy', 'flapping');
    expect(log.records.length).toBe(MAX_ACTIVITY_RECORDS);
    expect(log.records[MAX_ACTIVITY_RECORDS - 2]).toMatchObject({ time: MAX_ACTIVITY_RECORDS - 2, cause: 'flapping' });
    expect(log.records[MAX_ACTIVITY_RECORDS - 1]).toMatchObject({ time: MAX_ACTIVITY_RECORDS - 1, source: 'fleetsim', cause: expect.stringContaining('left out') });
  });
});
