import type { Simulator } from '../../engine/index.ts';
import type { Outcomes } from '../requests/outcomes.ts';
import type { RequestTable } from '../requests/request-table.ts';
import { DEFAULT_CONNECT_TIMEOUT } from '../elb/connect-timeout.ts';
import { Instance, type InstanceSpec, type ServingContext } from './instance.ts';

/**
 * Every instance of a run, by index, and the events that end a request on one of them
 * (completion, timeout). Instances are never removed, so an index stays valid for the run.
 */
export class InstancePool {
  readonly instances: Instance[] = [];
  /** Called when a draining instance has served its last request. */
  onDrained: (instance: Instance) => void = () => {};
  private readonly context: ServingContext;

  constructor(
    sim: Simulator,
    requests: RequestTable,
    outcomes: Outcomes,
    requestTimeout: number,
    timeoutCause: number,
    connectTimeout = DEFAULT_CONNECT_TIMEOUT,
  ) {
    this.context = {
      sim,
      requests,
      outcomes,
      requestTimeout,
      timeoutCause,
      connectTimeout,
      completeKind: sim.register((id) => this.instances[requests.instance[id]].completeRequest(id)),
      timeoutKind: sim.register((id) => this.instances[requests.instance[id]].timeoutRequest(id)),
      connectFailedKind: sim.register((id) => this.instances[requests.instance[id]].connectFailed(id)),
      drained: (instance) => this.onDrained(instance),
    };
  }

  create(spec: InstanceSpec): Instance {
    const instance = new Instance(this.instances.length, spec, this.context);
    this.instances.push(instance);
    return instance;
  }

  /** Busy worker-seconds of all instances since the start of the run. */
  busySeconds(now: number): number {
    let s = 0;
    for (const inst of this.instances) s += inst.busySeconds(now);
    return s;
  }
}
