import { AlertSender } from '../../exchange/alerts/alert-sender.js';
import { smtpSettingsFromEnv } from '../../exchange/alerts/smtp-settings.js';
import { FederationService } from '../../federation/peering/service.js';
import { buildApp } from '../../http/app.js';
import { parsePublicUrl, parseTrustProxy } from '../../http/public-address.js';
import { buildIndexInBackground, observableIndexOf } from '../../intel/index-build.js';
import { warninglistsOf } from '../../intel/warninglists/service.js';
import { serverLogger } from '../../node/log.js';
import { openNode } from '../../node/node.js';
import { type Command, UsageError } from '../command.js';
import { stringOption } from '../node-context.js';

export const DEFAULT_PORT = 8600;

/** A setting that does not parse is the operator's usage error (exit 2), said before opening. */
function usable<T>(parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

export const serve: Command = {
  name: 'serve',
  usage:
    'accord serve [--port N] [--host ADDRESS] [--public-url URL] [--trust-proxy true|HOPS|ADDR,…] [--data DIR] [--db URL]',
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    'public-url': { type: 'string' },
    'trust-proxy': { type: 'string' },
  },
  async run(ctx) {
    const portText = stringOption(ctx, 'port') ?? process.env.ACCORD_PORT ?? String(DEFAULT_PORT);
    if (!/^\d+$/.test(portText) || Number(portText) > 65535)
      throw new UsageError(`--port '${portText}' is not a port number`);
    const host = stringOption(ctx, 'host') ?? process.env.ACCORD_HOST ?? '127.0.0.1';
    const smtp = usable(() => smtpSettingsFromEnv(process.env));
    const node = await openNode({ data: ctx.global.data, db: ctx.global.db, log: serverLogger() });
    // A list that cannot be read stops the start, naming the file, rather than the first feed.
    try {
      warninglistsOf(node);
    } catch (e) {
      await node.close();
      throw e;
    }
    const publicUrl = stringOption(ctx, 'public-url') ?? process.env.ACCORD_PUBLIC_URL;
    const trustProxy = stringOption(ctx, 'trust-proxy') ?? process.env.ACCORD_TRUST_PROXY;
    const app = await buildApp(node, {
      smtp,
      ...(publicUrl ? { publicUrl: usable(() => parsePublicUrl(publicUrl)) } : {}),
      ...(trustProxy ? { trustProxy: usable(() => parseTrustProxy(trustProxy)) } : {}),
    });
    // Build the lookup index now, in slices that leave the event loop free: /healthz answers
    // throughout, /readyz says 503 with the progress, and lookups say ACCORD_NOT_READY until
    // it is complete (about a second per 100,000 indicators). Started before
    // the port opens, so no probe ever finds it ready with half an index.
    const t0 = Date.now();
    buildIndexInBackground(node)
      .then(() => {
        const index = observableIndexOf(node);
        app.log.info({ observables: index.size, ms: Date.now() - t0 }, 'lookup index built');
        const unreadable = index.unreadableReport();
        if (unreadable.count > 0)
          app.log.warn({ unreadable }, 'lookup index skipped objects it cannot read (see GET /readyz)');
      })
      .catch((e) => app.log.error({ err: e }, 'lookup index build failed; lookups will retry'));
    const address = await app.listen({ port: Number(portText), host });
    app.log.info(
      { party: node.settings.party, store: node.store.db.display },
      `Accord node listening on ${address}`,
    );
    // Peers: push at once, retry with backoff, pull periodically (docs/federation.md).
    // Several processes on one store: each peer is pushed to by the holder of its lease.
    const leaseTtl = process.env.ACCORD_LEASE_TTL_MS;
    if (leaseTtl !== undefined && !/^\d+$/.test(leaseTtl))
      throw new UsageError(`ACCORD_LEASE_TTL_MS '${leaseTtl}' is not a number of milliseconds`);
    const federation = new FederationService(node, {
      ...(leaseTtl ? { leaseTtlMs: Number(leaseTtl) } : {}),
    });
    await federation.start();
    // Alerts: signed webhooks and e-mail for what must not wait (docs/alerts.md).
    const alerts = new AlertSender(node, { smtp });
    alerts.start();

    // Finish requests in flight, then close the store, so nothing acknowledged is lost.
    await new Promise<void>((resolve) => {
      const stop = (signal: string) => {
        app.log.info({ signal }, 'shutting down');
        Promise.all([federation.stop(), alerts.stop()])
          .then(() => app.close())
          .then(() => node.close())
          .catch((e) => app.log.error({ err: e }, 'shutdown failed'))
          .finally(resolve);
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
    });
    return 0;
  },
};
