import { INSTANCE_TYPES } from '../compute/instance-types.ts';

/**
 * EC2 per-second billing with a 60-second minimum (aws-semantics.md section 12): a meter runs
 * from start until stop, and bills at least 60 s once it has stopped; one still running when the
 * run ends is billed for the time it ran. The group starts an instance's meter at launch, some
 * seconds before EC2 would (docs/fidelity.md).
 */
const BILLING_MINIMUM_SECONDS = 60;

interface Meter {
  readonly instanceType: string;
  readonly usdPerSecond: number;
  readonly from: number;
  to: number;
}

export interface CostBreakdown {
  readonly total: number;
  readonly byInstanceType: Record<string, number>;
  /** Billed instance-seconds per type (minimums included). */
  readonly secondsByInstanceType: Record<string, number>;
}

export class BillingMeter {
  private readonly meters: Meter[] = [];

  /** Starts billing a running instance at its On-Demand price; returns the meter to stop later. */
  start(instanceType: string, now: number): number {
    const info = INSTANCE_TYPES[instanceType];
    if (!info) throw new Error(`no price for instance type ${instanceType}`);
    return this.startAt(instanceType, info.onDemandUsdPerHour, now);
  }

  /** Starts billing `item` (reported under that name) at a given hourly rate. */
  startAt(item: string, usdPerHour: number, now: number): number {
    this.meters.push({ instanceType: item, usdPerSecond: usdPerHour / 3600, from: now, to: Infinity });
    return this.meters.length - 1;
  }

  stop(meter: number, now: number): void {
    this.meters[meter].to = now;
  }

  /** Cost of everything billed up to `now`. */
  costAt(now: number): CostBreakdown {
    const byInstanceType: Record<string, number> = {};
    const secondsByInstanceType: Record<string, number> = {};
    let total = 0;
    for (const m of this.meters) {
      const billed = billedSeconds(m, now);
      if (billed < 0) continue;
      const usd = billed * m.usdPerSecond;
      byInstanceType[m.instanceType] = (byInstanceType[m.instanceType] ?? 0) + usd;
      secondsByInstanceType[m.instanceType] = (secondsByInstanceType[m.instanceType] ?? 0) + billed;
      total += usd;
    }
    return { total, byInstanceType, secondsByInstanceType };
  }

  /** costAt(now).total without the breakdown, for the time series' cumulative cost. */
  totalAt(now: number): number {
    let total = 0;
    for (const m of this.meters) {
      const billed = billedSeconds(m, now);
      if (billed >= 0) total += billed * m.usdPerSecond;
    }
    return total;
  }
}

/** Seconds billed up to `now`; negative for a meter that had not started. */
function billedSeconds(m: Meter, now: number): number {
  const ran = Math.min(m.to, now) - m.from;
  if (ran < 0) return ran;
  return m.to <= now ? Math.max(ran, BILLING_MINIMUM_SECONDS) : ran;
}
