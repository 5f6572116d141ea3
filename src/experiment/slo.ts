import { formatMs, formatPercent } from '../report/html/format.ts';
import type { SloBounds } from './compare-result.ts';

/**
 * Whether `met` seeds out of `seeds` reach the required share: `met / seeds >= share`, counted in
 * whole seeds so that 0.7 of 10 asks for 7, not for the 7.000000000000001 of floating point.
 */
export function meetsShare(met: number, seeds: number, share: number): boolean {
  return seeds > 0 && met > 0 && met >= share * seeds - 1e-9;
}

/** The SLO as a reader writes it: "p99 ≤ 500 ms, error rate ≤ 0.1 %". */
export function sloText(slo: SloBounds): string {
  return [slo.latency_p99_ms === null ? null : `p99 ≤ ${formatMs(slo.latency_p99_ms)}`, `error rate ≤ ${formatPercent(slo.error_rate)}`].filter((s) => s !== null).join(', ');
}

/** "in every seed" or "in at least 90 % of seeds". */
export function shareText(share: number): string {
  return share === 1 ? 'in every seed' : `in at least ${formatPercent(share)} of seeds`;
}
