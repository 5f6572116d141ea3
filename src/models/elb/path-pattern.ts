/**
 * Whether `path` matches an ALB path-pattern condition value: case-sensitive, `*` matches any run
 * of characters (none included) and `?` exactly one (ELB-UG, "Path conditions"). The query string
 * is not part of the path. Greedy matching with one backtrack point per `*`: O(|pattern| |path|)
 * at worst, and run once per request class when a listener is built, never per request.
 */
export function matchesPathPattern(pattern: string, path: string): boolean {
  let p = 0;
  let s = 0;
  let star = -1;
  let resume = 0;
  while (s < path.length) {
    const c = pattern[p];
    if (c === '*') {
      star = p++;
      resume = s;
    } else if (p < pattern.length && (c === '?' || c === path[s])) {
      p++;
      s++;
    } else if (star >= 0) {
      p = star + 1;
      s = ++resume;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}
