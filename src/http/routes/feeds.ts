import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { AccordError } from '../../errors.js';
import {
  DEFAULT_FEED,
  FEED_NAME,
  feedDefinitionJson,
  parseFeedDefinition,
} from '../../intel/feeds/definition.js';
import { feedEtag, findFeed, generateFeed } from '../../intel/feeds/feed-service.js';
import { FEED_FORMATS, feedFormat } from '../../intel/feeds/formats.js';
import {
  type MispFeedPiece,
  mispFeedEventPieces,
  mispFeedPieces,
} from '../../intel/misp/misp-feed-service.js';
import { mispEventText, mispHashesText, mispManifestText } from '../../intel/misp/misp-feed-text.js';
import { warninglistsOf } from '../../intel/warninglists/service.js';
import { deleteFeed, feedState, listFeeds, saveFeed } from '../../store/index.js';
import { authenticate } from '../auth.js';
import { FeedDefinition, FeedList } from '../contract/feeds.js';
import { userOf } from '../principal.js';
import { requireRole } from '../roles.js';
import { errorResponses } from '../schemas.js';

const NameParams = Type.Object({ name: Type.String({ pattern: FEED_NAME.source }) });
const Body = Type.Object({}, { additionalProperties: true, description: 'docs/feeds.md, "A feed"' });

/** Saved feeds of the caller's Party: named filters that /feeds/NAME/FILE serves. */
export const feedDefinitionsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.accord.store.db;
  app.get(
    '/feeds',
    {
      schema: {
        summary: "Your Party's feeds and the files each is served as",
        tags: ['feeds'],
        response: { 200: FeedList, ...errorResponses() },
      },
    },
    async (request) => {
      const party = userOf(request).party;
      const saved = (await listFeeds(db, party)).map((f) => parseFeedDefinition(f.name, JSON.parse(f.json)));
      const all = saved.some((f) => f.name === DEFAULT_FEED.name) ? saved : [DEFAULT_FEED, ...saved];
      return {
        formats: FEED_FORMATS.map((f) => f.file),
        items: all.map((d) => ({
          ...feedDefinitionJson(d),
          files: FEED_FORMATS.map((f) => `/feeds/${d.name}/${f.file}`),
        })),
      };
    },
  );
  app.put(
    '/feeds/:name',
    {
      schema: {
        summary: 'Save a feed (a named filter) for your Party',
        tags: ['feeds'],
        params: NameParams,
        body: Body,
        response: { 200: FeedDefinition, ...errorResponses(400, 403) },
      },
    },
    async (request) => {
      const { user } = requireRole(request, 'analyst', 'liaison', 'admin');
      const def = parseFeedDefinition(request.params.name, request.body);
      await saveFeed(db, user.party, def.name, JSON.stringify(feedDefinitionJson(def)));
      return feedDefinitionJson(def);
    },
  );
  app.delete(
    '/feeds/:name',
    {
      schema: {
        summary: 'Remove a saved feed',
        tags: ['feeds'],
        params: NameParams,
        response: { 204: Type.Null({ description: 'Removed' }), ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const { user } = requireRole(request, 'analyst', 'liaison', 'admin');
      if (!(await deleteFeed(db, user.party, request.params.name)))
        throw new AccordError('ACCORD_NOT_FOUND', `no saved feed '${request.params.name}'`);
      reply.status(204);
    },
  );
};

/**
 * /feeds/NAME/FILE: what firewalls, IDS and resolvers read as they are, for the principal's
 * Party, through the disclosure gate. Encapsulated with its own authentication hook.
 */
export const feedsPlugin: FastifyPluginAsync = async (app) => {
  const node = app.accord;
  app.addHook('onRequest', async (request) => {
    request.principal = await authenticate(node, request, 'feeds');
  });
  // A stock MISP instance subscribes to /feeds/misp/ (manifest.json, {uuid}.json, hashes.csv).
  app.get<{ Params: { file: string } }>('/misp/:file', { schema: { hide: true } }, async (request, reply) => {
    const { file } = request.params;
    const m = /^([0-9a-f-]{36})\.json$/.exec(file);
    if (file !== 'manifest.json' && file !== 'hashes.csv' && !m)
      throw new AccordError(
        'ACCORD_NOT_FOUND',
        `no MISP feed file '${file.slice(0, 64)}': manifest.json, hashes.csv or {uuid}.json`,
      );
    const party = userOf(request).party;
    const etag = `W/"${createHash('sha256')
      .update(JSON.stringify(['misp', file, party, await feedState(node.store.db)]))
      .digest('base64url')
      .slice(0, 27)}"`;
    reply.header('etag', etag).header('cache-control', 'private, no-cache');
    if (request.headers['if-none-match']?.split(',').some((t) => t.trim() === etag))
      return reply.status(304).send();
    const lists = warninglistsOf(node);
    const opts = { exclude: (v: string) => lists.matchText(v).length > 0 };
    if (file === 'hashes.csv')
      return reply
        .type('text/csv; charset=utf-8')
        .send(Readable.from(mispHashesText(mispFeedPieces(node, request.audience(), opts))));
    if (file === 'manifest.json')
      return reply
        .type('application/json')
        .send(Readable.from(mispManifestText(mispFeedPieces(node, request.audience(), opts))));
    // The first piece decides between 404 and 200 before anything is sent.
    const pieces = mispFeedEventPieces(node, request.audience(), m![1]!, opts);
    const first = await pieces.next();
    if (first.done) throw new AccordError('ACCORD_NOT_FOUND', `no MISP event ${m![1]} in your feed`);
    async function* all() {
      yield first.value as MispFeedPiece;
      yield* pieces;
    }
    return reply.type('application/json').send(Readable.from(mispEventText(all())));
  });
  app.get<{ Params: { name: string; file: string } }>(
    '/:name/:file',
    { schema: { hide: true } },
    async (request, reply) => {
      const { name, file } = request.params;
      const format = feedFormat(file);
      if (!FEED_NAME.test(name)) throw new AccordError('ACCORD_NOT_FOUND', `no feed '${name.slice(0, 64)}'`);
      if (!format)
        throw new AccordError(
          'ACCORD_NOT_FOUND',
          `no feed file '${file.slice(0, 64)}': one of ${FEED_FORMATS.map((f) => f.file).join(', ')}`,
        );
      const audience = request.audience();
      const party = userOf(request).party;
      const def = await findFeed(node, party, name);
      const now = new Date();
      const etag = await feedEtag(node, party, def, format, now);
      reply.header('etag', etag).header('cache-control', 'private, no-cache');
      const match = request.headers['if-none-match'];
      if (match?.split(',').some((t) => t.trim() === etag)) return reply.status(304).send();
      reply.type(format.contentType);
      return reply.send(Readable.from(generateFeed({ node, audience, def, format, now })));
    },
  );
};
