// MISP events into the store: mapped to STIX (misp-to-stix.ts), then through the same import
// as any STIX bundle — validated, all or nothing — with the mapping's own report beside it.

import { defaultAgreement } from '../../agreement/index.js';
import { type ImportResult, type ImportSource, importStix } from '../../node/ingest.js';
import type { AccordNode } from '../../node/node.js';
import { readAgreementDefinition } from '../../store/index.js';
import { flagImport } from '../warninglists/flag-import.js';
import { warninglistsOf } from '../warninglists/service.js';
import type { PartyName } from './misp-markings.js';
import type { Rec } from './misp-shape.js';
import { mapMispEvent, type UnmappedItem } from './misp-to-stix.js';

export interface MispImportResult extends ImportResult {
  misp: {
    events: { uuid: string; info: string; counts: Record<string, number> }[];
    unmapped: UnmappedItem[];
  };
}

export async function partyNames(node: AccordNode): Promise<PartyName[]> {
  const def = (await readAgreementDefinition(node.store.db)) ?? defaultAgreement();
  return def.parties.map((p) => ({ code: p.code, names: [p.name.en, p.name.ru] }));
}

/** Maps the events and imports them as one bundle: all of them are stored, or none. */
export async function importMispEvents(
  node: AccordNode,
  source: ImportSource,
  events: readonly { path: string; event: Rec }[],
): Promise<MispImportResult> {
  const parties = await partyNames(node);
  const objects = new Map<string, Record<string, unknown>>();
  const summary: MispImportResult['misp'] = { events: [], unmapped: [] };
  for (const { path, event } of events) {
    const m = mapMispEvent(event, path, { ownerParty: source.party, parties });
    // Organisations, clusters and markings recur across events: one copy of each version.
    for (const o of m.objects) {
      const key = `${o.id}\u0000${o.modified ?? ''}`;
      if (!objects.has(key)) objects.set(key, o);
    }
    summary.events.push({ uuid: m.uuid, info: m.info, counts: m.counts });
    summary.unmapped.push(...m.unmapped);
  }
  const bundle = { type: 'bundle', id: `bundle--${crypto.randomUUID()}`, objects: [...objects.values()] };
  const result = await importStix(node, source, bundle);
  flagImport(warninglistsOf(node), bundle.objects, result.report);
  return { ...result, misp: summary };
}
