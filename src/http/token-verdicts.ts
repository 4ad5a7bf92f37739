import { cacheSlot } from '../node/caches.js';
import type { AccordNode } from '../node/node.js';
import { authenticateTokenKey, type TokenHolder, tokenLookupKey } from '../store/index.js';

/**
 * How long a token's verdict is trusted without asking the store again. A revocation or a
 * user's change made through this process counts at once (the store's `writes.accounts`);
 * one made by another process sharing the store (another `accord serve`, the CLI) counts
 * within this bound (docs/security.md, "Tokens").
 */
export const TOKEN_VERDICT_TTL_MS = 2_000;
// Valid tokens in use at once; beyond that the cache starts over rather than grow.
const MAX_VERDICTS = 10_000;

interface Verdict {
  holder: TokenHolder;
  /** The store's `writes.accounts` before the read that made it. */
  writes: number;
  at: number;
}

const VERDICTS = cacheSlot('token verdicts', () => new Map<string, Verdict>());

/**
 * Whom a bearer token speaks for, or undefined for an unknown, revoked or disabled one. A
 * firewall asking many times a second costs two queries once per TOKEN_VERDICT_TTL_MS, not
 * per request. Only valid tokens are kept: a refusal is asked of the store every time, so a
 * flood of made-up tokens fills nothing.
 */
export async function tokenHolder(node: AccordNode, token: string): Promise<TokenHolder | undefined> {
  const key = tokenLookupKey(token);
  if (key === undefined) return undefined;
  const db = node.store.db;
  const verdicts = node.caches.get(VERDICTS);
  const now = Date.now();
  const kept = verdicts.get(key);
  if (kept && kept.writes === db.writes.accounts && now - kept.at < TOKEN_VERDICT_TTL_MS) return kept.holder;
  const writes = db.writes.accounts;
  const holder = await authenticateTokenKey(db, key);
  if (!holder) {
    verdicts.delete(key);
    return undefined;
  }
  if (verdicts.size >= MAX_VERDICTS) verdicts.clear();
  // One user object serves every request of the token meanwhile: nobody may change it.
  Object.freeze(holder.user);
  Object.freeze(holder);
  verdicts.set(key, { holder, writes, at: now });
  return holder;
}
