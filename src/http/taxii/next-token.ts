import { type CursorSeal, cursorSeal } from '../../node/cursor-seal.js';
import type { AccordNode } from '../../node/node.js';

/**
 * TAXII `next` tokens: the keyset position sealed by the node's cursor key (the same as
 * REST cursors, src/node/cursor-seal.ts), bound to the query — collection, endpoint,
 * filters — and to the user it was issued to. A token edited by hand, or replayed against
 * another query or by another user, is refused; tokens survive restarts because the key
 * is kept in the database.
 */
export class NextTokens {
  constructor(private readonly node: AccordNode) {}

  private seal(): Promise<CursorSeal> {
    return cursorSeal(this.node);
  }

  async encode(position: number, query: unknown): Promise<string> {
    return (await this.seal()).seal(position, query);
  }

  async decode(token: string, query: unknown): Promise<number> {
    return (await this.seal()).open(token, query, 'next');
  }
}
