/** A figure's mean and confidence interval; without an interval (one seed) the mean stands for both ends. */
export interface Ranged {
  readonly mean: number | null;
  readonly low: number | null;
  readonly high: number | null;
}

export interface FrontCandidate {
  /** Cost, minimised. */
  readonly x: Ranged;
  /** p99, minimised. */
  readonly y: Ranged;
  /** Only eligible points (those that meet the SLO) compete for the front. */
  readonly eligible: boolean;
}

/**
 * Whether `a` is clearly below `b`: its interval lies wholly below b's, so that the difference
 * is larger than the intervals and the seeds can tell it from no difference.
 */
export function clearlyBelow(a: Ranged, b: Ranged): boolean {
  if (a.mean === null || b.mean === null) return false;
  return (a.high ?? a.mean) < (b.low ?? b.mean);
}

/**
 * Marks the eligible points that no other eligible point dominates (both figures minimised). A
 * dominates B when A is clearly below B on one figure and B is clearly below A on neither:
 * figures whose intervals overlap count as equal. Without intervals this is the usual front of
 * the means. Points lacking a mean are never on the front; points the seeds cannot tell apart
 * are on it together.
 */
export function paretoFront(points: readonly FrontCandidate[]): boolean[] {
  const dominates = (a: FrontCandidate, b: FrontCandidate) =>
    !clearlyBelow(b.x, a.x) && !clearlyBelow(b.y, a.y) && (clearlyBelow(a.x, b.x) || clearlyBelow(a.y, b.y));
  const drawn = (p: FrontCandidate) => p.eligible && p.x.mean !== null && p.y.mean !== null;
  return points.map((p, i) => drawn(p) && !points.some((q, j) => j !== i && drawn(q) && dominates(q, p)));
}
