import { writeToString } from 'fast-csv';
import { describe, expect, it } from 'vitest';
import { csvText } from '../../src/report/csv.ts';

/** What wrote fleetsim's CSVs before csvText: the bytes it must keep. */
const fastCsv = (headers: readonly string[], rows: Array<Array<number | string | boolean>>) =>
  writeToString(rows, { headers: [...headers], writeHeaders: true, includeEndRowDelimiter: true });

describe('csvText writes the bytes fast-csv wrote', () => {
  it.each([
    ['plain numbers and strings', ['a', 'b', 'c'], [[1, 'x', 0.1 + 0.2], [-0, 1e21, 5e-7], [NaN, Infinity, true]]],
    ['quotes, commas, line breaks, pipes and NULs', ['say "hi"', 'a,b'], [['he said "no"', 'x,y'], ['line\nbreak', 'cr\rhere'], ['a|b', 'nul\0byte'], ['', ' spaced ']]],
    ['rows shorter and longer than the header', ['a', 'b', 'c'], [[1], [1, 2, 3, 4]]],
    ['a header and no rows', ['a', 'b'], []],
    ['one column', ['only'], [['x'], [''], [3]]],
  ] as const)('%s', async (_, headers, rows) => {
    const r = rows as unknown as Array<Array<number | string | boolean>>;
    expect(await csvText(headers, r)).toBe(await fastCsv(headers, r));
  });
});
