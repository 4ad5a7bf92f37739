// A batched import commits objects before it has read the rest of the file, so the door of
// Article 10 would judge an object against a marking-definition it has not met yet. When the
// file can be read twice, its marking-definitions are read first: only they are kept, and only
// those that are valid on their own, so no decision leans on a definition that would be refused.

import { BundleSplitter } from '../stix/bundle-splitter.js';
import { validateDocument } from '../stix/validate-bundle.js';

export async function readMarkingDefinitions(
  chunks: AsyncIterable<Buffer | string>,
  what: string,
): Promise<Record<string, unknown>[]> {
  const splitter = new BundleSplitter({ what });
  const found: Record<string, unknown>[] = [];
  const keep = (items: unknown[]) => {
    for (const o of items) {
      if ((o as { type?: unknown } | null)?.type !== 'marking-definition') continue;
      if (validateDocument(o).errors.length === 0) found.push(o as Record<string, unknown>);
    }
  };
  for await (const chunk of chunks)
    keep(splitter.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk));
  return found;
}
