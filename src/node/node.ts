import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AgreementDefinition } from '../agreement/index.js';
import { AccordError } from '../errors.js';
import {
  type NodeSettings,
  openStore,
  parseStoreUrl,
  readAgreementDefinition,
  readNodeSettings,
  type Store,
  writeAgreementDefinition,
  writeNodeSettings,
} from '../store/index.js';
import { NodeCaches } from './caches.js';
import { createNodeKeys, KEY_FILE, loadNodeKeys, type NodeKeys } from './keys.js';
import { defaultNodeLogger, type NodeLogger } from './log.js';

/** A national node as the services see it: its store, who it is, and its keys. */
export interface AccordNode {
  store: Store;
  settings: NodeSettings;
  dataDir: string;
  keys: NodeKeys;
  /** What services keep in memory for this node; dropped when it closes. */
  caches: NodeCaches;
  /** Where the node and its HTTP server log what no caller waits for. */
  log: NodeLogger;
  close(): Promise<void>;
}

export interface NodeLocation {
  data: string;
  db: string;
  /** The node's logger; warnings and errors on standard error when absent. */
  log?: NodeLogger;
}

export interface InitOptions {
  party: string;
  accreditation?: number;
  nodeId?: string;
  /** The depositary's node: its administrators may record the Agreement's events. */
  depositary?: boolean;
  /** Another agreement definition, already parsed; the shipped 2017 Agreement when absent. */
  agreement?: AgreementDefinition;
}

/**
 * Makes a node for a Party: the data directory, the database schema, the key pair and
 * the node's settings. Running it again for the same Party changes nothing.
 */
export async function initNode(
  loc: NodeLocation,
  opts: InitOptions,
): Promise<{ node: AccordNode; created: boolean }> {
  if (!/^[A-Z]{2}$/.test(opts.party)) {
    throw new AccordError(
      'ACCORD_VALIDATION',
      `party '${opts.party}' must be a two-letter Party code such as KZ`,
    );
  }
  mkdirSync(loc.data, { recursive: true, mode: 0o700 });
  const store = await openStore(loc.db);
  try {
    const existing = await readNodeSettings(store.db);
    if (existing) {
      if (existing.party !== opts.party) {
        throw new AccordError(
          'ACCORD_CONFLICT',
          `this node was initialised for ${existing.party}, not ${opts.party} (${store.db.display})`,
        );
      }
      await refuseChangedSettings(store, existing, opts);
      return { node: assemble(loc, store, existing, loadNodeKeys(loc.data)), created: false };
    }
    const keys = createNodeKeys(loc.data);
    const settings: NodeSettings = {
      party: opts.party,
      nodeId: opts.nodeId ?? `accord-${opts.party.toLowerCase()}-${randomBytes(4).toString('hex')}`,
      accreditation: opts.accreditation ?? 0,
      publicKeyJwk: keys.publicJwk,
      createdAt: new Date().toISOString(),
      ...(opts.depositary ? { depositary: true } : {}),
    };
    // The definition first: a node whose settings exist is taken as fully made.
    if (opts.agreement) await writeAgreementDefinition(store.db, opts.agreement);
    await writeNodeSettings(store.db, settings);
    return { node: assemble(loc, store, settings, keys), created: true };
  } catch (e) {
    await store.close();
    throw e;
  }
}

/**
 * Running init again changes nothing, so a flag that would change the node is refused rather
 * than silently ignored: the operator would otherwise believe the node is the depositary's.
 */
async function refuseChangedSettings(store: Store, existing: NodeSettings, opts: InitOptions): Promise<void> {
  if (opts.depositary && !existing.depositary) {
    throw new AccordError(
      'ACCORD_CONFLICT',
      `node ${existing.nodeId} was initialised without --depositary; it cannot be changed by init again`,
    );
  }
  if (opts.agreement) {
    const stored = await readAgreementDefinition(store.db);
    if (JSON.stringify(stored) !== JSON.stringify(opts.agreement)) {
      throw new AccordError(
        'ACCORD_CONFLICT',
        `node ${existing.nodeId} already uses ${stored ? `agreement '${stored.id}'` : 'the default agreement'}; it cannot be changed by init again`,
      );
    }
  }
}

/** Opens a node made by initNode; says what to run when there is none. */
export async function openNode(loc: NodeLocation): Promise<AccordNode> {
  const where = parseStoreUrl(loc.db);
  if (where.dialect === 'sqlite' && where.path !== ':memory:' && !existsSync(where.path)) {
    throw new AccordError(
      'ACCORD_NOT_FOUND',
      `no Accord node at ${loc.data}: run 'accord init --party CODE' first`,
    );
  }
  const store = await openStore(loc.db);
  try {
    const settings = await readNodeSettings(store.db);
    if (!settings || !existsSync(join(loc.data, KEY_FILE))) {
      throw new AccordError(
        'ACCORD_NOT_FOUND',
        `no Accord node at ${loc.data} (${store.db.display}): run 'accord init --party CODE' first`,
      );
    }
    return assemble(loc, store, settings, loadNodeKeys(loc.data));
  } catch (e) {
    await store.close();
    throw e;
  }
}

function assemble(loc: NodeLocation, store: Store, settings: NodeSettings, keys: NodeKeys): AccordNode {
  const caches = new NodeCaches();
  return {
    store,
    settings,
    dataDir: loc.data,
    keys,
    caches,
    log: (loc.log ?? defaultNodeLogger()).child({ node: settings.nodeId }),
    close: () => {
      caches.clear();
      return store.close();
    },
  };
}
