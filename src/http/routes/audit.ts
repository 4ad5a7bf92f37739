import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AuditEntry } from '../../audit/chain.js';
import { verifyStoredChain } from '../../audit/log.js';
import { isPartyEntry, type PartyEntry, partyCopy } from '../../audit/party-view.js';
import { AccordError } from '../../errors.js';
import type { AccordNode } from '../../node/node.js';
import { type AuditQuery, listAudit } from '../../store/index.js';
import { AuditPage as AuditPageSchema, ChainVerdict } from '../contract/admin.js';
import { openCursor, sealCursor } from '../cursor.js';
import { requireNodeAdmin, requireRole } from '../roles.js';
import { errorResponses } from '../schemas.js';

// Another Party's administrator reads a filtered chain; one request reads at most this many
// entries, and `next` lets the reader go on from where the scan stopped.
const SCAN_LIMIT = 5_000;

interface AuditPage {
  items: (AuditEntry | PartyEntry)[];
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
          after: Type.Optional(
            Type.Union([Type.Integer({ minimum: 0 }), Type.String({ minLength: 1, maxLength: 400 })], {
              description:
                "Go on after this: the `next` of the previous page (a seq for the node's Party, a sealed cursor for another Party)",
            }),
          ),
          limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
        }),
        response: {
          200: AuditPageSchema,
          ...errorResponses(400, 403),
        },
      },
    },
    async (request) => {
      const { user } = requireRole(request, 'admin');
      const q = request.query;
      const filters = {
        ...(q.action ? { action: q.action } : {}),
        ...(q.since ? { since: q.since } : {}),
        ...(q.until ? { until: q.until } : {}),
      };
      const own = user.party === app.accord.settings.party;
      // Another Party sees no sequence numbers: its position is sealed, as for every listing.
      let after: number | undefined;
      if (typeof q.after === 'number') {
        if (!own)
          throw new AccordError('ACCORD_BAD_REQUEST', 'after: go on with the `next` of the previous page');
        after = q.after;
      } else if (typeof q.after === 'string') {
        if (own) throw new AccordError('ACCORD_BAD_REQUEST', 'after: a seq, the `next` of the previous page');
        after = await openCursor(request, q.after, filters, 'after');
      }
      const page = await auditPage(app.accord, user.party, {
        limit: q.limit,
        ...filters,
        ...(after !== undefined ? { after } : {}),
      });
      if (own || page.next === null) return page;
      return { items: page.items, next: await sealCursor(request, page.next, filters) };
    },
  );

  app.get(
    '/audit/verify',
    {
      schema: {
        summary:
          "Check the whole chain: names the first changed, deleted, inserted or reordered entry (administrators of the node's Party)",
        tags: ['audit'],
        response: { 200: ChainVerdict, ...errorResponses(403) },
      },
    },
    async (request) => {
      requireNodeAdmin(request, app.accord.settings.party);
      return verifyStoredChain(app.accord);
    },
  );
};
