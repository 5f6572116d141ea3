/**
 * A binary min-heap of positions 0..n-1 ordered by pass, then by stamp (the order in which their
 * passes were given): equal passes are served first come, first served, which is what makes
 * stride scheduling with equal weights the plain round-robin ring (weighted-round-robin.ts). The
 * owner writes `pass` and `stamp` and then rebuilds; the heap allocates only when the set outgrows it.
 */
export class PassHeap {
  pass = new Float64Array(0);
  stamp = new Float64Array(0);
  /** The last stamp given; stamps are exact integers in a double up to 2^53. */
  lastStamp = 0;
  private heap = new Int32Array(0);
  private n = 0;

  /** Makes room for `n` positions; passes and stamps are not kept across a growth (the owner rewrites them). */
  ensure(n: number): void {
    if (this.pass.length >= n) return;
    const cap = Math.max(n, 2 * this.pass.length);
    this.pass = new Float64Array(cap);
    this.stamp = new Float64Array(cap);
    this.heap = new Int32Array(cap);
  }

  /** Heapifies positions 0..n-1 from their passes and stamps. O(n). */
  build(n: number): void {
    this.n = n;
    for (let i = 0; i < n; i++) this.heap[i] = i;
    for (let i = (n >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }

  /** The position with the smallest pass. */
  top(): number {
    return this.heap[0];
  }

  /** Adds `delta` (>= 0) to the top position's pass, stamps it last, and restores the order. O(log n). */
  advanceTop(delta: number): void {
    const p = this.heap[0];
    this.pass[p] += delta;
    this.stamp[p] = ++this.lastStamp;
    this.siftDown(0);
  }

  private siftDown(i: number): void {
    const { heap, pass, stamp, n } = this;
    const item = heap[i];
    const itemPass = pass[item];
    const itemStamp = stamp[item];
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      let c = heap[child];
      const right = child + 1;
      if (right < n) {
        const r = heap[right];
        if (pass[r] < pass[c] || (pass[r] === pass[c] && stamp[r] < stamp[c])) {
          child = right;
          c = r;
        }
      }
      if (!(pass[c] < itemPass || (pass[c] === itemPass && stamp[c] < itemStamp))) break;
      heap[i] = c;
      i = child;
    }
    heap[i] = item;
  }
}
