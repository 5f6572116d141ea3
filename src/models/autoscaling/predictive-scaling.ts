import type { Simulator } from '../../engine/index.ts';
import type { MetricSeries } from '../cloudwatch/metric-series.ts';
import type { AutoScalingGroup } from './group.ts';
import { capacityForecast, hourlyLoadPerInstance } from './predictive/capacity-forecast.ts';
import { forecastHourlyLoad, MAX_HISTORY_HOURS } from './predictive/forecast.ts';
import { capacityAt, nextCapacityChange, predictiveSchedule, type PredictiveSchedule } from './predictive/predictive-schedule.ts';

/** Predefined metric pairs fleetsim models (aws-semantics.md section 4). */
export type PredictiveMetric = 'ASGCPUUtilization' | 'ALBRequestCount';

export interface PredictiveScalingConfig {
  readonly name: string;
  readonly metric: PredictiveMetric;
  /** CPU % per instance, or requests per target per minute. */
  readonly target: number;
  /** Section 4: ForecastOnly by default. */
  readonly mode: 'ForecastOnly' | 'ForecastAndScale';
  /** Section 4: 300 s by default, below 3600 s. */
  readonly schedulingBufferTime: number;
  readonly maxCapacityBreachBehavior: 'HonorMaxCapacity' | 'IncreaseMaxCapacity';
  /** Percent over the forecast that the raised max may reach (IncreaseMaxCapacity only). */
  readonly maxCapacityBuffer: number;
}

const HOUR = 3600;
/** Section 4: forecasts are refreshed every 6 hours. */
const REFRESH = 6 * HOUR;

/**
 * Predictive scaling: learns the hourly load from the group's own metrics (the run is its only
 * history), forecasts 48 hours every 6 hours once it has 24 hours of history, and at the start of
 * each hour minus the scheduling buffer raises the group to the forecast capacity. It never scales
 * in; dynamic policies may not take the group below the capacity it set (the group runs at the
 * larger of the two, section 4).
 */
export class PredictiveScaling {
  /** Forecast capacity in force now (NaN before the first forecast). */
  forecastCapacity = NaN;
  /** Capacity below which dynamic scale-in must not go (0 in ForecastOnly mode or without a forecast). */
  floor = 0;
  /** Desired-capacity changes it made. */
  activities = 0;
  private readonly hourly: number[] = [];
  private hourLoad = 0;
  private schedule: PredictiveSchedule | undefined;
  private readonly applyKind: number;
  private applyEvent = -1;

  constructor(
    private readonly sim: Simulator,
    private readonly group: AutoScalingGroup,
    /** The load metric of the pair: the group's ASGTotalCPUUtilization, or its target group's RequestCount (ALBTargetGroupRequestCount). */
    private readonly load: MetricSeries,
    readonly config: PredictiveScalingConfig,
  ) {
    this.applyKind = sim.register(() => this.apply());
  }

  /**
   * Called after each metrics period: adds the period's load to the hour under way, and every
   * 6 hours, once the hour is complete, refreshes the forecast.
   */
  observe(): void {
    const now = this.sim.now;
    const period = this.load.period;
    const [d] = this.load.lastPeriods(1, now);
    // CPU: the hour's average total CPU %; requests: the hour's request count.
    if (d) this.hourLoad += this.config.metric === 'ASGCPUUtilization' ? (d.sum * period) / HOUR : d.sum;
    if (Math.abs(now / HOUR - Math.round(now / HOUR)) < 1e-9) {
      this.hourly.push(this.hourLoad);
      if (this.hourly.length > MAX_HISTORY_HOURS) this.hourly.shift();
      this.hourLoad = 0;
      if (Math.abs(now / REFRESH - Math.round(now / REFRESH)) < 1e-9) this.refresh();
    }
  }

  private refresh(): void {
    const load = forecastHourlyLoad(Float64Array.from(this.hourly));
    if (!load) return;
    const perInstance = hourlyLoadPerInstance(this.config.metric, this.config.target);
    this.schedule = predictiveSchedule(this.sim.now, capacityForecast(load, perInstance), this.config.schedulingBufferTime);
    if (this.applyEvent >= 0) this.sim.cancel(this.applyEvent);
    this.apply();
  }

  private apply(): void {
    this.applyEvent = -1;
    const schedule = this.schedule!;
    const now = this.sim.now;
    const capacity = capacityAt(schedule, now);
    const next = nextCapacityChange(schedule, now);
    if (next !== Infinity) this.applyEvent = this.sim.schedule(next, this.applyKind);
    if (capacity === undefined) return;
    this.forecastCapacity = capacity;
    if (this.config.mode !== 'ForecastAndScale') return;
    const group = this.group;
    if (capacity > group.maxSize && this.config.maxCapacityBreachBehavior === 'IncreaseMaxCapacity') {
      // The raised max stays raised (section 4).
      group.setLimits({ max: Math.ceil(capacity * (1 + this.config.maxCapacityBuffer / 100)) }, `predictive scaling policy ${this.config.name}: forecast ${capacity} exceeds the group's max; IncreaseMaxCapacity`);
    }
    this.floor = Math.min(capacity, group.maxSize);
    if (this.floor > group.desiredCapacity) {
      this.activities++;
      group.setDesiredCapacity(this.floor, `predictive scaling policy ${this.config.name}: forecast capacity ${capacity} for the hour starting at ${formatHour(now + schedule.schedulingBufferTime)}`);
    }
  }
}

function formatHour(seconds: number): string {
  return `${Math.round(seconds / HOUR)} h`;
}
