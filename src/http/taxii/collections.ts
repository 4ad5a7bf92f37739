import { AccordError } from '../../errors.js';
import type { Role } from '../../store/index.js';
import type { Principal } from '../principal.js';
import { STIX_MEDIA_TYPE } from './media-type.js';

/**
 * The collections of the API root. Collections are views of the one object store, not
 * separate stores: each is a type restriction, and what a reader sees in it is further cut
 * down, version by version, by the disclosure policy for the reader's Party.
 */
export interface CollectionDef {
  id: string;
  alias: string;
  title: string;
  description: string;
  /** STIX types the collection holds; undefined for every type. */
  types?: readonly string[];
  /** Whether objects may be posted to it (by a role that may write). */
  writable: boolean;
}

export const ALL_OBJECTS_ID = '6c0b7e2a-4f1d-4a8e-9b3c-2d5e8f1a7c40';
export const INDICATORS_ID = 'b3f9d6e1-8a2c-4e7b-a5d4-1c9e0f3b6a21';

export const COLLECTIONS: readonly CollectionDef[] = [
  {
    id: ALL_OBJECTS_ID,
    alias: 'all',
    title: 'Accord — all shared objects',
    description:
      'Every version of every STIX object this node holds that the policy lets your Party see. Objects posted here are recorded as originated by your Party.',
    writable: true,
  },
  {
    id: INDICATORS_ID,
    alias: 'indicators',
    title: 'Accord — indicators',
    description: 'The indicators among the shared objects, for firewalls, resolvers and SIEMs. Read-only.',
    types: ['indicator'],
    writable: false,
  },
];

/** Roles that may add objects: every role a user can have today, listed so a new one is not silently a writer. */
const WRITER_ROLES: readonly Role[] = ['analyst', 'liaison', 'admin'];

export function canWrite(c: CollectionDef, principal: Principal): boolean {
  return c.writable && WRITER_ROLES.includes(principal.user.role);
}

/** The collection named by id (or alias), or a 404. */
export function findCollection(idOrAlias: string): CollectionDef {
  const c = COLLECTIONS.find((x) => x.id === idOrAlias || x.alias === idOrAlias);
  if (!c) throw new AccordError('ACCORD_NOT_FOUND', `no collection ${idOrAlias} in this API root`);
  return c;
}

/** The TAXII collection resource as this principal sees it. */
export function collectionResource(c: CollectionDef, principal: Principal) {
  return {
    id: c.id,
    title: c.title,
    description: c.description,
    alias: c.alias,
    can_read: true,
    can_write: canWrite(c, principal),
    media_types: [STIX_MEDIA_TYPE],
  };
}

/** The types a request may see in a collection: its own restriction intersected with match[type]. */
export function collectionTypes(c: CollectionDef, matchTypes?: readonly string[]): string[] | undefined {
  if (!c.types) return matchTypes ? [...matchTypes] : undefined;
  return matchTypes ? c.types.filter((t) => matchTypes.includes(t)) : [...c.types];
}
