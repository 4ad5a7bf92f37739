import { createHash } from 'node:crypto';
import { AccordError } from '../errors.js';

/**
 * Opaque paging tokens. A token carries the keyset position and a digest of the query it
 * was made for, so a token replayed against another query is refused rather than
 * silently giving wrong pages.
 */
export function encodeCursor(position: number, query: unknown): string {
  const q = createHash('sha256').update(JSON.stringify(query)).digest('base64url').slice(0, 12);
  return Buffer.from(JSON.stringify({ p: position, q })).toString('base64url');
}

export function decodeCursor(token: string, query: unknown, name = 'cursor'): number {
  let parsed: { p?: unknown; q?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw new AccordError(
      'ACCORD_BAD_REQUEST',
      `${name} '${token.slice(0, 40)}' is not a token this node issued`,
    );
  }
  const q = createHash('sha256').update(JSON.stringify(query)).digest('base64url').slice(0, 12);
  if (typeof parsed.p !== 'number' || !Number.isSafeInteger(parsed.p) || parsed.q !== q) {
    throw new AccordError(
      'ACCORD_BAD_REQUEST',
      `${name} does not belong to this query: repeat the first request with the same filters`,
    );
  }
  return parsed.p;
}
