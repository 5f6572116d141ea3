import { grown } from '../../../engine/typed-arrays.ts';

/**
 * Routing state kept per target is indexed by Target.index (unique for the run), in typed arrays
 * that grow to fit the largest index seen. They grow only when the routable set changes, so the
 * per-request path never allocates.
 */
type PerTargetArray = Float64Array | Int32Array | Uint8Array;

/** `array` if it has room for `index`, otherwise a copy at least twice as long with the new slots set to `fill`. */
export function fitIndex<A extends PerTargetArray>(array: A, index: number, fill: number): A {
  if (index < array.length) return array;
  const copy = grown(array, Math.max(2 * array.length, index + 1, 16));
  copy.fill(fill, array.length);
  return copy;
}
