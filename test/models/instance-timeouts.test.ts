import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_QUEUE_LIMIT } from '../../src/models/compute/queue-limit.ts';
import { runScenario, tempDir } from '../helpers/run-cli.ts';

/** Runs one instance with one worker and a constant service time on given arrival times. */
async function oneWorker(arrivals: number[], service: number, opts: { timeout?: number; queueLimit?: number | 'unbounded' }) {
  const dir = tempDir();
  writeFileSync(join(dir, 'arrivals.txt'), `time_s\n${arrivals.join('\n')}\n`);
  return runScenario(
    {
      name: 'one-worker',
      duration: 100,
      workload: { arrivals: { type: 'requests', file: join(dir, 'arrivals.txt') }, service_time: { dist: 'constant', value: service } },
      fleet: { instance_type: 'm7g.large', instances: 1, workers: 1, request_timeout: opts.timeout, queue_limit: opts.queueLimit },
    },
  );
}

describe('request timeout', () => {
  it('fails a request in service at its deadline and queued ones at theirs', async () => {
    // Four requests at t = 0, 2 s of work each, 3 s timeout: the first completes at 2; the second
    // starts at 2 and is cut at 3; the other two are still queued at 3 and expire there.
    const s = await oneWorker([0, 0, 0, 0], 2, { timeout: 3 });
    expect(s.requests).toMatchObject({ arrived: 4, completed: 1, failed: 3, in_flight_at_end: 0 });
    expect(s.requests.failed_by_cause.timeout).toBe(3);
    expect(s.latency_ms.max).toBeCloseTo(2000, 6);
  });

  it('a request that starts late but finishes before its deadline completes', async () => {
    // Service 1 s, timeout 2.5 s: the third request waits 2 s and would end at 3 > 2.5, so it fails;
    // the second waits 1 s and ends at 2 <= 2.5.
    const s = await oneWorker([0, 0, 0], 1, { timeout: 2.5 });
    expect(s.requests).toMatchObject({ completed: 2, failed: 1 });
    expect(s.latency_ms.max).toBeCloseTo(2000, 6);
  });
});

describe('queue limit', () => {
  it('rejects arrivals that find the queue full, and only those', async () => {
    // One worker busy for 10 s, room for 2 waiting: of 5 arrivals at t = 0, 2 are rejected.
    const s = await oneWorker([0, 0, 0, 0, 0], 10, { queueLimit: 2 });
    expect(s.requests).toMatchObject({ arrived: 5, completed: 3, failed: 2 });
    expect(s.requests.failed_by_cause.rejected).toBe(2);
  });

  it(`without queue_limit an instance keeps ${DEFAULT_QUEUE_LIMIT} waiting (Linux's somaxconn) and rejects the rest; unbounded keeps all`, async () => {
    // One worker, a burst at t = 0 of one request in service, a full queue and two more.
    const burst = new Array<number>(DEFAULT_QUEUE_LIMIT + 3).fill(0);
    const bounded = await oneWorker(burst, 0.01, {});
    expect(bounded.requests).toMatchObject({ arrived: DEFAULT_QUEUE_LIMIT + 3, completed: DEFAULT_QUEUE_LIMIT + 1, failed: 2 });
    expect(bounded.requests.failed_by_cause.rejected).toBe(2);
    const unbounded = await oneWorker(burst, 0.01, { queueLimit: 'unbounded' });
    expect(unbounded.requests).toMatchObject({ completed: DEFAULT_QUEUE_LIMIT + 3, failed: 0 });
  });

  it('queue_limit 0 serves only what the workers can take', async () => {
    const s = await oneWorker([0, 0, 5, 11], 10, { queueLimit: 0 });
    expect(s.requests).toMatchObject({ completed: 2, failed: 2 });
  });
});
