// The HTTP side of the gate (docs/policy.md, "A gate no route can skip"). Every reply of
// every route passes here before it is serialised: any STIX object in it must be one the
// disclosure gate made (src/node/disclosed.ts). A reply sent as ready-made text (TAXII
// splices the store's canonical JSON) must be made by `sendDisclosedText`, which checks each
// version it splices. Anything else that carries STIX is refused with a logged 500
// (ACCORD_UNGATED_DISCLOSURE): a route that forgot the gate, found by its first test.

import type { FastifyInstance, FastifyReply } from 'fastify';
import { AccordError } from '../errors.js';
import { assertDisclosed, type Disclosed, isDisclosed } from '../node/disclosed.js';

/** Replies whose payload was checked (or made from disclosed versions) before serialising. */
const checked = new WeakSet<FastifyReply>();

// A STIX object, as opposed to a summary that names one: its id is `type--…` and it has at
// least one property only a whole object has.
const WHOLE_OBJECT_KEYS = [
  'spec_version',
  'created',
  'modified',
  'value',
  'hashes',
  'extensions',
  'object_marking_refs',
];

function isStixObject(o: Record<string, unknown>): boolean {
  const type = o.type;
  if (typeof type !== 'string') return false;
  const id = o.id;
  if (typeof id !== 'string' || !id.startsWith(type) || !id.startsWith('--', type.length)) return false;
  for (const k of WHOLE_OBJECT_KEYS) if (k in o) return true;
  return false;
}

/** Whether `payload` holds a STIX object the gate did not make. One pass, no allocation per value. */
export function hasUngatedStix(payload: unknown): boolean {
  const stack: unknown[] = [payload];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value) if (typeof item === 'object' && item !== null) stack.push(item);
      continue;
    }
    const o = value as Record<string, unknown>;
    // What the gate made is sent whole; nothing inside it is a separate disclosure.
    if (isDisclosed(o)) continue;
    if (isStixObject(o)) return true;
    for (const k in o) {
      const v = o[k];
      if (typeof v === 'object' && v !== null) stack.push(v);
    }
  }
  return false;
}

/** The path of the first STIX object in `payload` that the gate did not make, or undefined. */
export function ungatedStix(payload: unknown, path = '$'): string | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  if (Array.isArray(payload)) {
    for (const [i, item] of payload.entries()) {
      const found = ungatedStix(item, `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  const o = payload as Record<string, unknown>;
  if (isDisclosed(o)) return undefined;
  if (isStixObject(o)) return path;
  for (const [k, v] of Object.entries(o)) {
    const found = ungatedStix(v, `${path}.${k}`);
    if (found) return found;
  }
  return undefined;
}

function refuse(where: string): never {
  throw new AccordError(
    'ACCORD_UNGATED_DISCLOSURE',
    `internal error: the reply carried STIX that did not pass the disclosure gate (at ${where})`,
  );
}

/**
 * Sends text spliced from disclosed versions (TAXII envelopes): each version is checked,
 * and the reply is marked so that the text check below lets it through.
 */
export function sendDisclosedText(
  reply: FastifyReply,
  versions: readonly Disclosed<{ json: string }>[],
  text: string,
): FastifyReply {
  for (const v of versions) assertDisclosed(v, 'version');
  checked.add(reply);
  return reply.send(text);
}

/** Installs the check on every route of `app` (call before any route is registered). */
export function guardStixReplies(app: FastifyInstance): void {
  app.addHook('preSerialization', async (_request, reply, payload) => {
    // The fast check on every reply; the path is worked out only for the error message.
    if (hasUngatedStix(payload)) refuse(ungatedStix(payload) ?? '$');
    checked.add(reply);
    return payload;
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    // Text that was not serialised from checked objects nor made by sendDisclosedText, and
    // that reads as STIX: a route built the JSON itself, around the gate.
    if (typeof payload === 'string' && !checked.has(reply) && payload.includes('"spec_version"')) {
      refuse('a reply sent as text');
    }
    return payload;
  });
}
