import { grown } from './typed-arrays.ts';

/**
 * Min-priority queue of events keyed by (time, insertion order), over typed arrays.
 *
 * A 4-ary heap: half the depth of a binary heap, and a node's four children sit side by side
 * in memory. Keys and payloads live in parallel typed arrays, so a push or pop allocates nothing
 * (bench/event-queue.ts compares it with heap-js and a binary heap).
 */
export class EventQueue {
  private times: Float64Array;
  /** Insertion order, as a float so that it never wraps in a long run. */
  private seqs: Float64Array;
  private items: Int32Array;
  private count = 0;
  private nextSeq = 0;
  /** Time of the item returned by the last pop(). */
  lastTime = 0;

  constructor(initialCapacity = 1024) {
    this.times = new Float64Array(initialCapacity);
    this.seqs = new Float64Array(initialCapacity);
    this.items = new Int32Array(initialCapacity);
  }

  get size(): number {
    return this.count;
  }

  /** Time of the earliest item; Infinity when empty. */
  peekTime(): number {
    return this.count > 0 ? this.times[0] : Infinity;
  }

  /** Sequence number of the earliest item; Infinity when empty. */
  peekSeq(): number {
    return this.count > 0 ? this.seqs[0] : Infinity;
  }

  /** Takes the next insertion number without pushing, for an event kept outside the queue. */
  takeSeq(): number {
    return this.nextSeq++;
  }

  push(time: number, item: number): void {
    if (this.count === this.times.length) this.grow();
    const times = this.times;
    const seqs = this.seqs;
    const items = this.items;
    const seq = this.nextSeq++;
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 2;
      const pt = times[parent];
      if (pt < time || (pt === time && seqs[parent] < seq)) break;
      times[i] = pt;
      seqs[i] = seqs[parent];
      items[i] = items[parent];
      i = parent;
    }
    times[i] = time;
    seqs[i] = seq;
    items[i] = item;
  }

  /** Removes and returns the earliest item (its time goes to lastTime). The queue must not be empty. */
  pop(): number {
    const times = this.times;
    const seqs = this.seqs;
    const items = this.items;
    const top = items[0];
    this.lastTime = times[0];
    const n = --this.count;
    if (n === 0) return top;
    const t = times[n];
    const s = seqs[n];
    const it = items[n];
    let i = 0;
    for (;;) {
      const first = (i << 2) + 1;
      if (first >= n) break;
      let best = first;
      let bt = times[first];
      let bs = seqs[first];
      const last = first + 3 < n ? first + 3 : n - 1;
      for (let c = first + 1; c <= last; c++) {
        const ct = times[c];
        if (ct < bt || (ct === bt && seqs[c] < bs)) {
          best = c;
          bt = ct;
          bs = seqs[c];
        }
      }
      if (t < bt || (t === bt && s < bs)) break;
      times[i] = bt;
      seqs[i] = bs;
      items[i] = items[best];
      i = best;
    }
    times[i] = t;
    seqs[i] = s;
    items[i] = it;
    return top;
  }

  private grow(): void {
    const cap = this.times.length * 2;
    this.times = grown(this.times, cap);
    this.seqs = grown(this.seqs, cap);
    this.items = grown(this.items, cap);
  }
}
