import { grown } from '../typed-arrays.ts';

/**
 * A table of numeric columns, one row per sampling period, in growable typed arrays.
 * Rows are appended by whoever samples; the table never shrinks during a run.
 */
export class TimeSeries<C extends string> {
  private readonly data: Float64Array[];
  private rows = 0;

  constructor(readonly columns: readonly C[]) {
    this.data = columns.map(() => new Float64Array(64));
  }

  get length(): number {
    return this.rows;
  }

  /** Appends a row; `values` are in column order. */
  append(values: readonly number[]): void {
    if (values.length !== this.columns.length) {
      throw new Error(`row has ${values.length} values for ${this.columns.length} columns`);
    }
    if (this.rows === this.data[0].length) {
      for (let c = 0; c < this.data.length; c++) this.data[c] = grown(this.data[c], this.data[c].length * 2);
    }
    for (let c = 0; c < values.length; c++) this.data[c][this.rows] = values[c];
    this.rows++;
  }

  column(name: C): Float64Array {
    const c = this.columns.indexOf(name);
    if (c < 0) throw new Error(`no column ${name}`);
    return this.data[c].subarray(0, this.rows);
  }
}
