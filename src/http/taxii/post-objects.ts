import { randomUUID } from 'node:crypto';
import { AccordError } from '../../errors.js';
import { type ImportReportEntry, importStix, refusal } from '../../node/ingest.js';
import type { AccordNode } from '../../node/node.js';
import { isStixTimestamp, timestampKey } from '../../stix/timestamp.js';
import { microsToIso } from '../../store/clock.js';
import { getVersions } from '../../store/index.js';
import { saveTaxiiStatus } from '../../store/taxii-status-repo.js';

interface StatusDetail {
  id: string;
  version: string;
  message?: string;
}

/** The TAXII status resource (specification §4.3.1). */
export interface TaxiiStatus {
  id: string;
  status: 'complete' | 'pending';
  request_timestamp: string;
  total_count: number;
  success_count: number;
  successes: StatusDetail[];
  failure_count: number;
  failures: StatusDetail[];
  pending_count: number;
  pendings: StatusDetail[];
}

function rawVersion(raw: unknown, fallback: string): string {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as { modified?: unknown; created?: unknown };
  const ts = isStixTimestamp(r.modified) ? r.modified : isStixTimestamp(r.created) ? r.created : undefined;
  return ts === undefined ? fallback : timestampKey(ts);
}

function failureMessage(e: ImportReportEntry): string {
  if (e.status === 'skipped') {
    return 'valid, but not stored: a request is stored all or nothing, and another object in it was refused';
  }
  const first = e.errors?.[0];
  if (!first) return 'refused';
  const more = (e.errors?.length ?? 1) > 1 ? ` (and ${(e.errors?.length ?? 1) - 1} more problems)` : '';
  return `${first.path.replace(/^\$\.objects\[\d+\]/, '$')}: ${first.message}${more}`;
}

/**
 * Imports the objects of a TAXII envelope as originated by the poster's Party, through the
 * same validated, all-or-nothing import as REST bundles, and records the status resource.
 * Import is synchronous, so the status is complete when it is returned.
 */
export async function postObjects(node: AccordNode, party: string, body: unknown): Promise<TaxiiStatus> {
  const objects = (body as { objects?: unknown } | null)?.objects;
  if (typeof body !== 'object' || body === null || Array.isArray(body) || !Array.isArray(objects)) {
    throw new AccordError(
      'ACCORD_BAD_REQUEST',
      'the body must be a TAXII envelope: {"objects": [STIX objects]}',
    );
  }
  const now = Date.now() * 1000;
  const requestTimestamp = microsToIso(now);
  const status: TaxiiStatus = {
    id: randomUUID(),
    status: 'complete',
    request_timestamp: requestTimestamp,
    total_count: objects.length,
    success_count: 0,
    successes: [],
    failure_count: 0,
    failures: [],
    pending_count: 0,
    pendings: [],
  };
  if (objects.length > 0) {
    const bundle = { type: 'bundle', id: `bundle--${randomUUID()}`, objects };
    const source = { party, sourceNode: node.settings.nodeId };
    const result = await importStix(node, source, bundle);
    // Problems with the request as a whole (rather than with one object) have no status entry.
    if (!result.ok && result.errors.length > 0 && result.refused === 0) throw refusal(result);
    for (const e of result.report) {
      const raw = objects[e.index];
      const id = e.id ?? `objects[${e.index}]`;
      if (e.status === 'created' || e.status === 'unchanged') {
        let version = rawVersion(raw, '');
        // Objects without modified or created are versioned by their date_added.
        if (version === '')
          version = microsToIso((await getVersions(node.store.db, id, party))[0]?.dateAdded ?? now);
        const message = e.status === 'created' ? 'stored' : 'already held: nothing changed';
        status.successes.push({ id, version, message });
      } else {
        status.failures.push({ id, version: rawVersion(raw, requestTimestamp), message: failureMessage(e) });
      }
    }
    status.success_count = status.successes.length;
    status.failure_count = status.failures.length;
  }
  await saveTaxiiStatus(node.store.db, {
    party,
    id: status.id,
    createdAt: now,
    json: JSON.stringify(status),
  });
  return status;
}
