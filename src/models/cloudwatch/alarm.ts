import { breaches, operatorSymbol, type ComparisonOperator } from './comparison-operator.ts';
import { statisticOf, type Datapoint, type Statistic } from './datapoint.ts';
import type { MetricSeries } from './metric-series.ts';
import { formatMetricValue, formatSetting } from './value-format.ts';

export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
export type TreatMissingData = 'missing' | 'notBreaching' | 'breaching' | 'ignore';

/**
 * CloudWatch's default when TreatMissingData is omitted (PutMetricAlarm; CloudWatch User Guide,
 * "Configuring how CloudWatch alarms treat missing data").
 */
const DEFAULT_TREAT_MISSING_DATA: TreatMissingData = 'missing';

/**
 * Periods CloudWatch reads beyond EvaluationPeriods when some are missing (its "evaluation range").
 * [INFERRED] AWS says only that the range depends on the period and the resolution; every example
 * table in the CloudWatch User Guide ("How alarm state is evaluated when data is missing") pairs
 * 3 evaluation periods with a range of 5. Overridable per alarm with `evaluationRange`.
 */
const DEFAULT_EXTRA_EVALUATION_PERIODS = 2;

export interface MetricAlarmConfig {
  readonly statistic: Statistic;
  /** Seconds per datapoint; the series evaluated must have the same period. */
  readonly period: number;
  readonly threshold: number;
  readonly comparisonOperator: ComparisonOperator;
  /** N: how many of the most recent periods are evaluated. */
  readonly evaluationPeriods: number;
  /** M: breaching datapoints among the N that put the alarm in ALARM (default N). */
  readonly datapointsToAlarm?: number;
  /** Default DEFAULT_TREAT_MISSING_DATA. */
  readonly treatMissingData?: TreatMissingData;
  /** Periods read back when some of the N are missing (default N + DEFAULT_EXTRA_EVALUATION_PERIODS). */
  readonly evaluationRange?: number;
}

export interface AlarmEvaluation {
  readonly state: AlarmState;
  /** Why, with the numbers: "3 of 3 datapoints > 50 (71.3, 68.0, 75.2)". */
  readonly reason: string;
  /** The real datapoints the evaluation used, oldest first. */
  readonly datapoints: readonly Datapoint[];
  /** Their values of the alarm's statistic, in the same order. */
  readonly values: readonly number[];
  /** Breaching datapoints counted against DatapointsToAlarm, including missing ones treated as breaching. */
  readonly breaching: number;
}

/**
 * A CloudWatch metric alarm with a static threshold, evaluated with CloudWatch's M-of-N and
 * missing-data rules (CloudWatch User Guide, "Evaluating an alarm" and "How alarm state is
 * evaluated when data is missing"):
 * - with at least N real datapoints in the evaluation range, the N most recent real ones are
 *   evaluated and TreatMissingData does not matter;
 * - with fewer, all real ones are evaluated and only the shortfall is filled per TreatMissingData;
 * - under `missing` (and `ignore`), a range with no datapoint at all is INSUFFICIENT_DATA (or keeps
 *   its state), and a breach at least M periods old inside the N most recent periods with no
 *   non-breaching datapoint anywhere in the range goes to ALARM (or keeps its state): AWS's rule
 *   against both premature and missed alarms on intermittent data.
 *
 * Simplification: that last rule follows the published example tables, which need the breach to
 * be M periods old (row "- - - X -" alarms with M = 2, N = 3); the prose beside them says N for
 * M-of-N alarms and cannot be reconciled with that row. All ten rows of both tables are tests.
 */
export class MetricAlarm {
  readonly statistic: Statistic;
  readonly period: number;
  readonly threshold: number;
  readonly comparisonOperator: ComparisonOperator;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly treatMissingData: TreatMissingData;
  readonly evaluationRange: number;
  // A new alarm has not evaluated anything yet (CloudWatch User Guide, "Metric alarm states").
  private current: AlarmState = 'INSUFFICIENT_DATA';

