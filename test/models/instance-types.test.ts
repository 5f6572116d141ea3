import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { INSTANCE_TYPES } from '../../src/models/compute/instance-types.ts';

describe('the instance catalogue', () => {
  it('has as many types as the README says, in the families it lists', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const m = /\*\*Instance types\*\*: (\d+) common types \(([^)]*)\)/.exec(readme);
    expect(m).not.toBeNull();
    expect(Number(m![1])).toBe(Object.keys(INSTANCE_TYPES).length);
    const families = [...new Set(Object.keys(INSTANCE_TYPES).map((t) => t.split('.')[0]))];
    expect(m![2].split(',').map((f) => f.trim())).toEqual(families);
  });
});
