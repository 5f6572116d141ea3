import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { DEFAULT_QUEUE_LIMIT } from '../../src/models/compute/queue-limit.ts';

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
});
