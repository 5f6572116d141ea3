import type { Simulator } from '../../engine/index.ts';
import type { BillingMeter } from '../cost/billing-meter.ts';
import type { Outcomes } from '../requests/outcomes.ts';
import type { RequestTable } from '../requests/request-table.ts';
import { Instance, type ServingContext } from './instance.ts';

export interface FixedFleetSpec {
  readonly instanceType: string;
  readonly instances: number;
  readonly workers: number;
  readonly queueLimit: number;
  readonly requestTimeout: number;
  /** Instances are spread over these in turn. */
  readonly availabilityZones: readonly string[];
}

/**
 * A fixed number of instances of one type, all InService from time 0 to the end of the run.
 * Owns the events that end a request on an instance (completion, timeout).
 */
export class FixedFleet {
  readonly instances: Instance[] = [];
  private readonly context: ServingContext;

  constructor(
    private readonly sim: Simulator,
    requests: RequestTable,
    outcomes: Outcomes,
    billing: BillingMeter,
    spec: FixedFleetSpec,
  ) {
    this.context = {
      sim,
      requests,
      outcomes,
      requestTimeout: spec.requestTimeout,
      completeKind: sim.register((id) => this.instances[requests.instance[id]].completeRequest(id)),
      timeoutKind: sim.register((id) => this.instances[requests.instance[id]].timeoutRequest(id)),
      queueTimeoutKind: sim.register((index) => this.instances[index].expireQueued()),
    };
    for (let i = 0; i < spec.instances; i++) {
      const az = spec.availabilityZones[i % spec.availabilityZones.length];
      this.instances.push(
        new Instance(
          i,
          { instanceType: spec.instanceType, availabilityZone: az, workers: spec.workers, queueLimit: spec.queueLimit },
          this.context,
        ),
      );
      billing.start(spec.instanceType, sim.now);
    }
  }

  /** Instances serving traffic now. */
  get inService(): number {
    return this.instances.length;
  }

  /** Worker slots across the instances in service. */
  get slots(): number {
    let n = 0;
    for (const inst of this.instances) n += inst.workers;
    return n;
  }

  /** Busy slot-seconds across the fleet since the start. */
  busySeconds(now: number): number {
    let s = 0;
    for (const inst of this.instances) s += inst.busySeconds(now);
    return s;
  }
}
