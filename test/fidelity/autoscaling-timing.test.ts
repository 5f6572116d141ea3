import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectEveryRequestAccounted } from '../helpers/request-accounting.ts';
import { runScenario, tempDir } from '../helpers/run-cli.ts';

/**
 * Golden tests of EC2 Auto Scaling timing through the whole command-line path, against documented
 * behaviour (docs/aws-semantics.md sections cited per test). Load is a rate trace of 60 s buckets;
 * each instance (c7g.large, 2 vCPUs) serves 100 ms requests, 20 per second at full CPU.
 */

interface Activity {
  time: number;
  subject: string;
  from: string;
  to: string;
  cause: string;
}

function readActivity(out: string): Activity[] {
  const lines = readFileSync(join(out, 'activity.csv'), 'utf8').trim().split('\n').slice(1);
  return lines.map((line) => {
    const cells = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, '').replace(/^"|"$/g, '').replace(/""/g, '"'));
    return { time: Number(cells[0]), subject: cells[2], from: cells[3], to: cells[4], cause: cells[5] };
  });
}

/** Desired-capacity changes of the group: [time, from, to, cause]. */
function desiredChanges(out: string) {
  return readActivity(out).filter((a) => a.subject.endsWith('-asg'));
}

/** A rate trace: `[minutes, requests per second]` segments. */
function trace(dir: string, segments: Array<[number, number]>): string {
  const rows = ['time_s,requests'];
  let t = 0;
  for (const [minutes, rate] of segments) {
    for (let i = 0; i < minutes; i++, t += 60) rows.push(`${t},${rate * 60}`);
  }
  const file = join(dir, 'load.csv');
  writeFileSync(file, `${rows.join('\n')}\n`);
  return file;
}

function scenario(file: string, autoscaling: object, extra: object = {}) {
  return {
    name: 'asg-timing',
    seed: 3,
    workload: { arrivals: { type: 'trace', file }, service_time: { dist: 'constant', value: 0.1 } },
    fleet: {
      instance_type: 'c7g.large',
      autoscaling: { launch_time: { dist: 'constant', value: 60 }, ...autoscaling },
    },
    ...extra,
  };
}

describe('target tracking (aws-semantics.md sections 1.4, 2.1, 2.2)', () => {
  // 16 req/s (40 % CPU on 2 instances) for 30 min, 60 req/s for 60 min, 10 req/s for 60 min.
  const dir = tempDir();
  const run = runScenario(
    scenario(trace(dir, [[30, 16], [60, 60], [60, 10]]), {
      min: 2,
      max: 10,
      desired: 2,
      policies: [{ name: 'cpu50', type: 'target_tracking', metric: 'ASGAverageCPUUtilization', target: 50 }],
    }),
  );

  it('the first scale-out comes with the third breaching one-minute datapoint, not before', async () => {
    const s = await run;
    const first = desiredChanges(s.out).find((a) => Number(a.to) > Number(a.from))!;
    // The load steps up at 1800 s; datapoints close at 1860, 1920 and 1980 s.
    expect(first.time).toBe(1980);
    expect(first.cause).toMatch(/3 of 3 datapoints/);
  });

  it('instances in warmup do not trigger a second scale-out for the same breach', async () => {
    const s = await run;
    const outs = desiredChanges(s.out).filter((a) => Number(a.to) > Number(a.from));
    // Launched at 1980, InService at 2040, warm until 2040 + 300 s (default cooldown as warmup, section 1.4).
    expect(outs[1].time).toBeGreaterThanOrEqual(2340);
  });

  it('a sustained drop scales in only after 15 low datapoints', async () => {
    const s = await run;
    const firstIn = desiredChanges(s.out).find((a) => Number(a.to) < Number(a.from))!;
    // The load drops at 5400 s; the 15th datapoint below 0.7 x 50 closes at 5400 + 15 x 60 = 6300 s.
    expect(firstIn.time).toBe(6300);
    expect(firstIn.cause).toMatch(/15 of 15 datapoints/);
  });

  it('desired capacity stays within [min, max] (section 1.1)', async () => {
    const s = await run;
    for (const a of desiredChanges(s.out)) {
      expect(Number(a.to)).toBeGreaterThanOrEqual(2);
      expect(Number(a.to)).toBeLessThanOrEqual(10);
    }
    expectEveryRequestAccounted(s);
  });
});

