import { expect } from 'vitest';
import type { Summary } from '../../src/report/summary.ts';

/** Every arrival ends completed, failed or in flight at the end, and every failure has one cause. */
export function expectEveryRequestAccounted(s: Pick<Summary, 'requests'>): void {
  const r = s.requests;
  expect(r.completed + r.failed + r.in_flight_at_end).toBe(r.arrived);
  expect(Object.values(r.failed_by_cause).reduce((a, b) => a + b, 0)).toBe(r.failed);
}
