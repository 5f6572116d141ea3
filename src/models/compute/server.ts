import type { Simulator } from '../../engine/index.ts';
import type { RequestTable } from '../requests/request-table.ts';
import type { LoadBalancedTarget, TargetListener } from '../elb/target.ts';
import { Cause, FAILURE_CAUSES, type Outcomes } from '../requests/outcomes.ts';

/** How a server crashes: its process (connections refused) or its host (unreachable). */
export type CrashKind = 'process' | 'host';

/** What every server of a run shares: the engine, the request table and where outcomes go. */
export interface ServingContext {
  readonly sim: Simulator;
  readonly requests: RequestTable;
  readonly outcomes: Outcomes;
  /**
   * Seconds from arrival until a request fails; Infinity for none. The client's request_timeout
   * or the load balancer's idle timeout, whichever is shorter.
   */
  readonly requestTimeout: number;
  /** The cause a request gets at that deadline: `timeout`, or `http_504` for the idle timeout. */
  readonly timeoutCause: number;
  /** Seconds the load balancer tries to connect to an unreachable server before answering 504. */
  readonly connectTimeout: number;
  /** Mean service time of a request, seconds: how long a health check waits behind a busy server's queue. */
  readonly meanServiceTime: number;
  /** Event kind whose handler calls completeRequest on the holding server. */
  completeKind: number;
  /** Event kind whose handler calls timeoutRequest on the holding server. */
  timeoutKind: number;
  /** Event kind whose handler calls connectFailed on the server a request could not reach. */
  connectFailedKind: number;
}

/** A health-check request's own work on an idle server, seconds: a trivial page ([INFERRED]). */
const HEALTH_CHECK_WORK = 0.002;

export interface ServerSpec {
  /** Shown in activity records and targets.csv: the id of the instance it runs on. */
  readonly id: string;
  readonly instanceType: string;
  readonly vcpus: number;
  readonly availabilityZone: string;
  /** Requests served at once. */
  readonly workers: number;
  /** Most requests waiting in the queue; Infinity for no limit. */
  readonly queueLimit: number;
}

/** Told when a draining server has no request left. */
export type DrainListener = (server: Server) => void;

/**
 * The serving process of an instance: `workers` slots, each holding one request for its service
 * time, and a FIFO queue in front of them. Utilisation is integrated exactly (busy slot-seconds).
 */
export class Server implements LoadBalancedTarget {
  readonly id: string;
  readonly instanceType: string;
  readonly vcpus: number;
  readonly availabilityZone: string;
  readonly workers: number;
  readonly queueLimit: number;
  /** Requests in service. */
  busy = 0;
  /** Requests waiting. */
  queued = 0;
  private ring = new Int32Array(64);
  private head = 0;
  /** Takes no new requests and reports when its last one has left (its DrainListener). */
  draining = false;
  /** Down (crashed, or cut off with its AZ): refuses connections, fails health checks. */
  down = false;
  /** Down and unreachable (its host is gone): connection attempts and health checks time out. */
  unreachable = false;
  /** Service times are multiplied by this (a slow server: noisy neighbour, thermal throttling). */
  slowdown = 1;
  /** Hung: takes requests and never answers (a deadlock, a stuck thread pool); they fail at their deadline. */
  hung = false;
  listener: TargetListener | null = null;
  /** Requests it answered, and the sum of their response times (arrival to completion), seconds. */
  completed = 0;
  latencySum = 0;
  /** Requests that failed on it, by cause index (FAILURE_CAUSES). */
  readonly failedByCause = new Float64Array(FAILURE_CAUSES.length);
  // Busy slot-seconds integrated here rather than in a StepIntegral: the extra object and call on
  // every start and end of service cost instructions on the per-request path (callgrind, M/M/10).
  private busyArea = 0;
  private lastChange = 0;
  /** Requests waiting out a connect attempt to it while it is unreachable (notReached). */
  connecting = 0;

  constructor(
    readonly index: number,
    spec: ServerSpec,
    private readonly ctx: ServingContext,
    private readonly drained: DrainListener,
  ) {
    this.id = spec.id;
    this.instanceType = spec.instanceType;
    this.vcpus = spec.vcpus;
    this.availabilityZone = spec.availabilityZone;
    this.workers = spec.workers;
    this.queueLimit = spec.queueLimit;
  }

