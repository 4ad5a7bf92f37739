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
  const { type, id } = o;
  if (typeof type !== 'string' || typeof id !== 'string' || !id.startsWith(`${type}--`)) return false;
  return WHOLE_OBJECT_KEYS.some((k) => k in o);
}

/** The path of the first STIX object in `payload` that the gate did not make, or undefined. */
export function ungatedStix(payload: unknown): string | undefined {
  const stack: [unknown, string][] = [[payload, '$']];
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) {
        const item = value[i];
        if (typeof item === 'object' && item !== null) stack.push([item, `${path}[${i}]`]);
      }
      continue;
    }
    const o = value as Record<string, unknown>;
    if (isStixObject(o)) {
      if (!isDisclosed(o)) return path;
      // What the gate made is sent whole; nothing inside it is a separate disclosure.
      continue;
    }
    for (const [k, v] of Object.entries(o))
      if (typeof v === 'object' && v !== null) stack.push([v, `${path}.${k}`]);
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
    const where = ungatedStix(payload);
    if (where !== undefined) refuse(where);
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
