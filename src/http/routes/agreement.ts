import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { isIsoDate, parseAgreementEvent } from '../../agreement/index.js';
import { AccordError } from '../../errors.js';
import { recordAndAnnounce } from '../../exchange/depositary-service.js';
import { obligations } from '../../exchange/withdrawal.js';
import { loadAgreement, statusJson, statusOn, todayUtc } from '../../node/agreement-service.js';
import {
  AgreementDoc,
  AgreementEvent,
  AgreementStatus,
  DepositaryNotice,
  Owed,
  PartyStatus,
} from '../contract/agreement.js';
import { requireNodeAdmin, requireRole } from '../roles.js';
import { errorResponses } from '../schemas.js';

const IsoDate = Type.String({ description: 'YYYY-MM-DD' });

export const agreementRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/agreement',
    {
      schema: {
        summary: 'The agreement definition and every event of it: shipped, and recorded on this node',
        tags: ['agreement'],
        response: {
          200: AgreementDoc,
          ...errorResponses(),
        },
      },
    },
    async () => {
      const { definition, events, recorded, depositaryNode } = await loadAgreement(app.accord);
      return {
        agreement: definition.id,
        definition,
        events,
        recorded: recorded.map((r) => ({
          id: r.id,
          event: r.event,
          recorded_at: r.recordedAt,
          recorded_by: r.recordedBy,
          origin: r.origin,
          counted: r.counted,
        })),
        depositary_node: depositaryNode,
      };
    },
  );

  app.get(
    '/agreement/status',
    {
      schema: {
        summary: 'Where the Agreement and each Party stand on a date',
        tags: ['agreement'],
        querystring: Type.Object({
          at: Type.Optional(Type.String({ description: 'YYYY-MM-DD; today (UTC) if absent' })),
        }),
        response: { 200: AgreementStatus, ...errorResponses(400) },
      },
    },
    async (request) => {
      const at = request.query.at ?? todayUtc();
      // Checked here rather than by a schema pattern, so that 2019-02-30 and 'yesterday' get one message.
      if (!isIsoDate(at)) {
        const message = 'must be a calendar date written YYYY-MM-DD';
        throw new AccordError('ACCORD_VALIDATION', `$querystring.at ${message}, not '${at}'`, [
          { path: '$querystring.at', code: 'invalid-date', message },
        ]);
      }
      const status = await statusOn(app.accord, at);
      const { definition } = await loadAgreement(app.accord);
      return statusJson(definition, status);
    },
  );

  app.get(
    '/agreement/obligations/:party',
    {
      schema: {
        summary:
          'What is still open between this node’s Party and another (Article 17: settled before release)',
        description:
          'Requests not yet answered, measures not done and consents not decided, in both directions: `owes` is what the named Party still has to do for this node’s Party, `owed` what this node’s Party still has to do for it.',
        tags: ['agreement'],
        params: Type.Object({ party: Type.String({ description: 'A two-letter Party code' }) }),
        querystring: Type.Object({
          at: Type.Optional(Type.String({ description: 'YYYY-MM-DD; today if absent' })),
        }),
        response: {
          200: Type.Object({
            party: Type.String(),
            counterpart: Type.String(),
            at: IsoDate,
            status: Type.Union([PartyStatus, Type.Null()]),
            owes: Owed,
            owed: Owed,
            settled: Type.Boolean(),
          }),
          ...errorResponses(400, 403),
        },
      },
    },
    async (request) => {
      const { user } = requireRole(request, 'analyst', 'liaison', 'admin');
      // The list is this node's Party's own records: a user of another Party on the node sees none.
      if (user.party !== app.accord.settings.party)
        throw new AccordError(
          'ACCORD_FORBIDDEN',
          `the obligations listed here are ${app.accord.settings.party}'s; ${user.name} acts for ${user.party}`,
        );
      const o = await obligations(
        app.accord,
        request.params.party.toUpperCase(),
        request.query.at ?? todayUtc(),
      );
      const { definition } = await loadAgreement(app.accord);
      const status = await statusOn(app.accord, o.at);
      return { ...o, status: statusJson(definition, status).parties.find((p) => p.code === o.party) ?? null };
    },
  );

  app.post(
    '/agreement/events',
    {
      schema: {
        summary: "Record an event of the Agreement (administrators of the depositary's node)",
        description:
          "The event is checked against every rule of the Agreement with the events already known; a refused event is a 409 whose details name the rule. The depositary notice is stored for delivery to every Party's node.",
        tags: ['agreement'],
        body: Type.Unknown({ description: 'An agreement event' }),
        response: {
          201: Type.Object({
            event: AgreementEvent,
            notice: DepositaryNotice,
            status: AgreementStatus,
            record: Type.Object({
              id: Type.String(),
              notice_id: Type.String(),
              recorded_at: Type.String(),
              recorded_by: Type.String(),
            }),
          }),
          ...errorResponses(400, 403, 409),
        },
      },
    },
    async (request, reply) => {
      // The depositary's notice is published as the node's Party: its administrators' act alone.
      const principal = requireNodeAdmin(request, app.accord.settings.party);
      if (app.accord.settings.depositary !== true) {
        throw new AccordError(
          'ACCORD_FORBIDDEN',
          `node ${app.accord.settings.nodeId} is not the depositary's node: events are recorded on the node initialised with 'accord init --depositary'`,
        );
      }
      const parsed = parseAgreementEvent(request.body);
      if (!parsed.ok) {
        const first = parsed.issues[0];
        throw new AccordError(
          'ACCORD_VALIDATION',
          first ? `${first.path} ${first.message}` : 'the event is not valid',
          parsed.issues,
        );
      }
      const user = principal.user;
      const out = await recordAndAnnounce(app.accord, parsed.event, `user:${user.name} (${user.party})`);
      const { definition } = await loadAgreement(app.accord);
      reply.status(201);
      return {
        event: out.record.event,
        notice: out.notice.notice,
        status: statusJson(definition, out.status),
        record: {
          id: out.record.id,
          notice_id: out.notice.id,
          recorded_at: out.record.recordedAt,
          recorded_by: out.record.recordedBy,
        },
      };
    },
  );
};
