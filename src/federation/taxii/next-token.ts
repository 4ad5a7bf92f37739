import type { KeyObject } from 'node:crypto';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { AccordError } from '../../errors.js';

/**
 * TAXII `next` tokens: the keyset position, a digest of the query the token was issued
 * for, and an HMAC under a key derived from the node's private key. A token edited by
 * hand, or replayed against another query, collection, endpoint or Party, is refused;
 * tokens survive restarts because the key does.
 */
export class NextTokens {
  private readonly key: Buffer;

  constructor(nodeKey: KeyObject) {
    this.key = createHash('sha256')
      .update('accord taxii next v1\u0000')
      .update(nodeKey.export({ type: 'pkcs8', format: 'der' }))
      .digest();
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url').slice(0, 22);
  }

  encode(position: number, query: unknown): string {
    const payload = Buffer.from(JSON.stringify({ p: position, q: digest(query) })).toString('base64url');
    return `${payload}.${this.mac(payload)}`;
  }

  decode(token: string, query: unknown): number {
    const [payload = '', mac = ''] = token.split('.', 2);
    const expected = this.mac(payload);
    if (mac.length !== expected.length || !timingSafeEqual(Buffer.from(mac), Buffer.from(expected))) {
      throw new AccordError(
        'ACCORD_BAD_REQUEST',
        `next '${token.slice(0, 40)}' is not a token this node issued`,
      );
    }
    const parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { p: number; q: string };
    if (parsed.q !== digest(query) || !Number.isSafeInteger(parsed.p)) {
      throw new AccordError(
        'ACCORD_BAD_REQUEST',
        'next belongs to another query: repeat the first request with the same filters, collection and credentials',
      );
    }
    return parsed.p;
  }
}

function digest(query: unknown): string {
  return createHash('sha256').update(JSON.stringify(query)).digest('base64url').slice(0, 16);
}