describe('simple scaling (sections 1.5, 3.3)', () => {
  it('does not act again until the activity has completed and the cooldown has passed', async () => {
    const dir = tempDir();
    const s = await runScenario(
      scenario(
        trace(dir, [[10, 10], [60, 200]]),
        {
          min: 1,
          max: 20,
          desired: 1,
          policies: [
            { name: 'add-one', type: 'simple', metric: 'ASGAverageCPUUtilization', threshold: 70, comparison: '>', adjustment_type: 'ChangeInCapacity', adjustment: 1 },
          ],
        },
        // The most lenient health checks (section 7.1 ranges): overloaded targets stay in rotation,
        // so the CPU alarm stays breached and only the cooldown spaces the activities.
        { load_balancer: { health_check: { interval: 300, timeout: 120, unhealthy_threshold: 10 } } },
      ),
    );
    const outs = desiredChanges(s.out).filter((a) => Number(a.to) > Number(a.from));
    expect(outs.length).toBeGreaterThan(3);
    for (let i = 1; i < outs.length; i++) {
      // The launch takes 60 s, then the 300 s cooldown (section 1.5); the next datapoint then acts.
      const gap = outs[i].time - outs[i - 1].time;
      expect(gap).toBeGreaterThanOrEqual(360);
      expect(gap).toBeLessThanOrEqual(420);
    }
  });

  it('acts on its first ALARM: the instances in service when the run starts are no activity of the run', async () => {
    const dir = tempDir();
    const s = await runScenario(
      scenario(trace(dir, [[30, 200]]), {
        min: 1,
        max: 20,
        desired: 1,
        policies: [
          { name: 'add-one', type: 'simple', metric: 'ASGAverageCPUUtilization', threshold: 70, comparison: '>', adjustment_type: 'ChangeInCapacity', adjustment: 1 },
        ],
      }),
    );
    // The cooldown starts when an activity's last instance finishes launching or terminating
    // (section 1.5, ASG-UG:ec2-auto-scaling-scaling-cooldowns); none has at time 0, so the
    // first datapoint in ALARM (the first minute's, published at 60 s) acts at once.
    const first = desiredChanges(s.out).find((a) => Number(a.to) > Number(a.from))!;
    expect(first.time).toBe(60);
  });
});

describe('scheduled actions (section 3.4)', () => {
  it('a recurrence in a time zone fires at local time, setting min and with it desired capacity', async () => {
    const dir = tempDir();
    const s = await runScenario(
      scenario(trace(dir, [[600, 5]]), {
        min: 1,
        max: 10,
        policies: [{ name: 'business-hours', type: 'scheduled', recurrence: '0 8 * * MON-FRI', time_zone: 'Europe/Berlin', min: 6 }],
      }, { start: '2026-03-02T00:00:00Z' }),
    );
    const change = desiredChanges(s.out).find((a) => a.cause.startsWith('scheduled action business-hours'))!;
    // 08:00 in Berlin on Monday 2 March 2026 is 07:00 UTC (CET, UTC+1): 25,200 s after the start.
    expect(change.time).toBe(25_200);
    expect(change.to).toBe('6');
  });
});

describe('predictive scaling (section 4)', () => {
  it('raises capacity at the start of the forecast busy hour minus the scheduling buffer, from the second day on', async () => {
    const dir = tempDir();
    // Three identical days: 4 req/s, but 75 req/s from 12:00 to 14:00.
    const day: Array<[number, number]> = [[720, 4], [120, 75], [600, 4]];
    const s = await runScenario(
      scenario(trace(dir, [...day, ...day, ...day]), {
        min: 1,
        max: 20,
        policies: [
          // Target tracking reacts on day 1, so that the load metric sees the demand rather than a saturated group.
          { name: 'cpu50', type: 'target_tracking', metric: 'ASGAverageCPUUtilization', target: 50 },
          { name: 'forecast', type: 'predictive', metric: 'ASGCPUUtilization', target: 50, mode: 'ForecastAndScale' },
        ],
      }),
    );
    const changes = desiredChanges(s.out);
    const predictive = changes.filter((a) => a.cause.startsWith('predictive scaling policy forecast'));
    // No forecast before 24 h of history; day 2's noon hour starts at 86,400 + 43,200 s, applied 300 s early.
    const noon2 = 86_400 + 43_200;
    expect(predictive[0].time).toBe(noon2 - 300);
    // Predictive scaling only raises capacity (section 4).
    expect(predictive.every((a) => Number(a.to) > Number(a.from))).toBe(true);
    // The peak needs 75 req/s x 0.1 vCPU-s = 7.5 vCPUs, 375 % of one instance, 8 instances at 50 %. The
    // forecast comes from day 1's measured CPU, which was saturated until target tracking caught up,
    // so it may fall short of 8; but it must cover most of the need before the hour starts.
    expect(Number(predictive[0].to)).toBeGreaterThanOrEqual(6);
    expect(Number(predictive[0].to)).toBeLessThanOrEqual(8);
    // On day 2 the group was ready before the load came: target tracking had less to add than on day 1.
    const ttOut = (from: number, to: number) =>
      changes.filter((a) => a.time >= from && a.time < to && a.cause.startsWith('target tracking') && Number(a.to) > Number(a.from)).length;
    expect(ttOut(noon2 - 600, noon2 + 3600)).toBeLessThan(ttOut(43_200 - 600, 43_200 + 3600));
  });
});
