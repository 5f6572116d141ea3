import { writeAll } from '../report/atomic-write.ts';
import { jsonText } from '../report/json-text.ts';
import type { OptimizeResult } from './optimize-result.ts';

/** Writes optimize.json into `dir`. */
export async function writeOptimizeOutput(result: OptimizeResult, dir: string): Promise<string[]> {
  return writeAll(dir, 'optimize.json', async (out) => [out.write('optimize.json', jsonText(result))]);
}
