// Property names STIX 2.1 reserves for future versions (producers must not use them; the OASIS
// validator reports each use), and the one Accord used before it knew: `severity` on
// x-accord-notification, now `notification_severity`. Copies signed under the old name stay as
// signed (a peer's signature cannot be rewritten); readers accept both, and what a STIX reader
// outside the federation is served carries the current name.

export const RESERVED_PROPERTY_NAMES: ReadonlySet<string> = new Set([
  'severity',
  'action',
  'username',
  'phone_numbers',
]);

/** Per type: an old property name and the name it has now. */
export const RENAMED_PROPERTIES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'x-accord-notification': { severity: 'notification_severity' },
};

/**
 * The object with its old property names replaced by the current ones, or undefined when it
 * has none (the common case, which costs one lookup). A current name already present wins.
 */
export function withCurrentNames(
  object: Readonly<Record<string, unknown>>,
): Record<string, unknown> | undefined {
  const renames = typeof object.type === 'string' ? RENAMED_PROPERTIES[object.type] : undefined;
  if (!renames) return undefined;
  let out: Record<string, unknown> | undefined;
  for (const [old, now] of Object.entries(renames)) {
    if (!(old in object)) continue;
    out ??= { ...object };
    if (!(now in out)) out[now] = out[old];
    delete out[old];
  }
  return out;
}
