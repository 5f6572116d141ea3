/**
 * fleetsim as a library:
 *
 *   import { loadScenario, simulate, toSummary } from 'fleetsim';
 *   const { scenario } = loadScenario('scenarios/default.yaml');
 *   const summary = toSummary(simulate(scenario, { seed: 7 }));
 */
export { loadScenario, parseScenario, validateScenario, type LoadedScenario, type ParseOptions } from './scenario/load.ts';
export { simulate, type RunResult, type SimulateOptions } from './scenario/simulate.ts';
export { ScenarioError, type ScenarioProblem } from './scenario/scenario-error.ts';
export { scenarioJsonSchema, type Scenario, type ScenarioInput } from './scenario/schema.ts';
export { parseDuration } from './scenario/duration.ts';
export { toSummary, type Summary, type LatencySummary } from './report/summary.ts';
export { writeRunOutputs } from './report/write-run.ts';
export { timeSeriesCsv } from './report/csv.ts';
export { TraceFormatError } from './models/workload/traces/trace-error.ts';
export { INSTANCE_TYPES, PRICE_SOURCE, type InstanceTypeInfo } from './models/compute/instance-types.ts';
