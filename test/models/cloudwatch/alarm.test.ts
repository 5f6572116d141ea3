import { describe, expect, it } from 'vitest';
import { MetricAlarm, type AlarmState, type MetricAlarmConfig, type TreatMissingData } from '../../../src/models/cloudwatch/alarm.ts';
import { MetricSeries } from '../../../src/models/cloudwatch/metric-series.ts';
import { pointAt, seriesOf } from './series-fixture.ts';

const base: MetricAlarmConfig = {
  statistic: 'Average',
  period: 60,
  threshold: 50,
  comparisonOperator: 'GreaterThanThreshold',
  evaluationPeriods: 3,
};

/** AWS's notation, oldest first: X breaching, 0 not breaching, - missing. */
function valuesOf(notation: string): (number | null)[] {
  return notation.split(' ').map((c) => (c === 'X' ? 90 : c === '0' ? 10 : null));
}

function evaluate(notation: string, config: Partial<MetricAlarmConfig> = {}) {
  const { series, now } = seriesOf(valuesOf(notation));
  return new MetricAlarm({ ...base, ...config }).evaluate(series, now);
}

/**
 * Evaluates the five periods of `notation` with an alarm in `prior`: a new alarm is in
 * INSUFFICIENT_DATA; five breaching (or five good) periods before `notation` put it in ALARM (or OK).
 */
function evaluateFrom(prior: AlarmState, notation: string, config: Partial<MetricAlarmConfig>): AlarmState {
  const before = prior === 'ALARM' ? 'X X X X X' : prior === 'OK' ? '0 0 0 0 0' : '- - - - -';
  const { series } = seriesOf(valuesOf(`${before} ${notation}`));
  const alarm = new MetricAlarm({ ...base, ...config });
  if (prior !== 'INSUFFICIENT_DATA') expect(alarm.evaluate(series, 300).state).toBe(prior);
  return alarm.evaluate(series, 600).state;
}

const treatments: readonly TreatMissingData[] = ['missing', 'ignore', 'breaching', 'notBreaching'];
type Row = readonly [notation: string, missing: AlarmState | 'retain', ignore: AlarmState | 'retain', breaching: AlarmState, notBreaching: AlarmState];

function checkRow(row: Row, datapointsToAlarm: number): void {
  const [notation, ...expected] = row;
  treatments.forEach((treatMissingData, i) => {
    for (const prior of ['OK', 'ALARM', 'INSUFFICIENT_DATA'] as const) {
      const want = expected[i] === 'retain' ? prior : expected[i];
      expect(evaluateFrom(prior, notation, { datapointsToAlarm, treatMissingData }), `${notation} ${treatMissingData} from ${prior}`).toBe(want);
    }
  });
}

describe('MetricAlarm: CloudWatch User Guide, "How alarm state is evaluated when data is missing"', () => {
  // First table: DatapointsToAlarm 3, EvaluationPeriods 3, evaluation range 5.
  const table1: readonly Row[] = [
    ['0 - X - X', 'OK', 'OK', 'OK', 'OK'],
    ['0 - - - -', 'OK', 'OK', 'OK', 'OK'],
    ['- - - - -', 'INSUFFICIENT_DATA', 'retain', 'ALARM', 'OK'],
    ['0 X X - X', 'ALARM', 'ALARM', 'ALARM', 'ALARM'],
    ['- - X - -', 'ALARM', 'retain', 'ALARM', 'OK'],
  ];
  // Second table: DatapointsToAlarm 2, EvaluationPeriods 3.
  const table2: readonly Row[] = [
    ['0 - X - X', 'ALARM', 'ALARM', 'ALARM', 'ALARM'],
    ['0 0 X 0 X', 'ALARM', 'ALARM', 'ALARM', 'ALARM'],
    ['0 - X - -', 'OK', 'OK', 'ALARM', 'OK'],
    ['- - - - 0', 'OK', 'OK', 'ALARM', 'OK'],
    ['- - - X -', 'ALARM', 'retain', 'ALARM', 'OK'],
  ];
  for (const row of table1) it(`3 of 3: ${row[0]}`, () => checkRow(row, 3));
  for (const row of table2) it(`2 of 3: ${row[0]}`, () => checkRow(row, 2));

  it('does not alarm early on a breach younger than DatapointsToAlarm with only missing data since', () => {
    // The guide: "- - - - X" and "- - - X -" do not alarm with DatapointsToAlarm 3.
    expect(evaluate('- - - - X').state).toBe('OK');
    expect(evaluate('- - - X -').state).toBe('OK');
    expect(evaluate('- - X - 0').state).toBe('OK');
  });

  it('forgets a breach older than the evaluation periods', () => {
    expect(evaluate('X - - - -').state).toBe('OK');
  });
});

