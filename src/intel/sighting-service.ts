// Reporting a sighting: "we saw this" from a SOC, a sensor or an analyst, as a STIX
// sighting signed by this node for its Party. It travels like any object, so the Party
// that reported the indicator learns where it was seen, as far as the sighting's TLP lets
// it go. One can sight only what one may see: the target passes the policy gate first.

import { randomUUID } from 'node:crypto';
import { recordAudit } from '../audit/log.js';
import { AccordError } from '../errors.js';
import { type DisclosedStix, disclosedObject } from '../node/disclosed.js';
import { type Audience, disclosable } from '../node/disclosure.js';
import { partyIdentity } from '../node/identity.js';
import { importStix, refusal } from '../node/ingest.js';
import type { AccordNode } from '../node/node.js';
import { TLP2_IDS, type TlpLevel } from '../policy/index.js';
import { latestCopiesList, latestOwn } from '../store/index.js';

export interface SightingReport {
  /** The STIX id of what was seen: usually an indicator. */
  of: string;
  count?: number;
  first_seen?: string;
  last_seen?: string;
  description?: string;
  /** Default AMBER: every Party in force may see it, none may pass it on. */
  tlp?: TlpLevel;
}

export interface Reporter {
  party: string;
  name: string;
  audience: Audience;
}

export async function reportSighting(
  node: AccordNode,
  reporter: Reporter,
  input: SightingReport,
): Promise<DisclosedStix> {
  const of = input.of.toLowerCase();
  // Any copy of the id the reporter may see will do: each Party's copy is decided alone.
  const copies = await latestCopiesList(node.store.db, [of]);
  const visible = copies.length > 0 ? await disclosable(node, reporter.audience, copies, 'rest') : [];
  // Not found and not visible answer alike: a sighting must not probe for what exists.
  if (visible.length === 0)
    throw new AccordError('ACCORD_NOT_FOUND', `no object ${input.of} that you may see`);
  if (input.first_seen && input.last_seen && Date.parse(input.last_seen) < Date.parse(input.first_seen))
    throw new AccordError('ACCORD_VALIDATION', 'last_seen is earlier than first_seen', {
      errors: [
        { path: '$.last_seen', code: 'time-order', message: 'last_seen must not be earlier than first_seen' },
      ],
    });
  const now = new Date().toISOString();
  const identity = partyIdentity(reporter.party);
  const sighting: Record<string, unknown> = {
    type: 'sighting',
    spec_version: '2.1',
    id: `sighting--${randomUUID()}`,
    created: now,
    modified: now,
    created_by_ref: identity,
    sighting_of_ref: of,
    count: input.count ?? 1,
    ...(input.first_seen ? { first_seen: input.first_seen } : {}),
    ...(input.last_seen ? { last_seen: input.last_seen } : {}),
    where_sighted_refs: [identity],
    ...(input.description ? { description: input.description } : {}),
    object_marking_refs: [TLP2_IDS[input.tlp ?? 'amber']],
  };
  const stored = await importStix(
    node,
    {
      party: reporter.party,
      sourceNode: node.settings.nodeId,
      sign: true,
      exercise: reporter.audience.exercise ?? null,
    },
    sighting,
  );
  if (!stored.ok) throw refusal(stored);
  await recordAudit(node, [
    {
      at: now,
      actor: { kind: 'user', id: reporter.name, party: reporter.party },
      action: 'sighting.reported',
      subject: { type: 'sighting', id: sighting.id as string },
      details: { of, originators: [...new Set(visible.map((v) => v.party))].sort(), count: sighting.count },
    },
  ]);
  // Handed back as the reporter's own copy, through the gate like every STIX reply.
  const mine = (await latestOwn(node.store.db, reporter.party, [sighting.id as string])).get(
    sighting.id as string,
  );
  const [own] = mine ? await disclosable(node, reporter.audience, [mine], 'rest') : [];
  if (!own) throw new AccordError('ACCORD_INTERNAL', `sighting ${String(sighting.id)} was not stored`);
  return disclosedObject(own);
}
