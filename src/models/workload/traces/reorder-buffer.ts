/** A request waiting in the reorder buffer. */
interface Pending {
  readonly time: number;
  readonly service: number;
  readonly line: number;
}

/**
 * Puts log lines back in arrival order when they are out of order by at most a window: a min-heap
 * on (time, line), so requests with equal times keep their order in the file. Holds only the
 * requests of the last `window` seconds.
 */
export class ReorderBuffer {
  private readonly heap: Pending[] = [];

  get size(): number {
    return this.heap.length;
  }

  /** Earliest time held; Infinity when empty. */
  get minTime(): number {
    return this.heap.length > 0 ? this.heap[0].time : Infinity;
  }

  push(time: number, service: number, line: number): void {
    const heap = this.heap;
    const item: Pending = { time, service, line };
    let i = heap.length;
    heap.push(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(item, heap[parent])) break;
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = item;
  }

  /** Removes and returns the earliest request; the buffer must not be empty. */
  pop(): Pending {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= heap.length) break;
        const c = l + 1 < heap.length && before(heap[l + 1], heap[l]) ? l + 1 : l;
        if (!before(heap[c], last)) break;
        heap[i] = heap[c];
        i = c;
      }
      heap[i] = last;
    }
    return top;
  }
}

function before(a: Pending, b: Pending): boolean {
  return a.time < b.time || (a.time === b.time && a.line < b.line);
}
