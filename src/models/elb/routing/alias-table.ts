/**
 * Walker's alias method (Vose's construction): draws index i with probability w[i] / sum(w) in
 * O(1) from one uniform, after an O(n) build. Weighted routing rebuilds it when weights change
 * (a slow-start step, an anomaly-mitigation step, a new routable set), never per request.
 */
export class AliasTable {
  /** Probability of keeping column i rather than taking its alias. */
  private keep = new Float64Array(0);
  private alias = new Int32Array(0);
  private small = new Int32Array(0);
  private large = new Int32Array(0);
  private scaled = new Float64Array(0);
  private n = 0;

  /** Builds the table for weights[0..n): finite, non-negative, with a positive sum. */
  build(weights: Float64Array, n: number): void {
    if (this.keep.length < n) {
      const cap = Math.max(n, 2 * this.keep.length);
      this.keep = new Float64Array(cap);
      this.alias = new Int32Array(cap);
      this.small = new Int32Array(cap);
      this.large = new Int32Array(cap);
      this.scaled = new Float64Array(cap);
    }
    let total = 0;
    for (let i = 0; i < n; i++) total += weights[i];
    if (!(total > 0 && Number.isFinite(total))) throw new RangeError(`alias table: weights must have a positive finite sum, got ${total}`);
    const { keep, alias, small, large, scaled } = this;
    let ns = 0;
    let nl = 0;
    for (let i = 0; i < n; i++) {
      scaled[i] = (weights[i] * n) / total;
      if (scaled[i] < 1) small[ns++] = i;
      else large[nl++] = i;
    }
    while (ns > 0 && nl > 0) {
      const s = small[--ns];
      const l = large[--nl];
      keep[s] = scaled[s];
      alias[s] = l;
      scaled[l] += scaled[s] - 1;
      if (scaled[l] < 1) small[ns++] = l;
      else large[nl++] = l;
    }
    // What is left is 1 up to rounding error.
    while (nl > 0) {
      const l = large[--nl];
      keep[l] = 1;
      alias[l] = l;
    }
    while (ns > 0) {
      const s = small[--ns];
      keep[s] = 1;
      alias[s] = s;
    }
    this.n = n;
  }

  /** An index drawn from the weights, from u uniform in [0, 1): its integer part picks a column, its fraction the side. */
  sample(u: number): number {
    const x = u * this.n;
    const i = Math.floor(x);
    return x - i < this.keep[i] ? i : this.alias[i];
  }
}
