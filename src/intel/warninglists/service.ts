// The warninglists a node uses: the shipped ones (data/warninglists/, written from the RFCs)
// and the operator's, read from ACCORD_WARNINGLISTS_DIR or, when that is not set, from
// `warninglists/` in the node's data directory. Read once per node and kept; a list that
// cannot be read stops the node with an error naming the file rather than being skipped,
// since a silently missing list lets benign values into every firewall fed from here.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AccordError } from '../../errors.js';
import { cacheSlot } from '../../node/caches.js';
import type { AccordNode } from '../../node/node.js';
import { parseWarninglist, type Warninglist } from './format.js';
import { WarninglistMatcher } from './matcher.js';

export const SHIPPED_WARNINGLISTS = fileURLToPath(new URL('../../../data/warninglists/', import.meta.url));
export const WARNINGLISTS_ENV = 'ACCORD_WARNINGLISTS_DIR';
/** Comma-separated ids of lists to leave unused (shipped or the operator's). */
export const WARNINGLISTS_OFF_ENV = 'ACCORD_WARNINGLISTS_OFF';
/**
 * The lists of values reserved for documentation and tests. Training data, the demo and
 * test suites are made of these on purpose (RFC 5737, RFC 2606), and switch these lists off.
 */
export const DOCUMENTATION_LISTS = ['documentation-ranges', 'reserved-names'] as const;

/**
 * Every list in a directory: `NAME.json` files, and MISP's own layout `NAME/list.json`
 * (a checkout of MISP's warninglists repository's `lists/` folder works as it is).
 */
export function readWarninglistDir(dir: string): Warninglist[] {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch (e) {
    throw new AccordError('ACCORD_VALIDATION', `warninglists directory ${dir}: ${(e as Error).message}`);
  }
  const out: Warninglist[] = [];
  for (const name of names) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      const inner = join(path, 'list.json');
      if (existsSync(inner)) out.push(parseWarninglist(inner, name, readFileSync(inner, 'utf8')));
    } else if (name.endsWith('.json')) {
      out.push(parseWarninglist(path, basename(name, '.json'), readFileSync(path, 'utf8')));
    }
  }
  return out;
}

/** The operator's directory for this node, or null when there is none. */
export function operatorWarninglistDir(node: AccordNode): string | null {
  const env = process.env[WARNINGLISTS_ENV];
  if (env) return env;
  const own = join(node.dataDir, 'warninglists');
  return existsSync(own) ? own : null;
}

export interface WarninglistConfig {
  /** The operator's directory of lists, or null. */
  dir: string | null;
  /** Ids of lists not to use. */
  off?: readonly string[];
}

/** The configuration the environment gives (docs/administration.md). */
export function warninglistConfig(node: AccordNode): WarninglistConfig {
  const off = (process.env[WARNINGLISTS_OFF_ENV] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return { dir: operatorWarninglistDir(node), off };
}

/** Shipped lists, then the operator's; an operator list with a shipped list's id replaces it. */
export function loadWarninglists(config: WarninglistConfig): WarninglistMatcher {
  const byId = new Map<string, Warninglist>();
  for (const l of readWarninglistDir(SHIPPED_WARNINGLISTS)) byId.set(l.id, l);
  if (config.dir) for (const l of readWarninglistDir(config.dir)) byId.set(l.id, l);
  for (const id of config.off ?? []) byId.delete(id);
  return new WarninglistMatcher([...byId.values()]);
}

const LISTS = cacheSlot<WarninglistMatcher | null>('warninglists', () => null);

/** The node's warninglists, read on first use. */
export function warninglistsOf(node: AccordNode): WarninglistMatcher {
  let m = node.caches.get(LISTS);
  if (!m) {
    m = loadWarninglists(warninglistConfig(node));
    node.caches.set(LISTS, m);
  }
  return m;
}

/** Uses these lists for the node from now on (the demo, tests, a reload after lists changed). */
export function useWarninglists(node: AccordNode, lists: WarninglistMatcher): void {
  node.caches.set(LISTS, lists);
}