  /** Requests on this server, queued or in service: what least-outstanding-requests routing counts. */
  get outstanding(): number {
    return this.busy + this.queued;
  }

  /** Busy slot-seconds from the start of the run until `now`. */
  busySeconds(now: number): number {
    return this.busyArea + this.busy * (now - this.lastChange);
  }

  /** Takes a routed request: serve it now, queue it, or reject it when the queue is full. */
  accept(id: number): void {
    const requests = this.ctx.requests;
    requests.server[id] = this.index;
    if (this.down) return this.notReached(id);
    if (this.busy < this.workers) {
      this.startService(id);
    } else if (this.queued >= this.queueLimit) {
      return this.refuse(id, Cause.rejected);
    } else {
      // No timer while queued: every request has the same deadline and the queue is FIFO, so the
      // requests in service all have earlier deadlines and by the head's deadline a worker is
      // free; a request that starts at its deadline fails at once (startService). It is QUEUED
      // from RequestTable.alloc.
      this.enqueue(id);
    }
    if (this.listener !== null) this.listener.outstandingChanged(this);
  }

  /**
   * A request sent to a down server. A crashed process refuses the connection: the load
   * balancer answers 502 at once (aws-semantics.md section 7.7). An unreachable host does not
   * answer: the load balancer gives up after its connect timeout and answers 504, unless the
   * client's deadline comes first (sections 7.6, 7.7). The request waits outside the queue.
   */
  private notReached(id: number): void {
    if (!this.unreachable) return this.refuse(id, Cause.http_502);
    const ctx = this.ctx;
    const deadline = ctx.requests.arrival[id] + ctx.requestTimeout;
    this.connecting++;
    ctx.requests.event[id] = ctx.sim.schedule(Math.min(ctx.sim.now + ctx.connectTimeout, deadline), ctx.connectFailedKind, id);
  }

  /** The connect attempt of notReached ended: 504, or the deadline's cause if that came first. */
  connectFailed(id: number): void {
    const ctx = this.ctx;
    this.connecting--;
    const expired = ctx.sim.now >= ctx.requests.arrival[id] + ctx.requestTimeout;
    this.refuse(id, expired ? ctx.timeoutCause : Cause.http_504);
  }

  /** Fails a request the server does not take. Out of line, so that accept() stays small enough to inline. */
  private refuse(id: number, cause: number): void {
    this.fail(cause);
    this.ctx.requests.release(id);
    if (this.listener !== null) this.listener.requestEnded(this, true);
  }

  /**
   * The server hangs: what it is serving never finishes, and what it takes from now on neither;
   * each request fails at its deadline (the idle timeout: 504, or the client's timeout).
   */
  hang(): void {
    this.hung = true;
    const ctx = this.ctx;
    const requests = ctx.requests;
    for (const id of requests.inServiceAt(this.index)) {
      ctx.sim.cancel(requests.event[id]);
      const deadline = requests.arrival[id] + ctx.requestTimeout;
      if (deadline !== Infinity) requests.event[id] = ctx.sim.schedule(Math.max(deadline, ctx.sim.now), ctx.timeoutKind, id);
    }
  }

  /**
   * The server crashes. `process`: it loses every request it holds (502) and refuses new
   * connections until it is back. `host`: it becomes unreachable; what it holds gets no answer and
   * fails at its deadline (as in a hang), and connections to it time out (notReached).
   */
  crash(kind: CrashKind): void {
    this.down = true;
    if (kind === 'host') {
      this.unreachable = true;
      this.hang();
      return;
    }
    this.failAll(Cause.http_502);
    if (this.draining) this.drained(this);
  }

  /** A downed server comes back, answering again. */
  recover(): void {
    this.down = false;
    if (this.unreachable) this.hung = false;
    this.unreachable = false;
  }

