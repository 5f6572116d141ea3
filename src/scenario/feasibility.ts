import { MAX_DURATION_SECONDS, MAX_EXPECTED_EVENTS } from './limits.ts';
import type { ScenarioProblem } from './scenario-error.ts';
import { healthCheckConfigOf, targetGroupType } from './load-balancer-schema.ts';
import type { Scenario } from './schema.ts';

/**
 * Engine events per request: its arrival and its completion (or failure). Measured on the bundled
 * scenarios (default, mmc-classroom, overloaded, flash-crowd, lb-health-check-storm): 1.98 to 2.01.
 */
const EVENTS_PER_REQUEST = 2;

/** Shortest period of a recurring scheduled action: cron's resolution is one minute. */
const CRON_PERIOD_SECONDS = 60;

/** One source of a run's events: how many, and the key that sets them. */
export interface EventSource {
  readonly events: number;
  readonly path: string;
  readonly what: string;
}

/**
 * Upper estimate of a run's events by source: EVENTS_PER_REQUEST per expected arrival, plus the
 * periodic ones, each `end / period x members`, for every group.
 */
function estimateEvents(scenario: Scenario, end: number, expectedArrivals: number): EventSource[] {
  const sources: EventSource[] = [
    { events: EVENTS_PER_REQUEST * expectedArrivals, path: 'workload.arrivals', what: `${fmt(expectedArrivals)} arrivals at the peak rate or changes of arrival state, ${EVENTS_PER_REQUEST} events each` },
    { events: end / scenario.output.period, path: 'output.period', what: `a time-series row every ${scenario.output.period} s` },
  ];
  for (const [name, asg] of Object.entries(scenario.auto_scaling_groups)) {
    const members = asg.max;
    // Each target group checks every instance registered with it.
    for (const tg of asg.target_groups) {
      const interval = healthCheckConfigOf(targetGroupType(scenario, tg), scenario.target_groups[tg].health_check).intervalSeconds;
      sources.push({ events: (end / interval) * members, path: `target_groups.${tg}.health_check.interval`, what: `a health check of ${members} instances every ${interval} s` });
    }
    const at = `auto_scaling_groups.${name}`;
    const policies = asg.policies.length;
    sources.push({ events: (end / asg.metrics_period) * (1 + policies), path: `${at}.metrics_period`, what: `metrics for ${policies} policies every ${asg.metrics_period} s` });
    const scheduled = asg.policies.filter((p) => p.type === 'scheduled').length;
    sources.push({ events: (end / CRON_PERIOD_SECONDS) * scheduled, path: `${at}.policies`, what: `${scheduled} scheduled actions at most every minute` });
  }
  return sources;
}

/**
 * Why a validated scenario cannot be simulated to its end, if it cannot: a run longer than
 * MAX_DURATION_SECONDS (a trace slowed down, a request file's far end) or more expected events
 * than `maxEvents` (MAX_EXPECTED_EVENTS unless raised).
 */
export function feasibilityProblem(
  scenario: Scenario,
  end: number,
  expectedArrivals: number,
  maxEvents = MAX_EXPECTED_EVENTS,
): Omit<ScenarioProblem, 'file'> | undefined {
  if (!(end <= MAX_DURATION_SECONDS)) {
    const path = scenario.duration === undefined ? 'workload.arrivals' : 'duration';
    return { path, message: `the run would last ${end} s; at most ${MAX_DURATION_SECONDS} s (MAX_DURATION_SECONDS, 100 years)` };
  }
  const sources = estimateEvents(scenario, end, expectedArrivals);
  const total = sources.reduce((n, s) => n + s.events, 0);
  if (total <= maxEvents) return undefined;
  const main = sources.reduce((a, b) => (b.events > a.events ? b : a));
  return {
    path: main.path,
    message:
      `the run would process about ${fmt(total)} events over ${end} s (mostly ${main.what}); ` +
      `at most ${fmt(maxEvents)} (MAX_EXPECTED_EVENTS: some minutes at the engine's millions of events per second): shorten the duration or lower the rate`,
  };
}

function fmt(n: number): string {
  return Number.isFinite(n) ? n.toPrecision(3).replace(/\.?0+(e|$)/, '$1') : 'infinitely many';
}
