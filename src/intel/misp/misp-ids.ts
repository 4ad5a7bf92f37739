// Ids for what MISP gives: MISP's own uuid where it has one (so importing an event twice gives
// the same objects), otherwise a UUIDv5 over what the object is made from.

import { v5 as uuidv5 } from 'uuid';
import { isStixId } from '../../stix/ids.js';

export const MISP_ID_NAMESPACE = '5b0d51c6-ff3b-4f1c-9a55-2a6a53e2f1f4';

export function derivedUuid(...parts: readonly string[]): string {
  return uuidv5(parts.join('\u0000'), MISP_ID_NAMESPACE);
}

/** `type--uuid` from a MISP uuid; one that is not a well-formed UUID is hashed into one. */
export function idFromMisp(type: string, mispUuid: string | undefined, ...salt: readonly string[]): string {
  const u = mispUuid?.toLowerCase();
  if (u && salt.length === 0 && isStixId(`${type}--${u}`)) return `${type}--${u}`;
  return `${type}--${derivedUuid(type, u ?? '', ...salt)}`;
}
