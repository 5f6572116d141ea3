import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { scenarioJsonSchema } from '../../src/scenario/schema.ts';
import { cli } from '../helpers/run-cli.ts';

type SchemaNode = Record<string, unknown>;

/**
 * Key paths of the properties without a description, anywhere in `node`: nested objects, array
 * items (`[]`) and the members of unions, a member named by its discriminator, `(poisson)`.
 */
function undescribed(node: unknown, path = ''): string[] {
  if (node === null || typeof node !== 'object') return [];
  const n = node as SchemaNode;
  const found: string[] = [];
  for (const [key, property] of Object.entries((n.properties ?? {}) as Record<string, SchemaNode>)) {
    const at = path === '' ? key : `${path}.${key}`;
    if (typeof property.description !== 'string' || property.description.trim() === '') found.push(at);
    found.push(...undescribed(property, at));
  }
  if (n.items !== undefined) found.push(...undescribed(n.items, `${path}[]`));
  if (typeof n.additionalProperties === 'object') found.push(...undescribed(n.additionalProperties, `${path}{}`));
  for (const k of ['anyOf', 'oneOf', 'allOf', 'prefixItems']) {
    for (const member of (n[k] ?? []) as SchemaNode[]) found.push(...undescribed(member, `${path}${variantName(member)}`));
  }
  for (const [name, def] of Object.entries((n.$defs ?? {}) as Record<string, SchemaNode>)) found.push(...undescribed(def, `$defs.${name}`));
  return found;
}

/** `(poisson)` for a union member whose `type` or `dist` is the constant "poisson". */
function variantName(member: SchemaNode): string {
  const properties = (member.properties ?? {}) as Record<string, SchemaNode>;
  const tag = Object.values(properties).find((p) => typeof p.const === 'string');
  return tag ? `(${String(tag.const)})` : '';
}

/** The keywords of JSON Schema draft 2020-12 (core, applicator, validation, meta-data, format). */
const KEYWORDS = new Set([
  '$schema', '$id', '$ref', '$defs', '$comment', '$anchor', '$dynamicRef', '$dynamicAnchor', '$vocabulary',
  'type', 'enum', 'const', 'properties', 'required', 'additionalProperties', 'patternProperties', 'propertyNames',
  'items', 'prefixItems', 'contains', 'minItems', 'maxItems', 'uniqueItems', 'anyOf', 'oneOf', 'allOf', 'not',
  'if', 'then', 'else', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'minLength',
  'maxLength', 'pattern', 'format', 'title', 'description', 'default', 'examples', 'deprecated', 'readOnly',
  'writeOnly', 'minProperties', 'maxProperties', 'dependentRequired', 'dependentSchemas', 'unevaluatedItems',
  'unevaluatedProperties', 'contentEncoding', 'contentMediaType',
]);

/** Keywords used in `node` and every schema inside it that JSON Schema does not define. */
function unknownKeywords(node: unknown, path = '#'): string[] {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return [];
  const found: string[] = [];
  for (const [key, value] of Object.entries(node as SchemaNode)) {
    if (!KEYWORDS.has(key)) found.push(`${path}/${key}`);
    if (key === 'properties' || key === '$defs' || key === 'patternProperties' || key === 'dependentSchemas') {
      for (const [name, sub] of Object.entries(value as SchemaNode)) found.push(...unknownKeywords(sub, `${path}/${key}/${name}`));
    } else if (Array.isArray(value) && ['anyOf', 'oneOf', 'allOf', 'prefixItems'].includes(key)) {
      value.forEach((sub, i) => found.push(...unknownKeywords(sub, `${path}/${key}/${i}`)));
    } else if (['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames'].includes(key)) {
      found.push(...unknownKeywords(value, `${path}/${key}`));
    }
  }
  return found;
}

describe('fleetsim schema', () => {
  it('gives every key of a scenario a description, in every object, union member and list', () => {
    expect(undescribed(scenarioJsonSchema())).toEqual([]);
  });

  it('finds a key without a description wherever it lies', () => {
    const described = { description: 'd', type: 'number' };
    const schema = {
      type: 'object',
      properties: {
        a: { description: 'd', type: 'array', items: { anyOf: [{ type: 'object', properties: { type: { const: 'x', description: 'd' }, b: { type: 'number' } } }] } },
        c: { description: 'd', type: 'object', properties: { d: described, e: { description: ' ', type: 'string' } } },
      },
    };
    expect(undescribed(schema)).toEqual(['a[](x).b', 'c.e']);
  });

  it('prints draft 2020-12 JSON Schema, with JSON Schema keywords only, that bundled scenarios pass and a wrong key fails', async () => {
    const run = await cli(['schema']);
    expect(run.code).toBe(0);
    const schema = JSON.parse(run.stdout) as SchemaNode;
    expect(schema).toEqual(scenarioJsonSchema());
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(unknownKeywords(schema)).toEqual([]);
    // A validator built from the JSON Schema alone, as an editor builds one.
    const validator = z.fromJSONSchema(schema as z.core.JSONSchema.JSONSchema);
    const bundled = readdirSync('scenarios').filter((f) => f.endsWith('.yaml'));
    expect(bundled.length).toBeGreaterThan(10);
    for (const file of bundled) {
      const scenario = parse(readFileSync(join('scenarios', file), 'utf8')) as SchemaNode;
      expect(validator.safeParse(scenario).error?.issues, file).toBeUndefined();
      expect(validator.safeParse({ ...scenario, warmpu: '10m' }).success, `${file} with a misspelt key`).toBe(false);
      expect(validator.safeParse({ ...scenario, seed: 'one' }).success, `${file} with a seed that is no number`).toBe(false);
    }
  });
});
