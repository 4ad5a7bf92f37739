import { pino } from 'pino';

/** The node's logger; the HTTP server logs through the same one (pino, as Fastify uses). */
export type NodeLogger = pino.Logger;

/**
 * The logger a node gets when its opener gives none (the CLI's one-shot commands, tests):
 * warnings and errors on standard error, so that a command's output on standard output stays
 * what it printed (`--json` included). ACCORD_LOG_LEVEL changes the level.
 */
export function defaultNodeLogger(): NodeLogger {
  return pino({ level: process.env.ACCORD_LOG_LEVEL ?? 'warn' }, pino.destination({ fd: 2, sync: true }));
}

/** The logger of `accord serve`: every level asked for, on standard output, as operators read it. */
export function serverLogger(): NodeLogger {
  return pino({ level: process.env.ACCORD_LOG_LEVEL ?? 'info' });
}
