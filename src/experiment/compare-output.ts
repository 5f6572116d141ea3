import type { CompareResult, Estimate } from './compare-result.ts';
import { writeAll } from '../report/atomic-write.ts';
import { csvText } from '../report/csv.ts';
import { compareHtml } from './compare-html.ts';
import { jsonText } from '../report/json-text.ts';

const ESTIMATE_FIELDS = ['n', 'mean', 'half_width', 'low', 'high'] as const;

/** compare.csv: one row per variant and figure, its estimate and its paired difference to the baseline. */
async function compareCsv(result: CompareResult): Promise<string> {
  const headers = ['variant', 'metric', ...ESTIMATE_FIELDS, ...ESTIMATE_FIELDS.map((f) => `difference_${f}`)];
  const rows = result.variants.flatMap((v) =>
    result.metrics.map((m) => [v.name, m, ...cells(v.estimates[m]), ...cells(v.difference_to_baseline?.[m] ?? null)]),
  );
  return csvText(headers, rows);
}

function cells(e: Estimate | null): Array<number | string> {
  return ESTIMATE_FIELDS.map((f) => (e === null || e[f] === null ? '' : e[f]));
}

/** Writes compare.json, compare.csv and compare.html into `dir`, all or nothing; returns their paths. */
export async function writeCompareOutputs(result: CompareResult, dir: string): Promise<string[]> {
  return writeAll(dir, 'compare', async (out) => [
    out.write('compare.json', jsonText(result)),
    out.write('compare.csv', await compareCsv(result)),
    out.write('compare.html', compareHtml(result)),
  ]);
}
