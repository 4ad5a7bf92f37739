import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type Static, Type } from '@sinclair/typebox';
import { AccordError } from '../../errors.js';
import { publishedVersions, publishedVersionsOf } from '../../exchange/definitions.js';
import { disclosedObject } from '../../node/disclosed.js';
import { disclosable } from '../../node/disclosure.js';
import { pageThroughGate, pageVersions } from '../../node/pager.js';
import { releaseFilterFor } from '../../node/release-filter.js';
import { searchTextProblem } from '../../stix/limits.js';
import { referencedIds } from '../../stix/references.js';
import {
  getVersions,
  latestCopiesList,
  listingHorizon,
  listVersions,
  microsToIso,
  type StoredVersion,
  WORKFLOW_TYPES,
} from '../../store/index.js';
import { ObjectDetail, ObjectPage } from '../contract/objects.js';
import { openCursor, sealCursor } from '../cursor.js';
import { errorResponses, type ObjectMetaSchema, StixIdParam } from '../schemas.js';

const ListQuery = Type.Object({
  type: Type.Optional(
    Type.String({ pattern: '^[a-z0-9-]+(,[a-z0-9-]+)*$', description: 'STIX types, comma-separated' }),
  ),
  kind: Type.Optional(
    Type.Union([Type.Literal('intel'), Type.Literal('workflow')], {
      description:
        'intel: indicators, observables, reports and other intelligence; workflow: Accord’s own records (notifications, requests, responses, acknowledgements, consents, cases, library documents) and marking definitions',
    }),
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

/**
 * Which copy GET /objects/:id shows when several Parties hold the id: the reader's own
 * Party's copy when it has one, otherwise the newest version it may see of any other copy.
 * `visible` is oldest first, as getVersions reads.
 */
function shownVersion<V extends StoredVersion>(visible: readonly V[], party: string | null): V | undefined {
  const own = visible.filter((v) => v.party === party);
  return (own.length > 0 ? own : visible).at(-1);
}

export const objectsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/objects',
    {
      schema: {
        summary: 'List objects (newest version of each) visible to you',
        tags: ['objects'],
        querystring: ListQuery,
        response: {
          200: ObjectPage,
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
      const kind = request.query.kind;
      const requested = request.query.type?.split(',');
      // `kind=workflow` is a list of types; `kind=intel` leaves that list out (a type filter
      // given as well narrows either further).
      const types =
        kind === 'workflow'
          ? requested
            ? requested.filter((t) => WORKFLOW_TYPES.includes(t))
            : [...WORKFLOW_TYPES]
          : requested;
      const withoutTypes = kind === 'intel' ? WORKFLOW_TYPES : undefined;
      if (types?.length === 0) return { items: [], next: null };
      const queryKey = {
        types: types ?? null,
        ...(kind ? { kind } : {}),
        ...(q ? { q } : {}),
        ...(newestFirst ? { newestFirst } : {}),
      };
      const after = cursor ? await openCursor(request, cursor, queryKey) : undefined;
      const node = app.accord;
      const audience = request.audience();
      const release = await releaseFilterFor(node, audience);
      const db = node.store.db;
      const page = await pageVersions(
        node,
        audience,
        'rest',
        {
          horizon: (from, budget) =>
            listingHorizon(db, { latestOnly: true, types, withoutTypes, newestFirst }, from, budget),
          fetch: (from, until, n) =>
            listVersions(db, {
              types,
              withoutTypes,
              limit: n,
              release,
              ...(from === undefined ? {} : { after: from }),
              ...(until === null ? {} : { until }),
              ...(q ? { text: q } : {}),
              ...(newestFirst ? { newestFirst } : {}),
            }),
          position: (v) => v.dateAdded,
        },
        limit,
        after,
      );
      const items = page.items.map((v) => ({ object: disclosedObject(v), meta: meta(v) }));
      return { items, next: page.next === null ? null : await sealCursor(request, page.next, queryKey) };
    },
  );

  app.get(
    '/objects/:id',
    {
      schema: {
        summary:
          'One object: its newest version visible to you (your own Party’s copy first), and every version of every copy you may see',
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
          200: ObjectDetail,
          ...errorResponses(404),
        },
      },
    },
    async (request) => {
      const all = await getVersions(app.accord.store.db, request.params.id);
      const audience = request.audience();
      let visible = await disclosable(app.accord, audience, all, 'rest');
      // Nothing held that the reader may see: a definition Accord publishes, if the id is one.
      if (visible.length === 0) {
        const published = await publishedVersionsOf(app.accord, request.params.id);
        visible = await disclosable(app.accord, audience, published, 'rest');
      }
      const reader = audience.recipient.kind === 'party' ? audience.recipient.party : null;
      const newest = shownVersion(visible, reader);
      // An object the caller may not see is answered exactly as one that does not exist.
      if (!newest) throw new AccordError('ACCORD_NOT_FOUND', `no object ${request.params.id}`);
      const object = disclosedObject(newest);
      const body = {
        id: newest.id,
        object,
        meta: meta(newest),
        versions: visible.map((v) => ({ object: disclosedObject(v), meta: meta(v) })),
      };
      if (request.query.include !== 'refs') return body;
      // Objects pulled in by reference are disclosures of their own: each passes the policy,
      // so a GREEN relationship never carries a RED object along with it.
      const ids = referencedIds(object);
      const held = await latestCopiesList(app.accord.store.db, ids);
      const refs = await disclosable(app.accord, audience, held, 'reference');
      const found = new Set(refs.map((v) => v.id));
      const wanted = new Set(ids.map((i) => i.toLowerCase()).filter((i) => !found.has(i)));
      if (wanted.size > 0) {
        const published = (await publishedVersions(app.accord)).filter((v) => wanted.has(v.id));
        refs.push(...(await disclosable(app.accord, audience, published, 'reference')));
      }
      return { ...body, references: refs.map((v) => ({ object: disclosedObject(v), meta: meta(v) })) };
    },
  );
  app.get(
    '/objects/:id/cited-by',
    {
      schema: {
        summary:
          'Objects you may see that refer to this one: relationships, sightings, notifications, requests, cases… (newest first)',
        tags: ['objects'],
        params: Type.Object({ id: StixIdParam }),
        querystring: Type.Object({
          limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
          cursor: Type.Optional(
            Type.String({ maxLength: 200, description: 'The `next` of the previous page' }),
          ),
        }),
        response: {
          200: ObjectPage,
          ...errorResponses(400),
        },
      },
    },
    async (request) => {
      const id = request.params.id.toLowerCase();
      const { limit, cursor } = request.query;
      const queryKey = { citedBy: id };
      const after = cursor ? await openCursor(request, cursor, queryKey) : undefined;
      const node = app.accord;
      const audience = request.audience();
      const release = await releaseFilterFor(node, audience);
      const db = node.store.db;
      // The text search finds candidates; only a real reference (not a description that
      // happens to quote the id) counts, and only what the gate lets through is shown.
      const page = await pageThroughGate(
        {
          horizon: (from, budget) =>
            listingHorizon(db, { latestOnly: true, newestFirst: true }, from, budget),
          fetch: (from, until, n) =>
            listVersions(db, {
              limit: n,
              release,
              text: id,
              newestFirst: true,
              ...(from === undefined ? {} : { after: from }),
              ...(until === null ? {} : { until }),
            }),
          position: (v) => v.dateAdded,
        },
        async (rows) => {
          const shown = await disclosable(node, audience, rows, 'rest');
          return shown.flatMap((v) => {
            const object = disclosedObject(v);
            return object.id !== id && referencedIds(object).includes(id) ? [{ object, meta: meta(v) }] : [];
          });
        },
        limit,
        after,
      );
      return {
        items: page.items,
        next: page.next === null ? null : await sealCursor(request, page.next, queryKey),
      };
    },
  );
};
