import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { AccordError } from '../errors.js';
import { readCursorKey } from '../store/cursor-key.js';
import { cacheSlot } from './caches.js';
import type { AccordNode } from './node.js';

/**
 * Paging cursors (REST `cursor`, TAXII `next`) sealed with AES-256-GCM. The position inside
 * may be that of a row the reader was not shown, so it is encrypted, not just signed; the
 * query and the principal it was issued to are the associated data, so a cursor edited by
 * hand, replayed against other filters or handed to another user fails to open.
 */
export class CursorSeal {
  constructor(private readonly key: Buffer) {}

  seal(position: number, binding: unknown): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(aad(binding));
    const body = Buffer.concat([cipher.update(JSON.stringify(position), 'utf8'), cipher.final()]);
    return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
  }

  /** The position sealed in `token`; 400 naming the parameter when it is not ours for this query. */
  open(token: string, binding: unknown, name: string): number {
    const raw = Buffer.from(token, 'base64url');
    let position: unknown;
    try {
      if (raw.length < 12 + 1 + 16) throw new Error('short');
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
      decipher.setAAD(aad(binding));
      decipher.setAuthTag(raw.subarray(raw.length - 16));
      const text = Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]);
      position = JSON.parse(text.toString('utf8'));
    } catch {
      throw new AccordError(
        'ACCORD_BAD_REQUEST',
        `${name} '${token.slice(0, 40)}' was not issued by this node for this query and user: repeat the first request with the same filters and credentials`,
        { parameter: name },
      );
    }
    if (typeof position !== 'number' || !Number.isSafeInteger(position)) {
      throw new AccordError('ACCORD_BAD_REQUEST', `${name} does not hold a position`, { parameter: name });
    }
    return position;
  }
}

function aad(binding: unknown): Buffer {
  return createHash('sha256').update('accord cursor v1\u0000').update(JSON.stringify(binding)).digest();
}

const SEAL = cacheSlot<Promise<CursorSeal> | null>('cursor seal', () => null);

export function cursorSeal(node: AccordNode): Promise<CursorSeal> {
  let s = node.caches.get(SEAL);
  if (!s) {
    const made = readCursorKey(node.store.db).then((k) => new CursorSeal(k));
    // A failed read is tried again by the next caller rather than served from the cache.
    made.catch(() => {
      if (node.caches.get(SEAL) === made) node.caches.delete(SEAL);
    });
    node.caches.set(SEAL, made);
    s = made;
  }
  return s;
}
