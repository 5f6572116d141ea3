import { formatDuration } from '../scenario/duration.ts';
import type { LatencySummary, Summary } from './summary.ts';

/** The few lines a person reads after a run. */
export function textSummary(s: Summary): string {
  const r = s.requests;
  const causes = Object.entries(r.failed_by_cause)
    .filter(([, n]) => n > 0)
    .map(([cause, n]) => `${cause} ${n}`)
    .join(', ');
  const lines = [
    `${s.scenario} (seed ${s.seed}): ${formatDuration(s.simulated_seconds)} simulated in ${s.engine.wall_seconds} s (${(s.engine.events_per_second / 1e6).toFixed(2)} M events/s)`,
    `  requests  ${r.arrived} arrived, ${r.completed} completed, ${r.failed} failed${causes ? ` (${causes})` : ''}, ${r.in_flight_at_end} in flight at the end`,
    `  latency   ${latencyLine(s.latency_ms)}`,
    `  capacity  ${s.capacity.mean_instances.toFixed(2)} instances on average, ${s.capacity.max_instances} at most, ${s.capacity.instance_hours.toFixed(2)} instance-hours`,
    `  cost      $${s.cost_usd.total.toFixed(2)}`,
  ];
  const sc = s.scaling;
  if (sc.launches + sc.terminations > 0) {
    lines.push(
      `  scaling   ${sc.launches} launches (${sc.warm_starts} from the warm pool), ${sc.terminations} terminations, ` +
        `under-provisioned for ${formatDuration(s.capacity.under_provisioned_seconds)}`,
    );
  }
  return lines.join('\n');
}

function latencyLine(l: LatencySummary): string {
  if (l.count === 0) return 'no completed request after the warmup';
  const f = (v: number | null) => (v === null ? '-' : v < 10 ? v.toFixed(2) : v < 1000 ? v.toFixed(1) : v.toFixed(0));
  return `p50 ${f(l.p50)} ms, p90 ${f(l.p90)} ms, p99 ${f(l.p99)} ms, p99.9 ${f(l.p999)} ms, max ${f(l.max)} ms (mean ${f(l.mean)} ms, ${l.count} requests)`;
}
