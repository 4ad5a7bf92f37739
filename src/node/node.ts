import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AccordError } from '../errors.js';
import {
  type NodeSettings,
  openStore,
  parseStoreUrl,
  readNodeSettings,
  type Store,
  writeNodeSettings,
} from '../store/index.js';
import { createNodeKeys, KEY_FILE, loadNodeKeys, type NodeKeys } from './keys.js';

/** A national node as the services see it: its store, who it is, and its keys. */
export interface AccordNode {
  store: Store;
  settings: NodeSettings;
  dataDir: string;
  keys: NodeKeys;
  close(): Promise<void>;
}

export interface NodeLocation {
  data: string;
  db: string;
}

export interface InitOptions {
  party: string;
  accreditation?: number;
  nodeId?: string;
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
      return { node: assemble(loc, store, existing, loadNodeKeys(loc.data)), created: false };
    }
    const keys = createNodeKeys(loc.data);
    const settings: NodeSettings = {
      party: opts.party,
      nodeId: opts.nodeId ?? `accord-${opts.party.toLowerCase()}-${randomBytes(4).toString('hex')}`,
      accreditation: opts.accreditation ?? 0,
      publicKeyJwk: keys.publicJwk,
      createdAt: new Date().toISOString(),
    };
    await writeNodeSettings(store.db, settings);
    return { node: assemble(loc, store, settings, keys), created: true };
  } catch (e) {
    await store.close();
    throw e;
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
  return { store, settings, dataDir: loc.data, keys, close: () => store.close() };
}
