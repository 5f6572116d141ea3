import type { Summary } from '../summary.ts';
import { escapeHtml } from './escape.ts';
import { formatPath } from '../summary-path.ts';

/**
 * summary.json as a table of paths and values, without `engine`: how long the run took on this
 * machine is not part of what it found, and leaving it out keeps the page identical across runs.
 * The warnings have their own section at the top of the page.
 */
export function summaryTable(summary: Summary): string {
  const { engine: _engine, warnings: _warnings, ...found } = summary;
  const rows = flatten(found, []).map(
    ([path, value]) => `<tr><th scope="row"><code>${escapeHtml(path)}</code></th><td class="num">${escapeHtml(value)}</td></tr>`,
  );
  return `<table class="summary">\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
}

/** Each value under the path that --assert takes for it (`cost_usd.by_instance_type["m7g.xlarge"]`). */
function flatten(value: unknown, keys: readonly string[]): Array<[string, string]> {
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, v]) => flatten(v, [...keys, key]));
  }
  return [[formatPath(keys), value === null ? 'null' : String(value)]];
}
