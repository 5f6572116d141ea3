import seedrandom from 'seedrandom';

/**
 * The reference point for fleetsim's end-to-end speed: an M/M/c queue written as one hand-made
 * loop over a binary heap of completion times in a Float64Array, with the next arrival kept
 * aside. No engine, no models, no statistics: as fast as this simulation gets in JavaScript.
 * Returns events (arrivals + completions) per second.
 */
export function bareMmcLoop(requests: number, c: number, lambda: number, mu: number): number {
  const heap = new Float64Array(c + 1);
  let size = 0;
  const arrivals = seedrandom.xor4096('bare:arrivals');
  const services = seedrandom.xor4096('bare:services');
  let busy = 0;
  let queued = 0;
  let events = 0;
  let arrived = 0;
  let nextArrival = -Math.log(1 - arrivals()) / lambda;
  const push = (t: number) => {
    let i = size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (heap[p] <= t) break;
      heap[i] = heap[p];
      i = p;
    }
    heap[i] = t;
  };
  const pop = () => {
    const top = heap[0];
    const t = heap[--size];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && heap[child + 1] < heap[child]) child++;
      if (t <= heap[child]) break;
      heap[i] = heap[child];
      i = child;
    }
    heap[i] = t;
    return top;
  };
  const start = performance.now();
  while (arrived < requests) {
    events++;
    if (size > 0 && heap[0] < nextArrival) {
      const now = pop();
      if (queued > 0) {
        queued--;
        push(now - Math.log(1 - services()) / mu);
      } else busy--;
    } else {
      const now = nextArrival;
      arrived++;
      if (busy < c) {
        busy++;
        push(now - Math.log(1 - services()) / mu);
      } else queued++;
      nextArrival = now - Math.log(1 - arrivals()) / lambda;
    }
  }
  return events / ((performance.now() - start) / 1000);
}
