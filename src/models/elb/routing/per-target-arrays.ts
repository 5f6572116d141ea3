/**
 * Routing state kept per target is indexed by Target.index (unique for the run), in typed arrays
 * that grow to fit the largest index seen. They grow only when the routable set changes, so the
 * per-request path never allocates.
 */
type PerTargetArray = Float64Array | Int32Array | Uint8Array;

/** `array` if it has room for `index`, otherwise a copy at least twice as long with new slots set to `fill`. */
export function fitIndex<A extends PerTargetArray>(array: A, index: number, fill: number): A {
  if (index < array.length) return array;
  const Ctor = array.constructor as new (length: number) => A;
  const grown = new Ctor(Math.max(2 * array.length, index + 1, 16));
  grown.fill(fill);
  grown.set(array);
  return grown;
}
