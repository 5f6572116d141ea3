import type { z } from 'zod';

/** The parts of a zod schema's definition that lead to the mappings inside it. */
interface Def {
  readonly type: string;
  readonly shape?: Readonly<Record<string, z.core.$ZodType>>;
  readonly innerType?: z.core.$ZodType;
  readonly in?: z.core.$ZodType;
  readonly element?: z.core.$ZodType;
  /** A record's (a mapping of names') values. */
  readonly valueType?: z.core.$ZodType;
  readonly options?: readonly z.core.$ZodType[];
  readonly discriminator?: string;
  readonly values?: readonly unknown[];
}

const defOf = (schema: z.core.$ZodType): Def => schema._zod.def as unknown as Def;

/**
 * The keys the schema accepts in the mapping at `path` of `data`, the document as written (it
 * picks the shape of a union by its `type` or `dist`); undefined where no one mapping is meant.
 */
export function keysAccepted(schema: z.core.$ZodType, path: readonly PropertyKey[], data: unknown): string[] | undefined {
  let node: z.core.$ZodType | undefined = schema;
  let value = data;
  for (let i = 0; ; i++) {
    node = mappingOrList(node, value);
    if (node === undefined) return undefined;
    const def = defOf(node);
    if (i === path.length) return def.shape ? Object.keys(def.shape) : undefined;
    const key = path[i];
    node = def.type === 'array' ? def.element : def.type === 'record' ? def.valueType : typeof key === 'string' ? def.shape?.[key] : undefined;
    value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  }
}

/** The object, array or record schema under wrappers (optional, default, pipe) and unions, as `value` selects. */
function mappingOrList(schema: z.core.$ZodType | undefined, value: unknown): z.core.$ZodType | undefined {
  let node = schema;
  // Wrappers nest a few levels at most; the bound only guards against a cycle.
  for (let hops = 0; node !== undefined && hops < 32; hops++) {
    const def = defOf(node);
    if (def.type === 'object' || def.type === 'array' || def.type === 'record') return node;
    if (def.type === 'union') {
      const options = def.options ?? [];
      const d = def.discriminator;
      const chosen = d === undefined ? undefined : (value as Record<string, unknown> | null)?.[d];
      node = options.find((o) => {
        const literal = mappingOrList(o, value);
        const tag = literal && d !== undefined ? defOf(literal).shape?.[d] : undefined;
        return tag !== undefined && (defOf(tag).values ?? []).includes(chosen);
      });
      if (node === undefined && options.length === 1) node = options[0];
      continue;
    }
    node = def.innerType ?? def.in;
  }
  return undefined;
}
