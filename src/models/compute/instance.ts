import type { Simulator } from '../../engine/index.ts';
import { RequestState, type RequestTable } from '../requests/request-table.ts';
import { Cause, type Outcomes } from '../requests/outcomes.ts';

/** What every instance of a run shares: the engine, the request table and where outcomes go. */
export interface ServingContext {
  readonly sim: Simulator;
  readonly requests: RequestTable;
  readonly outcomes: Outcomes;
  /** Seconds from arrival until a request fails with `timeout`; Infinity for none. */
  readonly requestTimeout: number;
  /** Event kind whose handler calls completeRequest on the holding instance. */
  completeKind: number;
  /** Event kind whose handler calls timeoutRequest on the holding instance. */
  timeoutKind: number;
}

export interface InstanceSpec {
  readonly instanceType: string;
  readonly availabilityZone: string;
  /** Requests served at once. */
  readonly workers: number;
  /** Most requests waiting in the queue; Infinity for no limit. */
  readonly queueLimit: number;
}

/**
 * One EC2 instance serving requests: `workers` slots, each holding one request for its service time,
 * and a FIFO queue in front of them. Utilisation is integrated exactly (busy slot-seconds).
 */
export class Instance {
  readonly instanceType: string;
  readonly availabilityZone: string;
  readonly workers: number;
  readonly queueLimit: number;
  /** Requests in service. */
  busy = 0;
  /** Requests waiting (abandoned ones excluded). */
  queued = 0;
  private ring = new Int32Array(64);
  private head = 0;
  /** Ring entries, abandoned ones included. */
  private ringSize = 0;
  private busyArea = 0;
  private lastChange = 0;

  constructor(
    readonly index: number,
    spec: InstanceSpec,
    private readonly ctx: ServingContext,
  ) {
    this.instanceType = spec.instanceType;
    this.availabilityZone = spec.availabilityZone;
    this.workers = spec.workers;
    this.queueLimit = spec.queueLimit;
  }

  /** Requests on this instance, queued or in service: what least-outstanding-requests routing counts. */
  get outstanding(): number {
    return this.busy + this.queued;
  }

  /** Busy slot-seconds from the start of the run until `now`. */
  busySeconds(now: number): number {
    return this.busyArea + this.busy * (now - this.lastChange);
  }

  /** Takes a routed request: serve it now, queue it, or reject it when the queue is full. */
  accept(id: number): void {
    const ctx = this.ctx;
    const requests = ctx.requests;
    requests.instance[id] = this.index;
    if (this.busy < this.workers) {
      this.startService(id);
      return;
    }
    if (this.queued >= this.queueLimit) {
      ctx.outcomes.fail(Cause.rejected);
      requests.release(id);
      return;
    }
    requests.state[id] = RequestState.QUEUED;
    if (ctx.requestTimeout !== Infinity) {
      requests.timer[id] = ctx.sim.schedule(requests.arrival[id] + ctx.requestTimeout, ctx.timeoutKind, id);
    }
    this.enqueue(id);
  }

  /** The request's service ended. */
  completeRequest(id: number): void {
    const ctx = this.ctx;
    const requests = ctx.requests;
    ctx.outcomes.complete(requests.arrival[id], requests.start[id], ctx.sim.now);
    requests.release(id);
    this.slotFreed();
  }

  /** The request's timeout fired, queued or in service. */
  timeoutRequest(id: number): void {
    const ctx = this.ctx;
    const requests = ctx.requests;
    ctx.outcomes.fail(Cause.timeout);
    if (requests.state[id] === RequestState.IN_SERVICE) {
      requests.release(id);
      this.slotFreed();
    } else {
      // Left in the ring and skipped (and released) when it reaches the head.
      requests.state[id] = RequestState.ABANDONED;
      this.queued--;
    }
  }

  private startService(id: number): void {
    const ctx = this.ctx;
    const requests = ctx.requests;
    const sim = ctx.sim;
    const now = sim.now;
    this.busyArea += this.busy * (now - this.lastChange);
    this.lastChange = now;
    this.busy++;
    requests.state[id] = RequestState.IN_SERVICE;
    requests.start[id] = now;
    const done = now + requests.service[id];
    const deadline = requests.arrival[id] + ctx.requestTimeout;
    requests.timer[id] =
      done <= deadline ? sim.schedule(done, ctx.completeKind, id) : sim.schedule(deadline, ctx.timeoutKind, id);
  }

  private slotFreed(): void {
    const now = this.ctx.sim.now;
    this.busyArea += this.busy * (now - this.lastChange);
    this.lastChange = now;
    this.busy--;
    const next = this.dequeue();
    if (next >= 0) {
      const requests = this.ctx.requests;
      if (requests.timer[next] >= 0) this.ctx.sim.cancel(requests.timer[next]);
      this.startService(next);
    }
  }

  private enqueue(id: number): void {
    if (this.ringSize === this.ring.length) this.growRing();
    this.ring[(this.head + this.ringSize) & (this.ring.length - 1)] = id;
    this.ringSize++;
    this.queued++;
  }

  /** Next live request from the queue, or -1; releases abandoned ones on the way. */
  private dequeue(): number {
    const requests = this.ctx.requests;
    const mask = this.ring.length - 1;
    while (this.ringSize > 0) {
      const id = this.ring[this.head];
      this.head = (this.head + 1) & mask;
      this.ringSize--;
      if (requests.state[id] === RequestState.ABANDONED) {
        requests.release(id);
        continue;
      }
      this.queued--;
      return id;
    }
    return -1;
  }

  private growRing(): void {
    const grown = new Int32Array(this.ring.length * 2);
    for (let i = 0; i < this.ringSize; i++) grown[i] = this.ring[(this.head + i) & (this.ring.length - 1)];
    this.ring = grown;
    this.head = 0;
  }
}
