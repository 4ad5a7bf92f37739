import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.js';
import { type AccordNode, initNode } from '../../src/node/node.js';
import { addUser, createToken, type Role } from '../../src/store/index.js';
import { BACKENDS, type TestBackend, tempDir } from './stores.js';

export interface TestNode {
  node: AccordNode;
  app: FastifyInstance;
  /** Makes a user of a Party and returns its bearer token. */
  tokenFor(party: string, role?: Role): Promise<string>;
  dispose(): Promise<void>;
}

let counter = 0;

/** A node of `party` on a fresh store of the backend, with its HTTP app ready for inject(). */
export async function startTestNode(
  backend: TestBackend = BACKENDS[0]!,
  party = 'KZ',
  /** `data` and `db`: a directory and store the caller owns (and disposes), e.g. to run the CLI on. */
  opts: { nodeId?: string; data?: string; db?: string } = {},
): Promise<TestNode> {
  const { data, db, ...init } = opts;
  const dir = data ? { path: data, dispose: () => {} } : tempDir();
  const store = db
    ? { url: db, dispose: async () => {} }
    : backend.name === 'sqlite'
      ? { url: `sqlite:${dir.path}/accord.sqlite`, dispose: async () => {} }
      : backend.fresh();
  const { node } = await initNode({ data: dir.path, db: store.url }, { party, ...init });
  const app = await buildApp(node);
  return {
    node,
    app,
    async tokenFor(p, role = 'analyst') {
      const user = await addUser(node.store.db, { party: p, name: `u${++counter}-${p.toLowerCase()}`, role });
      return (await createToken(node.store.db, user, 'test')).token;
    },
    async dispose() {
      await app.close();
      await node.close();
      await store.dispose();
      dir.dispose();
    },
  };
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}