  /**
   * How it answers a health check started now: after how long (Infinity: never), and whether it
   * passes. A health check is a request like the others: a down server refuses it, a full queue
   * rejects it, and a busy server answers it only when a worker frees up, so an overloaded server
   * can time out its checks (how health checks amplify overload).
   */
  answerHealthCheck(): { seconds: number; passes: boolean } {
    // An unreachable host lets the check time out; a crashed process refuses it at once.
    if (this.unreachable) return { seconds: Infinity, passes: false };
    if (this.down) return { seconds: 0, passes: false };
    if (this.hung) return { seconds: Infinity, passes: false };
    if (this.queued >= this.queueLimit) return { seconds: HEALTH_CHECK_WORK, passes: false };
    const wait = this.busy < this.workers ? 0 : ((this.queued + 1) / this.workers) * this.ctx.meanServiceTime;
    return { seconds: (wait + HEALTH_CHECK_WORK) * this.slowdown, passes: true };
  }

  /**
   * Ends every request on the server with `cause` (it was cut off: crashed, or terminated before
   * its requests finished), so that none is lost.
   */
  failAll(cause: number): void {
    const ctx = this.ctx;
    const requests = ctx.requests;
    const now = ctx.sim.now;
    const mask = this.ring.length - 1;
    while (this.queued > 0) {
      const id = this.ring[this.head];
      this.head = (this.head + 1) & mask;
      this.queued--;
      this.fail(cause);
      requests.release(id);
      this.listener?.requestEnded(this, true);
    }
    if (this.busy > 0) {
      // Rare (a crash, a drain that timed out): finding the requests by scanning is cheaper
      // than keeping a per-server list on the per-request path.
      for (const id of requests.inServiceAt(this.index)) {
        ctx.sim.cancel(requests.event[id]);
        this.fail(cause);
        requests.release(id);
        this.listener?.requestEnded(this, true);
      }
      this.busyArea += this.busy * (now - this.lastChange);
      this.lastChange = now;
      this.busy = 0;
    }
    this.listener?.outstandingChanged(this);
  }

  /** The request's service ended. */
  completeRequest(id: number): void {
    const ctx = this.ctx;
    const requests = ctx.requests;
    ctx.outcomes.complete(requests, id, ctx.sim, this);
    requests.release(id);
    if (this.listener !== null) this.listener.requestEnded(this, false);
    this.slotFreed();
  }

  /** The request's timeout came while it was in service: the work is abandoned. */
  timeoutRequest(id: number): void {
    this.fail(this.ctx.timeoutCause);
    this.ctx.requests.release(id);
    if (this.listener !== null) this.listener.requestEnded(this, true);
    this.slotFreed();
  }

  private fail(cause: number): void {
    this.ctx.outcomes.fail(cause);
    this.failedByCause[cause]++;
  }

  private startService(id: number): void {
    const ctx = this.ctx;
    const requests = ctx.requests;
    const sim = ctx.sim;
    const now = sim.now;
    this.busyArea += this.busy * (now - this.lastChange);
    this.lastChange = now;
    this.busy++;
    requests.startService(id, now);
    const deadline = requests.arrival[id] + ctx.requestTimeout;
    if (this.hung) {
      // It never answers: the request can only fail at its deadline, if it has one.
      requests.event[id] = deadline === Infinity ? -1 : sim.schedule(deadline, ctx.timeoutKind, id);
      return;
    }
    const done = now + requests.service[id] * this.slowdown;
    if (done <= deadline) requests.event[id] = sim.schedule(done, ctx.completeKind, id);
    else requests.event[id] = sim.schedule(deadline, ctx.timeoutKind, id);
  }

  private slotFreed(): void {
    const now = this.ctx.sim.now;
    this.busyArea += this.busy * (now - this.lastChange);
    this.lastChange = now;
    this.busy--;
    if (this.queued > 0) {
      const id = this.ring[this.head];
      this.head = (this.head + 1) & (this.ring.length - 1);
      this.queued--;
      this.startService(id);
    }
    if (this.listener !== null) this.listener.outstandingChanged(this);
    if (this.draining && this.busy === 0) this.drained(this);
  }

  private enqueue(id: number): void {
    if (this.queued === this.ring.length) this.growRing();
    this.ring[(this.head + this.queued) & (this.ring.length - 1)] = id;
    this.queued++;
  }

  private growRing(): void {
    const grown = new Int32Array(this.ring.length * 2);
    for (let i = 0; i < this.queued; i++) grown[i] = this.ring[(this.head + i) & (this.ring.length - 1)];
    this.ring = grown;
    this.head = 0;
  }
}
