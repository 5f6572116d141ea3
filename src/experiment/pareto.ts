/**
 * Marks the points that no other point beats on both objectives (both minimised): a point is
 * dominated when another is no worse on both and strictly better on one. Points lacking a value
 * are never on the front; equal points are on it together.
 */
export function paretoFront(points: ReadonlyArray<{ readonly x: number | null; readonly y: number | null }>): boolean[] {
  return points.map((p, i) => {
    if (p.x === null || p.y === null) return false;
    const { x, y } = p;
    return !points.some((q, j) => j !== i && q.x !== null && q.y !== null && q.x <= x && q.y <= y && (q.x < x || q.y < y));
  });
}
