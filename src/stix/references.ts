/**
 * Every STIX id an object refers to: `*_ref` and `*_refs` properties at any depth
 * (including inside extensions and granular markings), without the object's own id.
 */
export function referencedIds(object: unknown): string[] {
  const out = new Set<string>();
  const visit = (value: unknown, key: string | null): void => {
    if (Array.isArray(value)) {
      for (const v of value) visit(v, key);
      return;
    }
    if (typeof value === 'string') {
      if (key !== null && (key.endsWith('_ref') || key.endsWith('_refs')) && value.includes('--'))
        out.add(value);
      return;
    }
    if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) visit(v, k);
    }
  };
  visit(object, null);
  const self = (object as { id?: unknown } | null)?.id;
  if (typeof self === 'string') out.delete(self);
  return [...out];
}
