import { Cause, type Outcomes } from '../requests/outcomes.ts';
import type { RequestTable } from '../requests/request-table.ts';
import type { RoutingAlgorithm } from './routing/routing-algorithm.ts';
import type { Target } from './target.ts';

/** Spreads requests over its registered targets with one routing algorithm. */
export class LoadBalancer {
  private readonly targets: Target[] = [];
  /** Requests routed since the counter was last read (CloudWatch RequestCount). */
  routedSinceRead = 0;

  constructor(
    readonly name: string,
    private readonly algorithm: RoutingAlgorithm,
    private readonly requests: RequestTable,
    private readonly outcomes: Outcomes,
  ) {}

  register(target: Target): void {
    this.targets.push(target);
  }

  /** Stops sending new requests to a target; requests it already has are its own business. */
  deregister(target: Target): void {
    const i = this.targets.indexOf(target);
    if (i >= 0) this.targets.splice(i, 1);
  }

  get targetCount(): number {
    return this.targets.length;
  }

  /** Reads and resets the routed-requests counter. */
  takeRequestCount(): number {
    const n = this.routedSinceRead;
    this.routedSinceRead = 0;
    return n;
  }

  route(requestId: number): void {
    const targets = this.targets;
    if (targets.length === 0) {
      this.outcomes.fail(Cause.http_503);
      this.requests.release(requestId);
      return;
    }
    this.routedSinceRead++;
    targets[this.algorithm.pick(targets)].accept(requestId);
  }
}
