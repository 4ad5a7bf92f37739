// Blocking statistics from every Party (Article 6). Each Party's node counts what it was asked
// to block under each criterion and what it blocked and refused, and publishes those counts as
// its own signed x-accord-blocking-stats, one object per criterion, a new version whenever they
// change. Every node then sums the copies it holds, each passing the policy gate, per Party
// and in total. The counts name no requester and no resource: they are the deciding Party's
// own information, TLP:GREEN like the catalogue they count against.

import { v5 as uuidv5 } from 'uuid';
import { AccordError } from '../errors.js';
import { disclosedObject } from '../node/disclosed.js';
import { disclosable } from '../node/disclosure.js';
import { partyIdentity } from '../node/identity.js';
import type { AccordNode } from '../node/node.js';
import { blockingStats, type StatsRow } from '../store/blocking-repo.js';
import { latestOwn, listVersions } from '../store/index.js';
import { type Ctx, exerciseOf, markingsFor, publish, stamp } from './records.js';
import { blockingStatsType } from './types/criterion.js';

const STATS_NAMESPACE = '2f7a9c1e-4b6d-4e8f-9a0c-3d5e7f9b1c2a';

/** One object per Party and criterion: changed counts are a new version of it. */
export function statsId(criterion: string, party: string): string {
  return `x-accord-blocking-stats--${uuidv5(`${criterion}:${party}`, STATS_NAMESPACE)}`;
}

interface Count {
  month: string;
  requested: number;
  blocked: number;
  refused: number;
}

const countsOf = (rows: readonly StatsRow[]): Count[] =>
  rows
    .map(({ month, requested, blocked, refused }) => ({ month, requested, blocked, refused }))
    .sort((a, b) => a.month.localeCompare(b.month));

/**
 * Publishes this node's Party's counts for the given criteria, where they changed. Exercise
 * requests are counted apart (blocking-repo) and never published.
 */
export async function publishOwnStats(node: AccordNode, criteria: readonly string[]): Promise<void> {
  const party = node.settings.party;
  for (const criterion of new Set(criteria)) {
    const counts = countsOf(
      await blockingStats(node.store.db, { involving: party, party, criterion, exercise: null }),
    );
    const id = statsId(criterion, party);
    const held = (await latestOwn(node.store.db, party, [id])).get(id);
    const before = held ? (JSON.parse(held.json) as { counts?: unknown; created?: string }) : undefined;
    if (before ? JSON.stringify(before.counts) === JSON.stringify(counts) : counts.length === 0) continue;
    const at = stamp();
    const m = markingsFor(party, 'green');
    const stix = blockingStatsType.toStix(
      {
        id,
        createdByRef: partyIdentity(party),
        created: before?.created ?? at,
        modified: at,
        markingRefs: m.refs,
      },
      { criterion_ref: criterion, party, counts },
    );
    await publish(node, party, null, stix, m.definitions);
  }
}

export interface StatsFilter {
  criterion?: string;
  party?: string;
  month?: string;
}

export interface StatsView {
  /** One row per criterion, deciding Party and month. */
  items: StatsRow[];
  /** Per criterion, every Party's rows above summed. */
  totals: (Omit<StatsRow, 'party' | 'month'> & { parties: string[] })[];
}

const number = (x: unknown) => (typeof x === 'number' && Number.isInteger(x) && x >= 0 ? x : 0);

/**
 * Every Party's published counts the viewer may see. A copy counts only as its maker's: this
 * node's own, or another Party's received from that Party's pinned node, never one a local
 * user stored under another Party's name.
 */
async function publishedRows(node: AccordNode, ctx: Ctx): Promise<StatsRow[]> {
  const held = (
    await listVersions(node.store.db, { types: [blockingStatsType.type], limit: 100_000 })
  ).filter((v) =>
    v.party === node.settings.party
      ? v.sourceNode === node.settings.nodeId
      : v.sourceNode !== node.settings.nodeId,
  );
  const seen = await disclosable(node, ctx.audience, held, 'reference');
  return seen.flatMap((v) => {
    const o = disclosedObject(v) as Record<string, unknown>;
    if (o.party !== v.party || typeof o.criterion_ref !== 'string' || !Array.isArray(o.counts)) return [];
    return (o.counts as Record<string, unknown>[]).flatMap((c) =>
      typeof c.month === 'string' && /^\d{4}-\d{2}$/.test(c.month)
        ? [
            {
              criterion: o.criterion_ref as string,
              party: v.party,
              month: c.month,
              requested: number(c.requested),
              blocked: number(c.blocked),
              refused: number(c.refused),
            },
          ]
        : [],
    );
  });
}

export async function statistics(node: AccordNode, ctx: Ctx, f: StatsFilter): Promise<StatsView> {
  if (f.month && !/^\d{4}-\d{2}$/.test(f.month))
    throw new AccordError('ACCORD_VALIDATION', 'month is YYYY-MM', { field: 'month' });
  const exercise = exerciseOf(ctx);
  // What this node itself saw of the requests the viewer's Party made or received: an
  // exercise's requests stay in the exercise, and are counted from this alone.
  const local = await blockingStats(node.store.db, { involving: ctx.user.party, exercise, ...f });
  let rows = local;
  if (exercise === null) {
    // A Party's own published counts replace what this node saw of its decisions; a Party whose
    // counts have not arrived (or whose decisions are made on this node) is counted from here.
    const all = await publishedRows(node, ctx);
    const key = (r: StatsRow) => `${r.criterion} ${r.party}`;
    const publishing = new Set(all.map(key));
    const published = all.filter(
      (r) =>
        (!f.criterion || r.criterion === f.criterion) &&
        (!f.party || r.party === f.party) &&
        (!f.month || r.month === f.month),
    );
    rows = [...published, ...local.filter((r) => !publishing.has(key(r)))];
  }
  rows.sort(
    (a, b) =>
      b.month.localeCompare(a.month) ||
      a.criterion.localeCompare(b.criterion) ||
      a.party.localeCompare(b.party),
  );
  const totals = new Map<string, StatsView['totals'][number]>();
  for (const r of rows) {
    const t = totals.get(r.criterion) ?? {
      criterion: r.criterion,
      requested: 0,
      blocked: 0,
      refused: 0,
      parties: [],
    };
    t.requested += r.requested;
    t.blocked += r.blocked;
    t.refused += r.refused;
    if (!t.parties.includes(r.party)) t.parties = [...t.parties, r.party].sort();
    totals.set(r.criterion, t);
  }
  return { items: rows, totals: [...totals.values()].sort((a, b) => a.criterion.localeCompare(b.criterion)) };
}
