import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type Static, Type } from '@sinclair/typebox';
import { AccordError } from '../../errors.js';
import { disclosable } from '../../node/disclosure.js';
import { searchTextProblem } from '../../stix/limits.js';
import { referencedIds } from '../../stix/references.js';
import { getLatest, getVersions, listVersions, microsToIso, type StoredVersion } from '../../store/index.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { errorResponses, ObjectMetaSchema, StixIdParam, StixObjectSchema } from '../schemas.js';

const ListQuery = Type.Object({
  type: Type.Optional(
    Type.String({ pattern: '^[a-z0-9-]+(,[a-z0-9-]+)*$', description: 'STIX types, comma-separated' }),
  ),
  limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
  cursor: Type.Optional(Type.String({ maxLength: 200, description: 'The `next` of the previous page' })),
  order: Type.Optional(
    Type.Union([Type.Literal('oldest'), Type.Literal('newest')], {
      description: 'oldest first (the default, for scripts that follow a store) or newest first',
    }),
  ),
  q: Type.Optional(
    Type.String({
      minLength: 2,
      maxLength: 200,
      description:
        'Only objects whose JSON contains this text, case-insensitively (names, patterns, descriptions…)',
    }),
  ),
});

const Item = Type.Object({ object: StixObjectSchema, meta: ObjectMetaSchema });

export function meta(v: StoredVersion): Static<typeof ObjectMetaSchema> {
  return {
    originator: v.party,
    source_node: v.sourceNode,
    date_added: microsToIso(v.dateAdded),
    version: v.modified,
    revoked: v.revoked,
    signed: v.signature !== null,
  };
}

// A page is filled from rows the recipient may see; rows it may not see are skipped
// without a trace. Scanning stops after this many rows, returning a shorter page and a
// cursor, so a recipient who may see little cannot make one request scan everything.
const SCAN_LIMIT = 10_000;

export const objectsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/objects',
    {
      schema: {
        summary: 'List objects (newest version of each) visible to you',
        tags: ['objects'],
        querystring: ListQuery,
        response: {
          200: Type.Object({ items: Type.Array(Item), next: Type.Union([Type.String(), Type.Null()]) }),
          ...errorResponses(400),
        },
      },
    },
    async (request) => {
      const { limit, cursor, q } = request.query;
      const qProblem = q === undefined ? undefined : searchTextProblem(q);
      if (qProblem) {
        throw new AccordError('ACCORD_VALIDATION', `$querystring.q ${qProblem}`, [
          { path: '$querystring.q', message: qProblem },
        ]);
      }
      const newestFirst = request.query.order === 'newest';
      const types = request.query.type?.split(',');
      const queryKey = { types: types ?? null, ...(q ? { q } : {}), ...(newestFirst ? { newestFirst } : {}) };
      let after = cursor ? decodeCursor(cursor, queryKey) : undefined;
      const items: Static<typeof Item>[] = [];
      let scanned = 0;
      let exhausted = false;
      while (items.length < limit && scanned < SCAN_LIMIT) {
        const rows = await listVersions(app.accord.store.db, {
          types,
          after,
          limit: limit - items.length,
          ...(q ? { text: q } : {}),
          ...(newestFirst ? { newestFirst } : {}),
        });
        if (rows.length === 0) {
          exhausted = true;
          break;
        }
        scanned += rows.length;
        after = rows.at(-1)!.dateAdded;
        const visible = await disclosable(app.accord, request.audience(), rows, 'rest');
        for (const v of visible) items.push({ object: JSON.parse(v.json), meta: meta(v) });
      }
      const next = !exhausted && after !== undefined ? encodeCursor(after, queryKey) : null;
      return { items, next };
    },
  );

  app.get(
    '/objects/:id',
    {
      schema: {
        summary: 'One object: its newest version visible to you, and every version you may see',
        tags: ['objects'],
        params: Type.Object({ id: StixIdParam }),
        querystring: Type.Object({
          include: Type.Optional(
            Type.Literal('refs', {
              description: 'Also return the objects this one refers to that you may see',
            }),
          ),
        }),
        response: {
          200: Type.Object({
            id: Type.String(),
            object: StixObjectSchema,
            meta: ObjectMetaSchema,
            versions: Type.Array(Item),
            references: Type.Optional(Type.Array(Item)),
          }),
          ...errorResponses(404),
        },
      },
    },
    async (request) => {
      const all = await getVersions(app.accord.store.db, request.params.id);
      const visible = await disclosable(app.accord, request.audience(), all, 'rest');
      const newest = visible.at(-1);
      // An object the caller may not see is answered exactly as one that does not exist.
      if (!newest) throw new AccordError('ACCORD_NOT_FOUND', `no object ${request.params.id}`);
      const object = JSON.parse(newest.json) as { type: string; id: string };
      const body = {
        id: newest.id,
        object,
        meta: meta(newest),
        versions: visible.map((v) => ({ object: JSON.parse(v.json), meta: meta(v) })),
      };
      if (request.query.include !== 'refs') return body;
      // Objects pulled in by reference are disclosures of their own: each passes the policy,
      // so a GREEN relationship never carries a RED object along with it.
      const held = await getLatest(app.accord.store.db, referencedIds(object));
      const refs = await disclosable(app.accord, request.audience(), [...held.values()], 'reference');
      return { ...body, references: refs.map((v) => ({ object: JSON.parse(v.json), meta: meta(v) })) };
    },
  );
};
