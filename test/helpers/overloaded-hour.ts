/**
 * Run in a child process by test/run/memory-bounds.test.ts, so that its peak RSS is the run's own:
 * an hour at utilisation 2 on one instance (2 workers, 3,000 requests/s, mean service 4/3 ms).
 * Nothing times out (an idle timeout past the run's end), so without a queue bound 1,500 requests
 * a second would wait until the end: 5.4 million. Prints the request counts and the peak RSS in MB.
 * `node --import tsx test/helpers/overloaded-hour.ts [queue_limit]`
 */
import { simulate, validateScenario } from '../../src/index.ts';

const queueLimit = process.argv[2];
const rate = 3000;
const { scenario } = validateScenario(
  {
    name: 'overloaded-hour',
    duration: 3600,
    workload: { arrivals: { type: 'poisson', rate }, service_time: { dist: 'exponential', mean: 4 / rate } },
    fleet: {
      instance_type: 'm7g.large',
      instances: 1,
      ...(queueLimit === undefined ? {} : { queue_limit: queueLimit === 'unbounded' ? queueLimit : Number(queueLimit) }),
    },
    load_balancer: { idle_timeout: 4000 },
  },
  { file: 'overloaded-hour', baseDir: '.' },
);
const run = simulate(scenario);
console.log(JSON.stringify({ requests: run.requests, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
