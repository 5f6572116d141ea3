import type { z } from 'zod';
import { nearestWord } from '../text/edit-distance.ts';
import { truncate } from '../text/truncate.ts';

/**
 * Turns a zod issue into a sentence that says what was found and what is accepted; `accepted`
 * lists the keys of the mapping an unknown key was found in.
 */
export function describeIssue(issue: z.core.$ZodIssue, input: unknown, accepted?: readonly string[]): string {
  const found = describeValue(input);
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined) return `missing; expected ${expectedType(issue.expected)}`;
      return `found ${found}; expected ${expectedType(issue.expected)}`;
    case 'invalid_value': {
      const accepted = issue.values.map((v) => JSON.stringify(v)).join(', ');
      return input === undefined ? `missing; accepted: ${accepted}` : `found ${found}; accepted: ${accepted}`;
    }
    case 'unrecognized_keys':
      return unknownKeysText(issue.keys, accepted);
    case 'invalid_union':
      if ('discriminator' in issue && issue.discriminator) {
        // The issue's input is the mapping that holds the discriminator key.
        const value = input !== null && typeof input === 'object' ? (input as Record<string, unknown>)[issue.discriminator] : undefined;
        const options = (issue as { options?: unknown[] }).options ?? [];
        const accepted = options.map((o) => JSON.stringify(o)).join(', ');
        return value === undefined ? `missing; accepted: ${accepted}` : `found ${describeValue(value)}; accepted: ${accepted}`;
      }
      if (input === undefined) return `missing; ${issue.message}`;
      return `found ${found}; ${issue.message}`;
    case 'too_small': {
      const bound = `${issue.inclusive ? 'at least' : 'more than'} ${String(issue.minimum)}`;
      if (issue.origin === 'array') return `found ${found}; expected ${bound} item${issue.minimum === 1 ? '' : 's'}`;
      if (issue.origin === 'string') return `found ${found}; must not be empty`;
      return `found ${found}; must be ${bound}`;
    }
    case 'too_big':
      return `found ${found}; must be ${issue.inclusive ? 'at most' : 'less than'} ${String(issue.maximum)}`;
    case 'invalid_format':
      return `found ${found}; ${issue.message}`;
    case 'invalid_key':
      // A resource's name (a key of load_balancers, ...): the name's own rule says what is accepted.
      return `found the name ${found}; ${issue.issues[0]?.message ?? issue.message}`;
    default:
      return issue.message;
  }
}

/** `unknown key "durration"; did you mean "duration"? accepted here: name, duration, ...`. */
function unknownKeysText(keys: readonly string[], accepted?: readonly string[]): string {
  const named = keys.map((k) => {
    const near = accepted && nearestWord(k, accepted);
    return near ? `"${k}" (did you mean "${near}"?)` : `"${k}"`;
  });
  const list = accepted && accepted.length > 0 ? `; accepted here: ${accepted.join(', ')}` : '';
  return `unknown key${keys.length === 1 ? '' : 's'} ${named.join(', ')}${list}`;
}

function expectedType(expected: string): string {
  switch (expected) {
    case 'int':
      return 'a whole number';
    case 'number':
      return 'a number';
    case 'string':
      return 'a string';
    case 'boolean':
      return 'true or false';
    case 'object':
      return 'a mapping (key: value)';
    case 'array':
      return 'a list';
    default:
      return expected;
  }
}

/** A short rendering of what the user wrote. */
function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(truncate(v, 40));
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return 'a list';
  return 'a mapping';
}
