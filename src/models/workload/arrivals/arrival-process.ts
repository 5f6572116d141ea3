/** A source of request arrival times. */
export interface ArrivalProcess {
  /** Absolute simulated time of the next arrival (not before `now`), or Infinity when there are no more. */
  next(now: number): number;
}
