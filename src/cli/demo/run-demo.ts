import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { AlertSender } from '../../exchange/alerts/alert-sender.js';
import type { SmtpSettings } from '../../exchange/alerts/smtp-settings.js';
import { FederationService } from '../../federation/peering/service.js';
import { buildApp } from '../../http/app.js';
import {
  DOCUMENTATION_LISTS,
  loadWarninglists,
  useWarninglists,
  warninglistConfig,
} from '../../intel/warninglists/service.js';
import { followDepositary } from '../../node/agreement-service.js';
import { type AccordNode, initNode } from '../../node/node.js';
import { hashPassword } from '../../node/passwords.js';
import { addUser, createToken, findUserByName, type Role, setPasswordHash } from '../../store/index.js';
import { addPeer, getPeer } from '../../store/peers-repo.js';
import { type ScenarioStep, seedScenario } from './scenario.js';

/** The six signatories of the 2017 Agreement, one node each. */
export const DEMO_PARTIES = ['AM', 'BY', 'KZ', 'KG', 'RU', 'TJ'] as const;
/** The Party whose node plays the depositary: the others take treaty events from it alone. */
export const DEMO_DEPOSITARY = 'KZ';

export interface DemoNode {
  party: string;
  url: string;
  node: AccordNode;
  app: FastifyInstance;
  federation: FederationService | null;
  /** Sends each node's webhook and e-mail alerts, as `accord serve` does. */
  alerts: AlertSender | null;
  tokens: Record<Role, string>;
  /** Console sign-in: every demo user of the Party has this password. */
  password: string;
}

export interface DemoOptions {
  dataDir: string;
  basePort: number;
  host?: string;
  /** Where e-mail alerts go (ACCORD_SMTP_* for `accord demo`); without it only webhooks are sent. */
  smtp?: SmtpSettings | null;
}

export interface Demo {
  nodes: DemoNode[];
  /** What the scenario did; empty when the data already held it (a second run). */
  steps: ScenarioStep[];
}

const ROLES: Role[] = ['analyst', 'liaison', 'admin'];

/** A demo password, the same on every run: the demo's data is not secret. */
export function demoPassword(party: string): string {
  return `accord-demo-${party.toLowerCase()}`;
}

/**
 * Starts one node per Party on consecutive loopback ports, each with its own SQLite
 * file, users for every role and fresh tokens, peered with every other node, and seeds the
 * scenario. A second run reuses the data.
 */
export async function startDemo(opts: DemoOptions): Promise<Demo> {
  const host = opts.host ?? '127.0.0.1';
  const nodes: DemoNode[] = [];
  try {
    await Promise.all(
      DEMO_PARTIES.map(async (party, i) => {
        const data = join(opts.dataDir, party.toLowerCase());
        mkdirSync(data, { recursive: true });
        const { node } = await initNode(
          { data, db: `sqlite:${join(data, 'accord.sqlite')}` },
          {
            party,
            nodeId: `accord-${party.toLowerCase()}`,
            accreditation: 2,
            ...(party === DEMO_DEPOSITARY ? { depositary: true } : {}),
          },
        );
        // The demo's values are documentation addresses and names (RFC 5737) on purpose: those
        // lists are switched off here, or the demo's own C2 would be missing from its feeds.
        const config = warninglistConfig(node);
        useWarninglists(
          node,
          loadWarninglists({ ...config, off: [...(config.off ?? []), ...DOCUMENTATION_LISTS] }),
        );
        const password = demoPassword(party);
        const tokens = {} as Record<Role, string>;
        for (const role of ROLES) {
          const name = `${role}-${party.toLowerCase()}`;
          let user = await findUserByName(node.store.db, name);
          if (!user) {
            user = await addUser(node.store.db, { party, name, role });
            await setPasswordHash(node.store.db, user.id, await hashPassword(password));
          }
          tokens[role] = (await createToken(node.store.db, user, 'demo')).token;
        }
        const app = await buildApp(node, { smtp: opts.smtp ?? null });
        const port = opts.basePort + i;
        await app.listen({ port, host });
        nodes[i] = {
          party,
          url: `http://${host}:${port}`,
          node,
          app,
          federation: null,
          alerts: null,
          tokens,
          password,
        };
      }),
    );
    await peerEveryone(nodes);
    const depositary = nodes.find((n) => n.party === DEMO_DEPOSITARY)!.node.settings.nodeId;
    for (const n of nodes) if (n.party !== DEMO_DEPOSITARY) await followDepositary(n.node, depositary);
    for (const n of nodes) {
      // Pull often: the demo is watched by people, not measured for load.
      n.federation = new FederationService(n.node, { pullIntervalMs: 5_000 });
      await n.federation.start();
    }
    const steps = await seedScenario(nodes);
    // Started once the scenario is seeded, so its polling does not slow the seeding; what the
    // scenario raised is queued already and goes out on the first round.
    for (const n of nodes) {
      n.alerts = new AlertSender(n.node, { smtp: opts.smtp ?? null });
      n.alerts.start();
    }
    return { nodes, steps };
  } catch (e) {
    await stopDemo(nodes.filter(Boolean));
    throw e;
  }
}

/** A full mesh: every node pins every other node's key and URL. */
async function peerEveryone(nodes: readonly DemoNode[]): Promise<void> {
  for (const a of nodes) {
    for (const b of nodes) {
      if (a === b || (await getPeer(a.node.store.db, b.node.settings.nodeId))) continue;
      await addPeer(a.node.store.db, {
        party: b.party,
        nodeId: b.node.settings.nodeId,
        url: b.url,
        publicKeyJwk: b.node.keys.publicJwk,
      });
    }
  }
}

export async function stopDemo(nodes: readonly DemoNode[]): Promise<void> {
  await Promise.all(nodes.flatMap((n) => [n.federation?.stop(), n.alerts?.stop()]));
  for (const n of nodes) {
    await n.app.close();
    await n.node.close();
  }
}