describe('MetricAlarm: M of N', () => {
  it('needs M breaching of the N most recent datapoints, not necessarily consecutive', () => {
    const cfg = { evaluationPeriods: 5, datapointsToAlarm: 3 };
    expect(evaluate('X 0 X 0 X', cfg).state).toBe('ALARM');
    expect(evaluate('X 0 X 0 0', cfg).state).toBe('OK');
    expect(evaluate('X X 0 0 X 0 0', { ...cfg, evaluationRange: 7 }).state).toBe('OK');
  });

  it('DatapointsToAlarm defaults to EvaluationPeriods', () => {
    expect(new MetricAlarm(base).datapointsToAlarm).toBe(3);
    expect(evaluate('0 0 0 X X').state).toBe('OK');
    expect(evaluate('0 0 X X X').state).toBe('ALARM');
  });

  it('starts in INSUFFICIENT_DATA and leaves it on the first evaluation with data', () => {
    const alarm = new MetricAlarm(base);
    expect(alarm.state).toBe('INSUFFICIENT_DATA');
    const { series, now } = seriesOf([10]);
    expect(alarm.evaluate(series, now).state).toBe('OK');
    expect(alarm.state).toBe('OK');
  });

  it('says why, with the numbers', () => {
    const { series, now } = seriesOf([71.3, 68, 75.2]);
    const e = new MetricAlarm(base).evaluate(series, now);
    expect(e).toMatchObject({ state: 'ALARM', reason: '3 of 3 datapoints > 50 (71.3, 68.0, 75.2)', values: [71.3, 68, 75.2], breaching: 3 });
    expect(evaluate('- - X - -').reason).toBe('1 of 3 datapoints > 50 (90.0; 2 missing): a breach 3 periods old, nothing since but missing data');
    expect(evaluate('- - - - 0', { treatMissingData: 'breaching', datapointsToAlarm: 2 }).reason).toBe('2 of 3 datapoints > 50 (10.0; 2 missing, treated as breaching)');
    expect(evaluate('- - - - -').reason).toBe('no datapoints in the last 5 periods');
  });

  it('evaluates the N most recent real datapoints, reaching back into the range past missing ones', () => {
    const e = evaluate('X X - X -');
    expect(e.state).toBe('ALARM');
    expect(e.datapoints.map((d) => d.time)).toEqual([0, 60, 180]);
  });

  it('compares with each ComparisonOperator', () => {
    const at50 = seriesOf([50, 50, 50]);
    const state = (comparisonOperator: MetricAlarmConfig['comparisonOperator']) => new MetricAlarm({ ...base, comparisonOperator }).evaluate(at50.series, at50.now).state;
    expect(state('GreaterThanThreshold')).toBe('OK');
    expect(state('GreaterThanOrEqualToThreshold')).toBe('ALARM');
    expect(state('LessThanThreshold')).toBe('OK');
    expect(state('LessThanOrEqualToThreshold')).toBe('ALARM');
  });

  it('reads the configured statistic of each datapoint', () => {
    const series = new MetricSeries(60, 5);
    // Average 40 but one instance at 95: only a Maximum alarm fires.
    for (let i = 0; i < 3; i++) series.append({ time: i * 60, sampleCount: 4, sum: 160, minimum: 5, maximum: 95 });
    expect(new MetricAlarm(base).evaluate(series, 180).state).toBe('OK');
    expect(new MetricAlarm({ ...base, statistic: 'Maximum' }).evaluate(series, 180).state).toBe('ALARM');
  });

  it('rejects impossible settings and a series of another period', () => {
    expect(() => new MetricAlarm({ ...base, datapointsToAlarm: 4 })).toThrow(/DatapointsToAlarm/);
    expect(() => new MetricAlarm({ ...base, evaluationPeriods: 0 })).toThrow(/EvaluationPeriods/);
    expect(() => new MetricAlarm({ ...base, evaluationRange: 2 })).toThrow(/evaluation range/);
    expect(() => new MetricAlarm({ ...base, threshold: Number.NaN })).toThrow(/threshold/);
    const s = new MetricSeries(30, 5);
    s.append(pointAt(0, 1));
    expect(() => new MetricAlarm(base).evaluate(s, 60)).toThrow(/period/);
  });
});
