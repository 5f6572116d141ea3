import { distributionMean, makeSampler, type Sampler, type Uniform } from '../engine/index.ts';
import type { RequestTimesReader } from '../models/workload/traces/request-times.ts';
import { scanRequestFile } from '../models/workload/traces/request-times.ts';
import { FORMAT_NAMES, HAS_SERVICE_TIME } from '../models/workload/traces/request-log-format.ts';
import { TraceFormatError } from '../models/workload/traces/trace-error.ts';
import { requestFileOptions, toDistribution } from './model-config.ts';
import type { Scenario, ServiceTimeConfig } from './schema.ts';

/**
 * The run's service times: draws from a distribution, or (from_trace) the service time recorded on
 * the log line of the request arriving now, times the scale. The workload asks for a service time
 * when an arrival fires, before it pulls the next arrival from the replay, so the replay's current
 * line is that request's.
 */
export function buildServiceTime(config: ServiceTimeConfig, replay: RequestTimesReader | undefined, uniform: Uniform): Sampler {
  if (config.dist !== 'from_trace') return makeSampler(toDistribution(config), uniform);
  // The schema allows from_trace only with a single per-request replay.
  const reader = replay!;
  if (!HAS_SERVICE_TIME[reader.format]) {
    throw new TraceFormatError(reader.file, undefined, `is a ${FORMAT_NAMES[reader.format]}, which records no service times: service_time from_trace needs an ALB access log`);
  }
  const missing = config.missing && makeSampler(toDistribution(config.missing), uniform);
  const scale = config.scale;
  return () => {
    const s = reader.serviceTime;
    if (!Number.isNaN(s)) return s * scale;
    if (missing) return missing();
    throw new TraceFormatError(
      reader.file,
      reader.line,
      'target_processing_time is -1 (the request reached no target, or the target did not answer before the idle timeout): ' +
        'give workload.service_time.missing, a distribution for such requests',
    );
  };
}

/**
 * Mean service time, for the health checks' estimate of the wait behind queued requests. For
 * from_trace, read from the whole log (one extra pass over the file).
 */
export function meanServiceTime(scenario: Scenario): number {
  const { service_time: config, arrivals } = scenario.workload;
  if (config.dist !== 'from_trace') return distributionMean(toDistribution(config));
  // The schema accepts from_trace only with arrivals of type requests.
  if (arrivals.type !== 'requests') throw new Error('service_time from_trace without a per-request replay');
  // scanRequestFile rejects a file without requests (bad input, naming the file): never 0 / 0.
  const scan = scanRequestFile(arrivals.file, requestFileOptions(arrivals));
  const missingMean = config.missing ? distributionMean(toDistribution(config.missing)) : 0;
  return (scan.serviceSum * config.scale + (scan.requests - scan.served) * missingMean) / scan.requests;
}
