import { randomUUID } from 'node:crypto';
import { importBundleStream } from '../../intel/import-stream.js';
import { type ImportReportEntry, refusal } from '../../node/ingest.js';
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
 * same streamed, validated, all-or-nothing import as REST bundles (the body is read object by
 * object, never as one string), and records the status resource. Import is synchronous, so
 * the status is complete when it is returned.
 */
export async function postObjects(
  node: AccordNode,
  party: string,
  body: AsyncIterable<Buffer | string>,
  maxBytes: number,
): Promise<TaxiiStatus> {
  const now = Date.now() * 1000;
  const requestTimestamp = microsToIso(now);
  // What the status says of each object: its id and version as posted, kept from each batch.
  const posted: { id: string | null; created: string; refused: string }[] = [];
  const result = await importBundleStream(node, { party, sourceNode: node.settings.nodeId }, body, {
    what: 'the request body',
    envelope: 'taxii',
    fullReport: true,
    maxBytes,
    onObjects: (batch) => {
      for (const raw of batch) {
        const id = (raw as { id?: unknown } | null)?.id;
        posted.push({
          id: typeof id === 'string' ? id.toLowerCase() : null,
          created: rawVersion(raw, ''),
          refused: rawVersion(raw, requestTimestamp),
        });
      }
    },
  });
  // Problems with the request as a whole (rather than with one object) have no status entry.
  if (!result.ok && result.errors.length > 0 && result.refused === 0) throw refusal(result);
  const status: TaxiiStatus = {
    id: randomUUID(),
    status: 'complete',
    request_timestamp: requestTimestamp,
    total_count: result.objects,
    success_count: 0,
    successes: [],
    failure_count: 0,
    failures: [],
    pending_count: 0,
    pendings: [],
  };
  for (const e of result.report) {
    const p = posted[e.index];
    const id = e.id ?? p?.id ?? `objects[${e.index}]`;
    // All or nothing: when anything was refused, what an earlier batch stored was rolled back.
    const stored = result.ok && (e.status === 'created' || e.status === 'unchanged');
    if (stored) {
      let version = p?.created ?? '';
      // Objects without modified or created are versioned by their date_added.
      if (version === '')
        version = microsToIso((await getVersions(node.store.db, id, party))[0]?.dateAdded ?? now);
      const message = e.status === 'created' ? 'stored' : 'already held: nothing changed';
      status.successes.push({ id, version, message });
    } else {
      const entry =
        e.status === 'created' || e.status === 'unchanged' ? { ...e, status: 'skipped' as const } : e;
      status.failures.push({ id, version: p?.refused ?? requestTimestamp, message: failureMessage(entry) });
    }
  }
  status.success_count = status.successes.length;
  status.failure_count = status.failures.length;
  await saveTaxiiStatus(node.store.db, {
    party,
    id: status.id,
    createdAt: now,
    json: JSON.stringify(status),
  });
  return status;
}
