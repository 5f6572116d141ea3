import type { Simulator } from '../../engine/index.ts';
import type { Outcomes } from '../requests/outcomes.ts';
import type { RequestTable } from '../requests/request-table.ts';
import { DEFAULT_CONNECT_TIMEOUT } from '../elb/connect-timeout.ts';
import { Server, type DrainListener, type ServerSpec, type ServingContext } from './server.ts';

/** What targets.csv reports of a server: kept as a small record once the server is gone. */
export interface ServerTally {
  readonly id: string;
  readonly availabilityZone: string;
  readonly instanceType: string;
  readonly completed: number;
  readonly latencySum: number;
  readonly failedByCause: Float64Array;
  readonly outstanding: number;
}

/**
 * The servers of a run, by index, and the events that end a request on one of them (completion,
 * timeout, failed connect). Indices are never reused: routing state (sticky sessions, anomaly
 * detection) is kept per target index. A retired server leaves only its tally for targets.csv
 * and its busy worker-seconds in a running total, so what the registry walks each period is the
 * servers alive.
 */
export class ServerRegistry {
  /** Servers by index; undefined once retired. */
  private readonly servers: (Server | undefined)[] = [];
  /** Live servers, densely, for the periodic sums; each one's place is in `position`. */
  private readonly live: Server[] = [];
  private position = new Int32Array(64);
  /** Every server's tally in launch order: the live server itself, or the record it left. */
  private readonly tallies: ServerTally[] = [];
  /** Retired servers that a connect attempt still waits on. */
  private readonly retiring = new Set<Server>();
  /** Busy worker-seconds of the retired servers. */
  private retiredBusy = 0;
  private readonly context: ServingContext;

  constructor(
    sim: Simulator,
    requests: RequestTable,
    outcomes: Outcomes,
    requestTimeout: number,
    timeoutCause: number,
    meanServiceTime: number,
    connectTimeout = DEFAULT_CONNECT_TIMEOUT,
  ) {
    const servers = this.servers;
    this.context = {
      sim,
      requests,
      outcomes,
      requestTimeout,
      timeoutCause,
      connectTimeout,
      meanServiceTime,
      completeKind: sim.register((id) => servers[requests.server[id]]!.completeRequest(id)),
      timeoutKind: sim.register((id) => servers[requests.server[id]]!.timeoutRequest(id)),
      connectFailedKind: sim.register((id) => this.connectFailed(servers[requests.server[id]]!, id)),
    };
  }

  /** A new server; `drained` is told whenever it is draining and has served its last request. */
  create(spec: ServerSpec, drained: DrainListener): Server {
    const server = new Server(this.servers.length, spec, this.context, drained);
    this.servers.push(server);
    this.tallies.push(server);
    if (this.position.length <= server.index) {
      const grown = new Int32Array(2 * this.position.length);
      grown.set(this.position);
      this.position = grown;
    }
    this.position[server.index] = this.live.length;
    this.live.push(server);
    return server;
  }

  /** Servers alive now. */
  get size(): number {
    return this.live.length;
  }

  /**
   * The server is gone (its instance terminated, every request on it ended). A connect attempt
   * still waiting on it keeps it until the attempt fails.
   */
  retire(server: Server): void {
    server.draining = false;
    if (server.connecting === 0) this.drop(server);
    else this.retiring.add(server);
  }

  /** Busy worker-seconds of every server of the run, from its start until `now`. */
  busySeconds(now: number): number {
    let s = this.retiredBusy;
    for (const server of this.live) s += server.busySeconds(now);
    return s;
  }

  /** Every server of the run in launch order, as targets.csv reports them. */
  tallyList(): readonly ServerTally[] {
    return this.tallies;
  }

  private connectFailed(server: Server, id: number): void {
    server.connectFailed(id);
    if (server.connecting === 0 && this.retiring.delete(server)) this.drop(server);
  }

  private drop(server: Server): void {
    const index = server.index;
    this.retiredBusy += server.busySeconds(this.context.sim.now);
    this.servers[index] = undefined;
    this.tallies[index] = {
      id: server.id,
      availabilityZone: server.availabilityZone,
      instanceType: server.instanceType,
      completed: server.completed,
      latencySum: server.latencySum,
      failedByCause: server.failedByCause,
      outstanding: server.outstanding,
    };
    const at = this.position[index];
    const last = this.live.pop()!;
    if (last !== server) {
      this.live[at] = last;
      this.position[last.index] = at;
    }
  }
}
