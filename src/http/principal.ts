import type { User } from '../store/index.js';

/** Who is asking. Every request under /api/v1 and /taxii2 has one, or is answered 401. */
export interface Principal {
  kind: 'user';
  user: User;
  tokenId: string;
}
