import { AccordError } from '../../errors.js';
import { publishedVersionsOf } from '../../exchange/definitions.js';
import { type Audience, disclosable } from '../../node/disclosure.js';
import type { AccordNode } from '../../node/node.js';
import { getVersions, type StoredVersion } from '../../store/index.js';
import { type CollectionDef, collectionTypes } from './collections.js';

const STIX_ID = /^[a-z0-9][a-z0-9-]+[a-z0-9]--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The versions of one object that the audience may see in a collection, oldest first (or the
 * published definition of that id when the reader may see no stored copy); a
 * 404 when there are none, so an object the reader may not see looks like one that does
 * not exist.
 */
export async function visibleVersions(
  node: AccordNode,
  audience: Audience,
  collection: CollectionDef,
  objectId: string,
): Promise<StoredVersion[]> {
  if (!STIX_ID.test(objectId))
    throw new AccordError('ACCORD_BAD_REQUEST', `'${objectId}' is not a STIX identifier`);
  const types = collectionTypes(collection);
  const held = (await getVersions(node.store.db, objectId)).filter((v) => !types || types.includes(v.type));
  let visible = held.length === 0 ? [] : await disclosable(node, audience, held, 'taxii');
  // Every collection carries the definitions Accord publishes (src/exchange/definitions.ts).
  if (visible.length === 0)
    visible = await disclosable(node, audience, await publishedVersionsOf(node, objectId), 'taxii');
  if (visible.length === 0) {
    throw new AccordError('ACCORD_NOT_FOUND', `no object ${objectId} in collection ${collection.id}`);
  }
  return visible;
}
