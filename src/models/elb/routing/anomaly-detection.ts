import type { RoutingMode } from '../health/fail-open.ts';
import type { Target } from '../target.ts';
import { fitIndex } from './per-target-arrays.ts';
import type { Clock, RequestOutcomeListener, RoutableSetListener } from './routing-hooks.ts';
import { TargetPositions } from './target-positions.ts';

/**
 * Parameters of anomaly detection. AWS documents only the minimum of 3 healthy targets; the rest
 * is [UNCONFIRMED] (aws-semantics.md 7.4 and open item 4): fleetsim's choices, overridable.
 */
export interface AnomalyDetectionOptions {
  /** Detection runs only with at least this many healthy targets (7.4: 3). */
  readonly minimumHealthyTargets: number;
  /** [UNCONFIRMED] Seconds per evaluation window. */
  readonly windowSeconds: number;
  /**
   * [UNCONFIRMED] Requests a target needs before it is judged. One with fewer keeps its counts
   * into the next window: a target whose traffic was cut is judged over a longer span, not skipped.
   */
  readonly minimumRequests: number;
  /** [UNCONFIRMED] Anomalous only with an error rate above this multiple of its peers' pooled rate. */
  readonly peerRatio: number;
  /**
   * [UNCONFIRMED] And only if a target erring like its peers would show that many errors with
   * probability below this (a Chernoff bound on the binomial tail): noise on a few requests flags
   * nobody, while a target failing most requests is flagged on its first 20.
   */
  readonly significance: number;
}

export const DEFAULT_ANOMALY_DETECTION: AnomalyDetectionOptions = {
  minimumHealthyTargets: 3,
  windowSeconds: 10,
  minimumRequests: 20,
  peerRatio: 2,
  significance: 1e-4,
};

/** Told each verdict when a window closes (anomaly-mitigation.ts). */
export interface AnomalyVerdictListener {
  /** `anomalous` false also when detection cannot run (too few healthy targets): no target is flagged then. */
  verdict(target: Target, anomalous: boolean): void;
}

/**
 * ALB anomaly detection, part of Automatic Target Weights (aws-semantics.md 7.4): on with at least
 * 3 healthy targets, whatever the algorithm; compares each target's ratio of errors (HTTP 5xx,
 * TCP/TLS errors) with its peers' and flags outliers `Anomalous`. Only weighted_random with
 * anomaly_mitigation on acts on the flags.
 *
 * Model: tumbling windows of `windowSeconds`. At a window's end each healthy target with enough
 * requests is judged against the pooled rate p of all the other healthy targets (with one error
 * in two requests added, so that peers without errors still have a rate): anomalous if its rate
 * r is above `peerRatio` x p and n KL(r || p) >= ln(1 / significance), where n is its requests
 * and KL the Kullback-Leibler divergence of Bernoulli(r) from Bernoulli(p). A fleet-wide failure
 * raises the peers' rate as much as the target's, so it flags nobody. Windows close lazily, on the
 * first request end or query after their end, so an idle load balancer costs nothing.
 */
export class AnomalyDetection implements RequestOutcomeListener, RoutableSetListener {
  readonly options: AnomalyDetectionOptions;
  private listener: AnomalyVerdictListener | null = null;
  private readonly positions = new TargetPositions();
  private readonly members: Target[] = [];
  private healthyMode = false;
  private windowEnd: number;
  /** Requests and errors counted towards each target's next verdict, by Target.index. */
  private requests = new Float64Array(0);
  private errors = new Float64Array(0);
  /** 1: the last verdict on the target was anomalous. */
  private anomalous = new Uint8Array(0);

  constructor(
    private readonly clock: Clock,
    options: Partial<AnomalyDetectionOptions> = {},
  ) {
    this.options = { ...DEFAULT_ANOMALY_DETECTION, ...options };
    this.windowEnd = clock.now + this.options.windowSeconds;
  }

  /** Anomaly mitigation, told every verdict. */
  setListener(listener: AnomalyVerdictListener): void {
    this.listener = listener;
  }

  /** The current set; a target that joins it starts its counts afresh. */
  routableSetChanged(targets: readonly Target[], mode: RoutingMode): void {
    this.advance();
    for (const t of targets) {
      const i = t.index;
      if (this.positions.ofIndex(i) >= 0) continue;
      this.requests = fitIndex(this.requests, i, 0);
      this.errors = fitIndex(this.errors, i, 0);
      this.anomalous = fitIndex(this.anomalous, i, 0);
      this.requests[i] = 0;
      this.errors[i] = 0;
    }
    this.positions.reset(targets);
    this.members.length = 0;
    for (const t of targets) this.members.push(t);
    this.healthyMode = mode === 'healthy';
  }

  requestEnded(target: Target, failed: boolean): void {
    if (this.clock.now >= this.windowEnd) this.advance();
    const i = target.index;
    if (this.positions.ofIndex(i) < 0) return;
    this.requests[i]++;
    if (failed) this.errors[i]++;
  }

  /** The "Anomaly detection result" AWS shows for the target: Anomalous (true) or Normal. */
  isAnomalous(target: Target): boolean {
    this.advance();
    return target.index < this.anomalous.length && this.anomalous[target.index] === 1;
  }

  /** When the current window closes. */
  get nextWindowEnd(): number {
    return this.windowEnd;
  }

  /**
   * Closes the window if its end has passed. Windows after it that ended too had no request (a
   * request end would have closed them): they change nothing, so they are skipped in one step.
   */
  advance(): void {
    const now = this.clock.now;
    if (now < this.windowEnd) return;
    this.closeWindow();
    const w = this.options.windowSeconds;
    this.windowEnd += w * (Math.floor((now - this.windowEnd) / w) + 1);
  }

  private closeWindow(): void {
    const { members, requests, errors, anomalous, listener } = this;
    const o = this.options;
    // Indexed loops: this runs on the clock, once per window.
    if (!this.healthyMode || members.length < o.minimumHealthyTargets) {
      for (let k = 0; k < members.length; k++) {
        const t = members[k];
        requests[t.index] = 0;
        errors[t.index] = 0;
        anomalous[t.index] = 0;
        if (listener !== null) listener.verdict(t, false);
      }
      return;
    }
    let allRequests = 0;
    let allErrors = 0;
    for (let k = 0; k < members.length; k++) {
      allRequests += requests[members[k].index];
      allErrors += errors[members[k].index];
    }
    const threshold = -Math.log(o.significance);
    for (let k = 0; k < members.length; k++) {
      const t = members[k];
      const i = t.index;
      const n = requests[i];
      if (n < o.minimumRequests) continue;
      const e = errors[i];
      const peerRate = (allErrors - e + 1) / (allRequests - n + 2);
      const rate = e / n;
      const flagged = rate > o.peerRatio * peerRate && n * bernoulliDivergence(rate, peerRate) >= threshold;
      anomalous[i] = flagged ? 1 : 0;
      requests[i] = 0;
      errors[i] = 0;
      if (listener !== null) listener.verdict(t, flagged);
    }
  }
}

/** KL(Bernoulli(r) || Bernoulli(p)), 0 < p < 1: by Chernoff, P(rate >= r) <= exp(-n KL) for r > p. */
function bernoulliDivergence(r: number, p: number): number {
  const yes = r > 0 ? r * Math.log(r / p) : 0;
  const no = r < 1 ? (1 - r) * Math.log((1 - r) / (1 - p)) : 0;
  return yes + no;
}
