// What a node does with items a peer hands it, pushed or pulled: each is checked against the
// key of the node that made it — not of the peer that handed it over — then stored through the
// same validated import as everything else. A refused item is written to the audit log; one
// refused for a reason that can go away (its origin's key not pinned yet, above this node's
// accreditation) is also kept, and imported when the reason is gone (parked.ts).

import { randomUUID } from 'node:crypto';
import type { AuditBody } from '../../audit/chain.js';
import { recordAudit } from '../../audit/log.js';
import { AccordError } from '../../errors.js';
import { admission } from '../../exchange/admission.js';
import { materializeReceived } from '../../exchange/received.js';
import { storeChanged } from '../../node/changes.js';
import { importStix } from '../../node/ingest.js';
import type { AccordNode } from '../../node/node.js';
import { verifyCanonical } from '../../node/signing.js';
import { canonicalJson } from '../../stix/canonical.js';
import { applyRemoteDeletion } from '../../store/federation-log.js';
import { park } from '../../store/peer-ledger.js';
import type { Peer } from '../../store/peers-repo.js';
import { itemKey } from './ack.js';
import { loadMembers, type Member } from './members.js';
import { deletionText, type InboxAnswer, type ItemResult, type WireItem, type WireVersion } from './wire.js';

type Check = { ok: true } | { ok: false; reason: string; message: string };

function kidOf(detached: string): string | undefined {
  try {
    const header = JSON.parse(Buffer.from(detached.split('.')[0] ?? '', 'base64url').toString('utf8'));
    return typeof header?.kid === 'string' ? header.kid : undefined;
  } catch {
    return undefined;
  }
}

async function check(item: WireItem, members: Map<string, Member>): Promise<Check> {
  const member = members.get(item.origin_node);
  if (!member) {
    return {
      ok: false,
      reason: 'unknown-node',
      message: `node ${item.origin_node} is not a known member: pin its key with 'accord peer add'`,
    };
  }
  if (member.peer.party !== item.originator) {
    return {
      ok: false,
      reason: 'originator-mismatch',
      message: `node ${item.origin_node} belongs to ${member.peer.party}, not ${item.originator}`,
    };
  }
  if (kidOf(item.signature) !== item.origin_node) {
    return {
      ok: false,
      reason: 'bad-signature',
      message: `the signature is not by node ${item.origin_node}`,
    };
  }
  let text: string;
  try {
    text = item.kind === 'version' ? canonicalJson(item.object) : deletionText(item);
  } catch {
    return { ok: false, reason: 'invalid', message: 'the object has no canonical JSON form' };
  }
  if (!(await verifyCanonical(member.key, text, item.signature))) {
    return {
      ok: false,
      reason: 'bad-signature',
      message: `the signature does not verify under ${item.origin_node}'s pinned key: the content was altered or signed by another key`,
    };
  }
  return { ok: true };
}

/** Refusals that a pinned key or a raised accreditation lifts: the item is kept meanwhile. */
export const PARKED_REASONS = new Set(['unknown-node', 'above-accreditation']);

export async function receiveItems(
  node: AccordNode,
  from: Pick<Peer, 'nodeId' | 'party'>,
  items: readonly WireItem[],
  /** `retry`: items taken from the park; one refused again for the same passing reason stays quiet. */
  o: { retry?: boolean } = {},
): Promise<InboxAnswer> {
  const members = await loadMembers(node);
  const admit = await admission(node);
  const results: ItemResult[] = items.map((_, index) => ({ index, status: 'refused' }));
  const refusals: AuditBody[] = [];
  const parked: WireItem[] = [];
  const at = new Date().toISOString();
  const refuse = (index: number, reason: string, message: string) => {
    const keep = PARKED_REASONS.has(reason);
    results[index] = {
      index,
      status: 'refused',
      code: reason,
      reason: keep ? `${message} (kept: imported when that changes)` : message,
      ...(keep ? { parked: true } : {}),
    };
    const it = items[index]!;
    if (keep) parked.push(it);
    if (keep && o.retry) return;
    refusals.push({
      at,
      actor: { kind: 'node', id: from.nodeId, party: from.party },
      action: 'federation.refused',
      subject: {
        type: it.kind === 'version' ? String(it.object.type) : 'deletion',
        id: String(it.kind === 'version' ? it.object.id : it.id),
        ...(it.kind === 'deletion' ? { version: it.modified } : {}),
      },
      details: { reason, message, originator: it.originator, origin_node: it.origin_node },
    });
  };

  // Versions go in groups of one origin, in the order received: an import has one source.
  const groups = new Map<string, number[]>();
  const deletions: number[] = [];
  for (const [i, it] of items.entries()) {
    if (it.origin_node === node.settings.nodeId) {
      results[i] = { index: i, status: 'unchanged' }; // our own, come back round
      continue;
    }
    const c = await check(it, members);
    if (!c.ok) {
      refuse(i, c.reason, c.message);
      continue;
    }
    const no =
      it.kind === 'version'
        ? admit({ type: String(it.object.type), originator: it.originator, originNode: it.origin_node })
        : undefined;
    if (no) {
      refuse(i, no.reason, no.message);
      continue;
    }
    if (it.kind === 'deletion') deletions.push(i);
    else {
      const key = `${it.originator}\u0000${it.origin_node}`;
      groups.set(key, [...(groups.get(key) ?? []), i]);
    }
  }

  let changed = false;
  for (const indices of groups.values())
    changed = (await importGroup(node, items, indices, results, refuse)) || changed;
  for (const i of deletions) {
    const d = items[i] as Extract<WireItem, { kind: 'deletion' }>;
    const done = await applyRemoteDeletion(node.store, {
      party: d.originator,
      id: d.id,
      modified: d.modified,
      sourceNode: d.origin_node,
      signature: d.signature,
      deletedBy: `node:${from.nodeId}`,
    });
    results[i] = { index: i, status: done ? 'deleted' : 'unchanged' };
    changed ||= done;
  }
  if (refusals.length > 0) await recordAudit(node, refusals);
  if (parked.length > 0 && !o.retry) await keep(node, from.nodeId, parked, results, items, at);
  if (changed) storeChanged(node);
  return {
    stored: results.filter((r) => r.status === 'stored' || r.status === 'deleted').length,
    unchanged: results.filter((r) => r.status === 'unchanged').length,
    refused: results.filter((r) => r.status === 'refused').length,
    results,
  };
}

