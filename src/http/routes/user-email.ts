import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { AccordError } from '../../errors.js';
import { codeMatches, newAddressCode, sendAddressCheck } from '../../exchange/alerts/address-check.js';
import { emailAddressProblem } from '../../exchange/alerts/smtp-settings.js';
import { confirmUserEmail, getUserEmail, setUserEmail, type UserEmail } from '../../store/index.js';
import { EmailState } from '../contract/alerts.js';
import { userOf } from '../principal.js';
import { errorResponses } from '../schemas.js';

const stateJson = (e: UserEmail | undefined) => ({
  email: e?.email ?? null,
  confirmed: Boolean(e?.email && e.confirmedAt),
  confirmed_at: e?.confirmedAt ?? null,
  code_expires_at: e?.confirmedAt ? null : (e?.codeExpiresAt ?? null),
});

function invalid(path: string, message: string): never {
  throw new AccordError('ACCORD_VALIDATION', `${path} ${message}`, [{ path, message }]);
}

/**
 * The caller's own e-mail address for alerts (docs/alerts.md, "Your address"): setting it sends
 * a code to it, and e-mail alerts go to it only once the code has come back.
 */
export const userEmailRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.accord.store.db;
  app.get(
    '/me/email',
    {
      schema: {
        summary: 'Your e-mail address for alerts, and whether you confirmed it',
        tags: ['alerts'],
        response: { 200: EmailState, ...errorResponses() },
      },
    },
    async (request) => stateJson(await getUserEmail(db, userOf(request).id)),
  );

  app.put(
    '/me/email',
    {
      schema: {
        summary:
          'Give your e-mail address: a confirmation code is sent to it, and it is unconfirmed until you enter it',
        tags: ['alerts'],
        body: Type.Object(
          { email: Type.String({ minLength: 3, maxLength: 254 }) },
          { additionalProperties: false },
        ),
        response: { 200: EmailState, ...errorResponses(400, 503) },
      },
    },
    async (request) => {
      const user = userOf(request);
      const { email } = request.body;
      const problem = emailAddressProblem(email);
      if (problem) invalid('$body.email', problem);
      const smtp = app.smtp;
      if (!smtp)
        throw new AccordError(
          'ACCORD_UNAVAILABLE',
          'this node sends no e-mail (ACCORD_SMTP_HOST is not set), so an address cannot be confirmed',
        );
      const code = newAddressCode();
      try {
        await sendAddressCheck(smtp, {
          to: email,
          user: user.name,
          party: user.party,
          node: app.accord.settings.nodeId,
          code: code.code,
          ...(app.publicUrl ? { console: app.publicUrl } : {}),
        });
      } catch (e) {
        throw new AccordError(
          'ACCORD_UNAVAILABLE',
          `the confirmation code could not be sent to ${email}: ${(e as Error).message}`,
        );
      }
      // Stored only once the code is on its way: a failed send changes nothing.
      await setUserEmail(db, user.id, email, code);
      return stateJson(await getUserEmail(db, user.id));
    },
  );

  app.post(
    '/me/email/confirm',
    {
      schema: {
        summary: 'Confirm your e-mail address with the code sent to it',
        tags: ['alerts'],
        body: Type.Object(
          { code: Type.String({ minLength: 1, maxLength: 64 }) },
          { additionalProperties: false },
        ),
        response: { 200: EmailState, ...errorResponses(400) },
      },
    },
    async (request) => {
      const user = userOf(request);
      const kept = await getUserEmail(db, user.id);
      if (!kept?.email)
        invalid('$body.code', 'confirms nothing: give an address first (PUT /api/v1/me/email)');
      if (kept.confirmedAt) return stateJson(kept);
      if (!codeMatches(request.body.code, { hash: kept.codeHash, expiresAt: kept.codeExpiresAt }))
        invalid('$body.code', `is not the code sent to ${kept.email}, or it has expired: ask for a new one`);
      await confirmUserEmail(db, user.id, new Date().toISOString());
      return stateJson(await getUserEmail(db, user.id));
    },
  );
};
