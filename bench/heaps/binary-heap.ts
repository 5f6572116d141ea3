/**
 * Binary min-heap of events keyed by (time, insertion order), over typed arrays.
 *
 * A benchmark baseline only: the same API and the same memory layout as src/engine/event-queue.ts
 * (parallel Float64Array times, Float64Array seqs, Int32Array kinds, Int32Array args; capacity
 * doubling from 1024) and the same pop (insertion numbers read only on equal times), but with two
 * children per node instead of four, so that bench/event-queue.ts isolates the effect of the
 * heap's arity from the effect of using typed arrays instead of objects.
 */
export class BinaryHeap {
  private times: Float64Array;
  /** Insertion order, as a float so that it never wraps in a long run. */
  private seqs: Float64Array;
  private items: Int32Array;
  private args: Int32Array;
  private count = 0;
  private nextSeq = 0;
  /** Time of the item returned by the last pop(). */
  lastTime = 0;
  /** Argument of the item returned by the last pop(). */
  lastArg = 0;

  constructor(initialCapacity = 1024) {
    const cap = Math.max(1, initialCapacity | 0);
    this.times = new Float64Array(cap);
    this.seqs = new Float64Array(cap);
    this.items = new Int32Array(cap);
    this.args = new Int32Array(cap);
    this.times[0] = Infinity;
  }

  get size(): number {
    return this.count;
  }

  /** Number of slots allocated. */
  get capacity(): number {
    return this.times.length;
  }

  /** Bytes held by the backing typed arrays. */
  get byteLength(): number {
    return this.times.byteLength + this.seqs.byteLength + this.items.byteLength + this.args.byteLength;
  }

  /** Time of the earliest item; Infinity when empty (kept in the first entry, as EventQueue does). */
  peekTime(): number {
    return this.times[0];
  }

  push(time: number, item: number, arg: number): void {
    if (this.count === this.times.length) this.grow();
    const times = this.times;
    const seqs = this.seqs;
    const items = this.items;
    const args = this.args;
    const seq = this.nextSeq++;
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent];
      if (pt < time || (pt === time && seqs[parent] < seq)) break;
      times[i] = pt;
      seqs[i] = seqs[parent];
      items[i] = items[parent];
      args[i] = args[parent];
      i = parent;
    }
    times[i] = time;
    seqs[i] = seq;
    items[i] = item;
    args[i] = arg;
  }

  /** Removes and returns the earliest item (its time and argument go to lastTime and lastArg). The heap must not be empty. */
  pop(): number {
    const times = this.times;
    const seqs = this.seqs;
    const items = this.items;
    const args = this.args;
    const top = items[0];
    this.lastTime = times[0];
    this.lastArg = args[0];
    const n = --this.count;
    if (n === 0) {
      times[0] = Infinity;
      return top;
    }
    // Sift the last element down from the root.
    const t = times[n];
    const s = seqs[n];
    const it = items[n];
    const a = args[n];
    let i = 0;
    for (;;) {
      let child = (i << 1) + 1;
      if (child >= n) break;
      let ct = times[child];
      const right = child + 1;
      if (right < n) {
        const rt = times[right];
        if (rt < ct || (rt === ct && seqs[right] < seqs[child])) {
          child = right;
          ct = rt;
        }
      }
      if (t < ct || (t === ct && s < seqs[child])) break;
      times[i] = ct;
      seqs[i] = seqs[child];
      items[i] = items[child];
      args[i] = args[child];
      i = child;
    }
    times[i] = t;
    seqs[i] = s;
    items[i] = it;
    args[i] = a;
    return top;
  }

  private grow(): void {
    const cap = this.times.length * 2;
    const times = new Float64Array(cap);
    const seqs = new Float64Array(cap);
    const items = new Int32Array(cap);
    const args = new Int32Array(cap);
    times.set(this.times);
    seqs.set(this.seqs);
    items.set(this.items);
    args.set(this.args);
    this.times = times;
    this.seqs = seqs;
    this.items = items;
    this.args = args;
  }
}