  constructor(config: MetricAlarmConfig) {
    this.statistic = config.statistic;
    this.period = config.period;
    this.threshold = config.threshold;
    this.comparisonOperator = config.comparisonOperator;
    this.evaluationPeriods = config.evaluationPeriods;
    this.datapointsToAlarm = config.datapointsToAlarm ?? config.evaluationPeriods;
    this.treatMissingData = config.treatMissingData ?? DEFAULT_TREAT_MISSING_DATA;
    this.evaluationRange = config.evaluationRange ?? config.evaluationPeriods + DEFAULT_EXTRA_EVALUATION_PERIODS;
    if (!(this.period > 0)) throw new RangeError(`alarm period must be positive, got ${this.period}`);
    if (!Number.isFinite(this.threshold)) throw new RangeError(`alarm threshold must be a finite number, got ${this.threshold}`);
    if (!isCount(this.evaluationPeriods)) throw new RangeError(`EvaluationPeriods must be a positive integer, got ${this.evaluationPeriods}`);
    if (!isCount(this.datapointsToAlarm) || this.datapointsToAlarm > this.evaluationPeriods) {
      throw new RangeError(`DatapointsToAlarm must be an integer from 1 to EvaluationPeriods (${this.evaluationPeriods}), got ${this.datapointsToAlarm}`);
    }
    if (!Number.isInteger(this.evaluationRange) || this.evaluationRange < this.evaluationPeriods) {
      throw new RangeError(`evaluation range must be an integer of at least EvaluationPeriods (${this.evaluationPeriods}), got ${this.evaluationRange}`);
    }
  }

  get state(): AlarmState {
    return this.current;
  }

  /** Periods a MetricSeries must keep for this alarm. */
  get periodsNeeded(): number {
    return this.evaluationRange;
  }

  /** Evaluates the periods that ended at or before `now`, moves to the resulting state and says why. */
  evaluate(series: MetricSeries, now: number): AlarmEvaluation {
    if (series.period !== this.period) {
      throw new RangeError(`alarm period ${this.period} s does not match its metric series period ${series.period} s`);
    }
    const range = series.lastPeriods(this.evaluationRange, now);
    const present = range.filter((d): d is Datapoint => d !== undefined);
    const result = present.length >= this.evaluationPeriods ? this.judge(present.slice(-this.evaluationPeriods), 0) : this.judgeShort(range, present);
    this.current = result.state;
    return result;
  }

  private judge(datapoints: readonly Datapoint[], missing: number): AlarmEvaluation {
    const values = datapoints.map((d) => statisticOf(d, this.statistic));
    const real = values.filter((v) => breaches(v, this.comparisonOperator, this.threshold)).length;
    const breaching = this.treatMissingData === 'breaching' ? real + missing : real;
    const listed = [values.map(formatMetricValue).join(', '), missing > 0 ? `${missing} missing${treatedAs(this.treatMissingData)}` : ''];
    const reason = `${breaching} of ${this.evaluationPeriods} datapoints ${operatorSymbol(this.comparisonOperator)} ${formatSetting(this.threshold)} (${listed.filter(Boolean).join('; ')})`;
    return { state: breaching >= this.datapointsToAlarm ? 'ALARM' : 'OK', reason, datapoints, values, breaching };
  }

  /** Fewer than N real datapoints in the range: fill only the shortfall, as CloudWatch does. */
  private judgeShort(range: readonly (Datapoint | undefined)[], present: readonly Datapoint[]): AlarmEvaluation {
    const judged = this.judge(present, this.evaluationPeriods - present.length);
    const treatment = this.treatMissingData;
    if (treatment === 'breaching' || treatment === 'notBreaching' || judged.state === 'ALARM') return judged;
    // `missing` and `ignore` never count a missing period as good or bad: what is left is whether
    // the real data decides the state on its own.
    if (present.length === 0) {
      const reason = `no datapoints in the last ${this.evaluationRange} periods`;
      return treatment === 'missing' ? { ...judged, state: 'INSUFFICIENT_DATA', reason } : this.keep(judged, reason);
    }
    const age = this.unopposedBreachAge(range);
    if (age < this.datapointsToAlarm) return judged;
    const reason = `${judged.reason}: a breach ${age} periods old, nothing since but missing data`;
    return treatment === 'missing' ? { ...judged, state: 'ALARM', reason } : this.keep(judged, reason);
  }

  /**
   * Age in periods (newest period = 1) of the oldest breaching datapoint among the N most recent
   * periods, or 0 if there is none or any real datapoint in the range does not breach.
   */
  private unopposedBreachAge(range: readonly (Datapoint | undefined)[]): number {
    let oldest = 0;
    for (let i = 0; i < range.length; i++) {
      const d = range[i];
      if (d === undefined) continue;
      if (!breaches(statisticOf(d, this.statistic), this.comparisonOperator, this.threshold)) return 0;
      const age = range.length - i;
      if (age <= this.evaluationPeriods && age > oldest) oldest = age;
    }
    return oldest;
  }

  private keep(judged: AlarmEvaluation, reason: string): AlarmEvaluation {
    return { ...judged, state: this.current, reason: `${reason}; missing data ignored, state stays ${this.current}` };
  }
}

function isCount(n: number): boolean {
  return Number.isInteger(n) && n >= 1;
}

function treatedAs(treatment: TreatMissingData): string {
  switch (treatment) {
    case 'breaching':
      return ', treated as breaching';
    case 'notBreaching':
      return ', treated as not breaching';
    case 'missing':
    case 'ignore':
      return '';
  }
}
