import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../http/app.js';
import { type AccordNode, initNode } from '../node/node.js';
import { addUser, createToken, findUserByName, type Role } from '../store/index.js';
import { seedScenario } from './scenario.js';

/** The six signatories of the 2017 Agreement, one node each. */
export const DEMO_PARTIES = ['AM', 'BY', 'KZ', 'KG', 'RU', 'TJ'] as const;

export interface DemoNode {
  party: string;
  url: string;
  node: AccordNode;
  app: FastifyInstance;
  tokens: Record<Role, string>;
}

export interface DemoOptions {
  dataDir: string;
  basePort: number;
  host?: string;
}

const ROLES: Role[] = ['analyst', 'liaison', 'admin'];

/**
 * Starts one node per Party on consecutive loopback ports, each with its own SQLite
 * file, users for every role and fresh tokens. A second run reuses the data.
 */
export async function startDemo(opts: DemoOptions): Promise<DemoNode[]> {
  const host = opts.host ?? '127.0.0.1';
  const nodes: DemoNode[] = [];
  try {
    for (const [i, party] of DEMO_PARTIES.entries()) {
      const data = join(opts.dataDir, party.toLowerCase());
      mkdirSync(data, { recursive: true });
      const { node } = await initNode(
        { data, db: `sqlite:${join(data, 'accord.sqlite')}` },
        { party, nodeId: `accord-${party.toLowerCase()}`, accreditation: 2 },
      );
      const tokens = {} as Record<Role, string>;
      for (const role of ROLES) {
        const name = `${role}-${party.toLowerCase()}`;
        const user =
          (await findUserByName(node.store.db, name)) ??
          (await addUser(node.store.db, { party, name, role }));
        tokens[role] = (await createToken(node.store.db, user, 'demo')).token;
      }
      const app = await buildApp(node);
      const port = opts.basePort + i;
      await app.listen({ port, host });
      nodes.push({ party, url: `http://${host}:${port}`, node, app, tokens });
    }
    await seedScenario(nodes);
    return nodes;
  } catch (e) {
    await stopDemo(nodes);
    throw e;
  }
}

export async function stopDemo(nodes: readonly DemoNode[]): Promise<void> {
  for (const n of nodes) {
    await n.app.close();
    await n.node.close();
  }
}
