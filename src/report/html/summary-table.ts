import type { Summary } from '../summary.ts';
import { escapeHtml } from './escape.ts';

/**
 * summary.json as a table of paths and values, without `engine`: how long the run took on this
 * machine is not part of what it found, and leaving it out keeps the page identical across runs.
 * The warnings have their own section at the top of the page.
 */
export function summaryTable(summary: Summary): string {
  const { engine: _engine, warnings: _warnings, ...found } = summary;
  const rows = flatten(found, '').map(
    ([path, value]) => `<tr><th scope="row"><code>${escapeHtml(path)}</code></th><td class="num">${escapeHtml(value)}</td></tr>`,
  );
  return `<table class="summary">\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
}

function flatten(value: unknown, path: string): Array<[string, string]> {
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, v]) => flatten(v, path ? `${path}.${key}` : key));
  }
  return [[path, value === null ? 'null' : String(value)]];
}
