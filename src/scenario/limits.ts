/**
 * The bounds a scenario must keep to, in one place: each one keeps a run that passes validation
 * finite in time and memory. Messages cite the name and the figure; the README lists them.
 */

/**
 * Largest scenario file, bytes. The largest honest content is an empirical list of
 * MAX_LIST_ITEMS values (some 700 kB written as seconds). Parsing is linear but slow on long
 * flow-style lines (about 20 us an item): 1 MiB written on one line parses in seconds, not minutes.
 */
export const MAX_SCENARIO_BYTES = 1024 * 1024;

/**
 * Deepest nesting of lists and mappings. A scenario needs about eight levels; the YAML composer
 * and zod recurse once per level, so a bound far below Node's stack (some thousands of frames)
 * keeps both safe.
 */
export const MAX_NESTING_DEPTH = 64;

/** Most items in any one list (an empirical distribution's values, steps, states ...). */
export const MAX_LIST_ITEMS = 100_000;

/**
 * Longest duration, seconds: 100 years of 365.25 days. Every time in a scenario (durations,
 * offsets, fault times, distribution parameters) is finite and at most this, so that simulated
 * time keeps a resolution below a microsecond (2^-52 x 3.2e9 s = 0.7 us).
 */
export const MAX_DURATION_SECONDS = 100 * 365.25 * 86_400;

/**
 * Largest and smallest multiplier of time or of a count (trace speedup and scale, service-time
 * scale, slow-instance factor). A million turns a second into 11.6 days, or a day into 86 ms;
 * beyond that a sped-up trace's times collapse and a slowed one leaves the run's horizon.
 */
export const MAX_FACTOR = 1e6;
export const MIN_FACTOR = 1 / MAX_FACTOR;

/**
 * Largest sigma of a lognormal (of the log of seconds): its p99 is then e^(2.33 x 10) = 1.3e10
 * times its median, beyond any service time; a larger one draws infinite times.
 */
export const MAX_LOGNORMAL_SIGMA = 10;

/**
 * Most instances in a group (min, max, desired, instances, warm pool): each is an object the run
 * builds and checks on every health-check interval.
 */
export const MAX_INSTANCES = 100_000;

/** Most client connections (load_balancer.connections): each holds slots in the routing tables. */
export const MAX_CONNECTIONS = 10_000_000;

/**
 * Most events a run may be expected to process: arrivals (mean rate x duration, thinning
 * candidates at the peak rate), state changes and periodic events (duration / period x
 * members). At the engine's 3 to 10 million events per second a billion takes some minutes.
 * The bound also keeps time advancing: with at most 1e9 events over a run of length D, the mean
 * gap D / 1e9 is millions of times the time resolution D x 2^-52. SimulateOptions.maxEvents
 * raises it for a run known to be that large.
 */
export const MAX_EXPECTED_EVENTS = 1e9;

/**
 * Most evaluation periods of an alarm: CloudWatch's PutMetricAlarm allows EvaluationPeriods x
 * Period of at most one day (86,400 s), which at the shortest period a group's metrics have
 * (10 s) is 8,640.
 */
export const MAX_EVALUATION_PERIODS = 86_400 / 10;

/** Largest warm-pool root volume, GiB: the largest EBS volume (io2 Block Express, 64 TiB). */
export const MAX_VOLUME_GIB = 65_536;
