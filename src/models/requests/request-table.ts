import { grown } from '../../engine/typed-arrays.ts';

/**
 * Where a request is in its life; a slot is FREE once the request has left the system. A const
 * enum, so that its values are written in place: an object's would be loaded and checked on every
 * request.
 */
const enum RequestState {
  FREE,
  QUEUED,
  IN_SERVICE,
}

/**
 * Every request in the system, as parallel typed arrays indexed by request id. Ids are recycled
 * when a request leaves, so memory follows the number in flight, not the number served.
 * The arrays may be replaced when the table grows: read them through the table, never keep one.
 */
export class RequestTable {
  arrival: Float64Array;
  /** Service demand in seconds of one vCPU. */
  service: Float64Array;
  /** When service began (valid from IN_SERVICE on). */
  start: Float64Array;
  /** The pending completion or timeout event of a request in service (an engine handle). */
  event: Float64Array;
  /** Index of the server holding the request (set when a server takes it). */
  server: Int32Array;
  state: Uint8Array;
  /** The request's class (workload.classes), which the listener's rules route by; 0 with one class. */
  requestClass: Uint8Array;
  private freeIds: Int32Array;
  private freeCount = 0;
  private used = 0;

  constructor(initialCapacity = 1024) {
    this.arrival = new Float64Array(initialCapacity);
    this.service = new Float64Array(initialCapacity);
    this.start = new Float64Array(initialCapacity);
    this.event = new Float64Array(initialCapacity);
    this.server = new Int32Array(initialCapacity);
    this.state = new Uint8Array(initialCapacity);
    this.requestClass = new Uint8Array(initialCapacity);
    this.freeIds = new Int32Array(initialCapacity);
  }

  /** Requests still waiting or in service, counted from their states. */
  countInFlight(): number {
    let n = 0;
    for (let i = 0; i < this.used; i++) {
      const s = this.state[i];
      if (s === RequestState.QUEUED || s === RequestState.IN_SERVICE) n++;
    }
    return n;
  }

  /** Ids of the requests in service on one server. */
  inServiceAt(server: number): number[] {
    const ids: number[] = [];
    for (let i = 0; i < this.used; i++) {
      if (this.state[i] === RequestState.IN_SERVICE && this.server[i] === server) ids.push(i);
    }
    return ids;
  }

  alloc(arrival: number, service: number): number {
    const id = this.freeCount > 0 ? this.freeIds[--this.freeCount] : this.newId();
    this.arrival[id] = arrival;
    this.service[id] = service;
    this.state[id] = RequestState.QUEUED;
    return id;
  }

  /** The request starts service at `now`. */
  startService(id: number, now: number): void {
    this.state[id] = RequestState.IN_SERVICE;
    this.start[id] = now;
  }

  release(id: number): void {
    this.state[id] = RequestState.FREE;
    this.freeIds[this.freeCount++] = id;
  }

  private newId(): number {
    if (this.used === this.arrival.length) this.grow(this.arrival.length * 2);
    return this.used++;
  }

  private grow(cap: number): void {
    this.arrival = grown(this.arrival, cap);
    this.service = grown(this.service, cap);
    this.start = grown(this.start, cap);
    this.event = grown(this.event, cap);
    this.server = grown(this.server, cap);
    this.state = grown(this.state, cap);
    this.requestClass = grown(this.requestClass, cap);
    this.freeIds = grown(this.freeIds, cap);
  }
}
