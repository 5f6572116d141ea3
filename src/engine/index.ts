export { EventQueue } from './event-queue.ts';
export { Simulator, type EventHandle, type EventHandler, type EventKind } from './simulator.ts';
export { RandomStreams, type Uniform } from './random.ts';
export {
  makeSampler,
  distributionMean,
  lognormalFromMedianP99,
  type DistributionSpec,
  type Sampler,
} from './distributions.ts';
export { DEFAULT_RELATIVE_ERROR, LogHistogram, type HistogramOptions } from './stats/histogram.ts';
export { TimeSeries } from './stats/time-series.ts';
export { StepIntegral } from './stats/step-integral.ts';
