/**
 * fleetsim as a library:
 *
 *   import { loadScenario, simulate, toSummary } from 'fleetsim';
 *   const { scenario } = loadScenario('scenarios/default.yaml');
 *   const summary = toSummary(simulate(scenario, { seed: 7 }));
 */
export { loadScenario, parseScenario, validateScenario, type LoadedScenario, type ParseOptions } from './scenario/load.ts';
export { simulate, type RunProgress, type RunResult, type SimulateOptions } from './scenario/simulate.ts';
export { ScenarioError, type ScenarioProblem } from './scenario/scenario-error.ts';
export { scenarioJsonSchema, type Scenario, type ScenarioInput } from './scenario/schema.ts';
export { parseDuration } from './scenario/duration.ts';
export { toSummary, type Summary, type LatencySummary } from './report/summary.ts';
export { writeRunOutputs } from './report/write-run.ts';
export { runReportHtml } from './report/html/run-report.ts';
export { compareHtml } from './experiment/compare-html.ts';
export { sweepHtml } from './experiment/sweep-html.ts';
export { timeSeriesCsv } from './report/csv.ts';
export { TraceFormatError } from './models/workload/traces/trace-error.ts';
export { INSTANCE_TYPES, PRICE_SOURCE, type InstanceTypeInfo } from './models/compute/instance-types.ts';
export { loadVariant } from './experiment/load-variant.ts';
export { parseOverride, type Override } from './experiment/overrides.ts';
export { compare, type CompareOptions, type CompareVariant } from './experiment/compare.ts';
export { writeCompareOutputs } from './experiment/compare-output.ts';
export type { CompareMetric, CompareResult, Estimate, MetricValues, VariantResult } from './experiment/compare-result.ts';
export { parseGrid, type GridAxis } from './experiment/grid.ts';
export { assembleSweep, planSweep, runSweepJobs } from './experiment/sweep.ts';
export { shardJobs, type Shard } from './experiment/shard.ts';
export { findShardFiles, mergeShards, MergeError } from './experiment/merge.ts';
export { writeSweepOutputs } from './experiment/sweep-output.ts';
export { optimize } from './experiment/optimize.ts';
export type { OptimizePoint, OptimizeResult, OptimizeStatus } from './experiment/optimize-result.ts';
export type { SweepPlan, SweepPoint, SweepResult, SweepRun } from './experiment/sweep-result.ts';
