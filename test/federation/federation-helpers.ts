import type { FastifyInstance } from 'fastify';
import { type FederationOptions, FederationService } from '../../src/federation/peering/service.js';
import { buildApp } from '../../src/http/app.js';
import { importStix } from '../../src/node/ingest.js';
import { type AccordNode, initNode } from '../../src/node/node.js';
import { getVersions } from '../../src/store/index.js';
import { addPeer, writeFederationSettings } from '../../src/store/peers-repo.js';
import { type TestBackend, tempDir } from '../helpers/stores.js';

export interface FedNode {
  party: string;
  /** Its data directory and store URL, for a CLI or `accord serve` process on the same node. */
  data: string;
  db: string;
  node: AccordNode;
  app: FastifyInstance;
  url: string;
  port: number;
  service: FederationService | null;
  startService(o?: FederationOptions): Promise<FederationService>;
  /** Closes the HTTP server and the federation service; the store stays open. */
  stopServing(): Promise<void>;
  /** Listens again on the same port. */
  serveAgain(): Promise<void>;
}

export interface Federation {
  nodes: Map<string, FedNode>;
  get(party: string): FedNode;
  dispose(): Promise<void>;
}

const FAST: FederationOptions = { pullIntervalMs: 60_000, baseBackoffMs: 50, maxBackoffMs: 400 };

export interface FederationSetup {
  /** The store every node uses; each node's own SQLite file when absent. */
  backend?: TestBackend;
  /** The Party whose node is made with `--depositary`. */
  depositary?: string;
}

/** Nodes of the given Parties on loopback ports, each with its own store, not yet peered. */
export async function startFederation(
  parties: readonly string[],
  setup: FederationSetup = {},
): Promise<Federation> {
  const dir = tempDir();
  const nodes = new Map<string, FedNode>();
  const stores: { dispose(): Promise<void> }[] = [];
  for (const party of parties) {
    const data = `${dir.path}/${party.toLowerCase()}`;
    const store = setup.backend?.fresh();
    if (store) stores.push(store);
    const db = store?.url ?? `sqlite:${data}/accord.sqlite`;
    const { node } = await initNode(
      { data, db },
      { party, nodeId: `accord-${party.toLowerCase()}`, depositary: setup.depositary === party },
    );
    const f: FedNode = {
      party,
      data,
      db,
      node,
      app: await buildApp(node),
      url: '',
      port: 0,
      service: null,
      async startService(o = {}) {
        f.service = new FederationService(node, { ...FAST, ...o });
        await f.service.start();
        return f.service;
      },
      async stopServing() {
        await f.service?.stop();
        f.service = null;
        await f.app.close();
      },
      async serveAgain() {
        f.app = await buildApp(node);
        await f.app.listen({ port: f.port, host: '127.0.0.1' });
      },
    };
    await f.app.listen({ port: 0, host: '127.0.0.1' });
    const addr = f.app.server.address();
    f.port = typeof addr === 'object' && addr ? addr.port : 0;
    f.url = `http://127.0.0.1:${f.port}`;
    nodes.set(party, f);
  }
  return {
    nodes,
    get: (p) => nodes.get(p)!,
    async dispose() {
      for (const f of nodes.values()) {
        await f.service?.stop();
        await f.app.close();
        await f.node.close();
      }
      for (const s of stores) await s.dispose();
      dir.dispose();
    },
  };
}

/** Every node pins every other's key and URL; `relayOnly` pairs pin the key without a URL. */
export async function peerAll(
  fed: Federation,
  opts: { pairs?: [string, string][]; relayOnly?: [string, string][] } = {},
): Promise<void> {
  const all = [...fed.nodes.values()];
  const pairs =
    opts.pairs ??
    all.flatMap((a) => all.filter((b) => b !== a).map((b) => [a.party, b.party] as [string, string]));
  const pin = async (a: FedNode, b: FedNode, url: string | null) =>
    addPeer(a.node.store.db, {
      party: b.party,
      nodeId: b.node.settings.nodeId,
      url,
      publicKeyJwk: b.node.keys.publicJwk,
    });
  for (const [x, y] of pairs) await pin(fed.get(x), fed.get(y), fed.get(y).url);
  for (const [x, y] of opts.relayOnly ?? []) await pin(fed.get(x), fed.get(y), null);
}

export async function setHub(f: FedNode, hub: boolean): Promise<void> {
  await writeFederationSettings(f.node.store.db, { hub });
}

/** Imports objects on a node as its own Party made them there. */
export async function create(f: FedNode, objects: Record<string, unknown>[]): Promise<void> {
  const r = await importStix(
    f.node,
    { party: f.party, sourceNode: f.node.settings.nodeId },
    { type: 'bundle', id: 'bundle--00000000-0000-4000-8000-000000000001', objects },
  );
  if (!r.ok) throw new Error(`import failed: ${JSON.stringify(r.report.filter((e) => e.errors))}`);
}

export async function versionsOn(f: FedNode, id: string) {
  return getVersions(f.node.store.db, id);
}

/** Waits until `check` holds, polling; fails with `what` after the timeout. */
export async function eventually(
  check: () => Promise<boolean>,
  what: string,
  timeoutMs = 5000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
