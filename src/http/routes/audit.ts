import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AuditEntry } from '../../audit/chain.js';
import { verifyStoredChain } from '../../audit/log.js';
import { isPartyEntry, type PartyEntry, partyCopy } from '../../audit/party-view.js';
import type { AccordNode } from '../../node/node.js';
import { type AuditQuery, listAudit } from '../../store/index.js';
import { requireNodeAdmin, requireRole } from '../roles.js';
import { errorResponses } from '../schemas.js';

const Entry = Type.Object(
  {
    seq: Type.Integer(),
    at: Type.String(),
    actor: Type.Unknown(),
    action: Type.String(),
    subject: Type.Optional(Type.Unknown()),
    details: Type.Optional(Type.Unknown()),
    prevHash: Type.String(),
    hash: Type.String(),
    redacted: Type.Optional(
      Type.Array(Type.String(), {
        description: "Members left out of another Party's copy of the entry; its hash no longer checks",
      }),
    ),
  },
  { additionalProperties: false },
);

// Another Party's administrator reads a filtered chain; one request reads at most this many
// entries, and `next` lets the reader go on from where the scan stopped.
const SCAN_LIMIT = 5_000;

interface AuditPage {
  items: PartyEntry[];
  next: number | null;
}

/** The node's Party reads every entry; another Party only its own (src/audit/party-view.ts). */
async function auditPage(node: AccordNode, party: string, q: AuditQuery): Promise<AuditPage> {
  const db = node.store.db;
  if (party === node.settings.party) {
    const items = (await listAudit(db, q)) as AuditEntry[];
    return { items, next: items.length === q.limit ? items.at(-1)!.seq : null };
  }
  const items: PartyEntry[] = [];
  let after = q.after;
  let scanned = 0;
  while (scanned < SCAN_LIMIT) {
    const want = Math.min(1000, SCAN_LIMIT - scanned);
    const rows = (await listAudit(db, {
      ...q,
      ...(after !== undefined ? { after } : {}),
      limit: want,
    })) as AuditEntry[];
    for (const e of rows) {
      after = e.seq;
      if (!isPartyEntry(e, party)) continue;
      items.push(partyCopy(e));
      if (items.length === q.limit) return { items, next: e.seq };
    }
    scanned += rows.length;
    if (rows.length < want) return { items, next: null };
  }
  return { items, next: after ?? null };
}

/** The hash-chained audit log, for administrators: each Party's own entries, all for the node's. */
export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/audit',
    {
      schema: {
        summary:
          "Audit log entries, oldest first: all of them for the node's Party's administrators, a Party's own for another Party's",
        description:
          'A page may hold fewer than `limit` entries while `next` is not null: go on with `after=next`.',
        tags: ['audit'],
        querystring: Type.Object({
          action: Type.Optional(
            Type.String({ maxLength: 100, description: 'e.g. disclosure, consent.granted' }),
          ),
          since: Type.Optional(Type.String({ format: 'date-time' })),
          until: Type.Optional(Type.String({ format: 'date-time' })),
          after: Type.Optional(Type.Integer({ minimum: 0, description: 'Entries after this seq (paging)' })),
          limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
        }),
        response: {
          200: Type.Object({ items: Type.Array(Entry), next: Type.Union([Type.Integer(), Type.Null()]) }),
          ...errorResponses(400, 403),
        },
      },
    },
    async (request) => {
      const { user } = requireRole(request, 'admin');
      const q = request.query;
      return auditPage(app.accord, user.party, {
        limit: q.limit,
        ...(q.action ? { action: q.action } : {}),
        ...(q.since ? { since: q.since } : {}),
        ...(q.until ? { until: q.until } : {}),
        ...(q.after !== undefined ? { after: q.after } : {}),
      });
    },
  );

  app.get(
    '/audit/verify',
    {
      schema: {
        summary:
          "Check the whole chain: names the first changed, deleted, inserted or reordered entry (administrators of the node's Party)",
        tags: ['audit'],
        response: { 200: Type.Unknown(), ...errorResponses(403) },
      },
    },
    async (request) => {
      requireNodeAdmin(request, app.accord.settings.party);
      return verifyStoredChain(app.accord);
    },
  );
};
