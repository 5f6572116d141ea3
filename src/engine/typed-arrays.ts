type GrowableArray = Float64Array | Int32Array | Uint32Array | Uint8Array;

/** A copy of `array` with room for `capacity` elements (the hot path's arrays grow by doubling). */
export function grown<T extends GrowableArray>(array: T, capacity: number): T {
  const copy = new (array.constructor as new (n: number) => T)(capacity);
  copy.set(array);
  return copy;
}