async function keep(
  node: AccordNode,
  fromNode: string,
  parked: readonly WireItem[],
  results: readonly ItemResult[],
  items: readonly WireItem[],
  at: string,
): Promise<void> {
  const reasonOf = new Map(items.map((it, i) => [it, results[i]?.code ?? 'refused']));
  await park(
    node.store.db,
    parked.map((it) => {
      const k = itemKey(it);
      return {
        party: it.originator,
        peerNode: fromNode,
        direction: 'in',
        kind: k.kind,
        id: k.id,
        modified: k.modified,
        originNode: it.origin_node,
        reason: reasonOf.get(it) ?? 'refused',
        item: JSON.stringify(it),
        parkedAt: at,
      };
    }),
  );
}

/**
 * Turns stored versions into this node's records. A failure fails the whole receipt: no item
 * is acknowledged (nor the pull cursor moved), so the sender sends them again and they are
 * taken up as held, their records made then.
 */
async function recordStep(node: AccordNode, versions: readonly WireVersion[]): Promise<void> {
  try {
    await materializeReceived(
      node,
      versions.map((v) => v.object),
    );
  } catch (e) {
    throw new AccordError(
      'ACCORD_UNAVAILABLE',
      `the items are stored but their records could not be made (${(e as Error).message}): send them again`,
    );
  }
}

/**
 * Imports one origin's versions. The import is all or nothing, but one bad item must not hold
 * back the others (its sender moves on past it), so refused items are set aside and the rest
 * imported again. A version its originator deleted is not refused: the deletion stands.
 */
async function importGroup(
  node: AccordNode,
  items: readonly WireItem[],
  indices: number[],
  results: ItemResult[],
  refuse: (index: number, reason: string, message: string) => void,
): Promise<boolean> {
  let pending = indices;
  while (pending.length > 0) {
    const group = pending.map((i) => items[i] as WireVersion);
    const first = group[0]!;
    const r = await importStix(
      node,
      { party: first.originator, sourceNode: first.origin_node, signatures: group.map((g) => g.signature) },
      { type: 'bundle', id: `bundle--${randomUUID()}`, objects: group.map((g) => g.object) },
    );
    if (r.ok) {
      // Held objects too: an earlier receipt may have stored them and failed before their
      // records were made. The handlers make a record once however often they run.
      await recordStep(
        node,
        group.filter((_, k) => r.report[k]?.status === 'created' || r.report[k]?.status === 'unchanged'),
      );
      for (const [k, e] of r.report.entries())
        results[pending[k]!] = {
          index: pending[k]!,
          status: e.status === 'created' ? 'stored' : 'unchanged',
        };
      return r.created > 0;
    }
    const next: number[] = [];
    for (const [k, e] of r.report.entries()) {
      const i = pending[k]!;
      const err = e.errors?.[0];
      if (e.status === 'skipped') next.push(i);
      else if (e.status === 'conflict' && err?.code === 'deleted')
        results[i] = { index: i, status: 'unchanged' };
      else refuse(i, err?.code ?? e.status, err ? `${err.path}: ${err.message}` : e.status);
    }
    // A document-level problem with no object at fault would loop: refuse what is left.
    if (next.length === pending.length) {
      for (const i of next) refuse(i, 'invalid', r.errors[0]?.message ?? 'refused');
      return false;
    }
    pending = next;
  }
  return false;
}
