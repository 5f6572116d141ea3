import type { Sampler, Simulator } from '../../engine/index.ts';
import type { Outcomes } from '../requests/outcomes.ts';
import type { RequestTable } from '../requests/request-table.ts';
import type { ArrivalProcess } from './arrivals/arrival-process.ts';

/** Where arriving requests go (a load balancer). */
export interface RequestSink {
  route(requestId: number): void;
}

/** Turns an arrival process and a service-time distribution into requests handed to a sink. */
export class Workload {

  constructor(
    private readonly sim: Simulator,
    private readonly arrivals: ArrivalProcess,
    private readonly serviceTime: Sampler,
    private readonly requests: RequestTable,
    private readonly outcomes: Outcomes,
    private readonly sink: RequestSink,
  ) {
    sim.setSource(this);
  }

  start(): void {
    this.scheduleNext(0);
  }

  /** An arrival: called by the simulator at the time set with setSourceTime. */
  fire(): void {
    const now = this.sim.now;
    const service = this.serviceTime();
    const id = this.requests.alloc(now, service);
    this.outcomes.arrival(service);
    this.sink.route(id);
    this.scheduleNext(now);
  }

  private scheduleNext(now: number): void {
    const t = this.arrivals.next(now);
    if (t !== Infinity) this.sim.setSourceTime(t);
  }
}
