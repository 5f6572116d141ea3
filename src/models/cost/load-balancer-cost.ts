import type { Server } from '../compute/server.ts';
import type { Simulator } from '../../engine/index.ts';
import type { LoadBalancer } from '../elb/load-balancer.ts';
import type { Outcomes } from '../requests/outcomes.ts';

/** us-east-1 prices (aws-semantics.md section 7.8): per load-balancer hour (or partial hour) and per (N)LCU-hour. */
export const LOAD_BALANCER_PRICES = {
  alb: { usdPerHour: 0.0225, usdPerLcuHour: 0.008 },
  nlb: { usdPerHour: 0.0225, usdPerLcuHour: 0.006 },
} as const;

/**
 * What one LCU (ALB) or NLCU (NLB, TCP) covers (section 7.8). Rule evaluations are not modelled:
 * a target group with fewer than 10 rules evaluates none that are billed.
 */
const CAPACITY_UNIT = {
  alb: { newConnectionsPerSecond: 25, activeConnections: 3000, gbPerHour: 1 },
  nlb: { newConnectionsPerSecond: 800, activeConnections: 100_000, gbPerHour: 1 },
} as const;

export interface LoadBalancerCost {
  readonly usd: number;
  readonly hours: number;
  readonly capacityUnitHours: number;
}

/**
 * Bills the load balancer: whole hours, and each hour's capacity units, the largest of its
 * dimensions: new connections per second (requests over requests per connection), active
 * connections (requests in flight on average, by Little's law: their time in the system over the
 * hour) and processed bytes (requests times bytes per request). A partial last hour is billed in
 * proportion for capacity units and as a whole hour for the load balancer.
 */
export class LoadBalancerCostMeter {
  private capacityUnitHours = 0;
  private lastTime = 0;
  private lastRequests = 0;
  private lastTimeInSystem = 0;
  private readonly kind: number;

  constructor(
    private readonly sim: Simulator,
    private readonly lb: LoadBalancer<Server>,
    private readonly outcomes: Outcomes,
    private readonly type: 'alb' | 'nlb',
    private readonly requestsPerConnection: number,
    private readonly bytesPerRequest: number,
  ) {
    this.kind = sim.register(() => {
      this.close(this.sim.now);
      this.sim.schedule(this.sim.now + 3600, this.kind);
    });
  }

  start(): void {
    this.sim.schedule(3600, this.kind);
  }

  /** Cost up to `end` (the end of the run). */
  finish(end: number): LoadBalancerCost {
    if (end > this.lastTime) this.close(end);
    const hours = billedHours(end);
    const prices = LOAD_BALANCER_PRICES[this.type];
    return {
      usd: hours * prices.usdPerHour + this.capacityUnitHours * prices.usdPerLcuHour,
      hours,
      capacityUnitHours: this.capacityUnitHours,
    };
  }

  /**
   * What finish(now) would bill, without closing the hour: closing early would change its
   * capacity units, the largest of per-hour averages.
   */
  usdAt(now: number): number {
    const prices = LOAD_BALANCER_PRICES[this.type];
    const unitHours = this.capacityUnitHours + this.openCapacityUnitHours(now);
    return billedHours(now) * prices.usdPerHour + unitHours * prices.usdPerLcuHour;
  }

  private close(now: number): void {
    if (now - this.lastTime <= 0) return;
    this.capacityUnitHours += this.openCapacityUnitHours(now);
    this.lastTime = now;
    this.lastRequests = this.lb.routedTotal;
    this.lastTimeInSystem = this.outcomes.timeInSystem;
  }

  /** Capacity-unit-hours of the hour open since the last close, up to `now`. */
  private openCapacityUnitHours(now: number): number {
    const width = now - this.lastTime;
    if (width <= 0) return 0;
    const requests = this.lb.routedTotal - this.lastRequests;
    const timeInSystem = this.outcomes.timeInSystem - this.lastTimeInSystem;
    const unit = CAPACITY_UNIT[this.type];
    const newConnections = requests / this.requestsPerConnection / width;
    const active = timeInSystem / width;
    const gbPerHour = ((requests * this.bytesPerRequest) / 1e9) * (3600 / width);
    const units = Math.max(newConnections / unit.newConnectionsPerSecond, active / unit.activeConnections, gbPerHour / unit.gbPerHour);
    return units * (width / 3600);
  }
}

/** Load-balancer hours billed up to `now`: a partial hour counts whole. */
function billedHours(now: number): number {
  return Math.ceil(now / 3600 - 1e-9);
}
