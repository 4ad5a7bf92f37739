import type { NodeLogger } from '../../node/log.js';
import { PeerError } from './peer-client.js';

/**
 * What the log says about a peer exchange that keeps failing: the failure once, again only
 * when it changes, and when the exchange works again. A link retries with backoff for as
 * long as a peer is down or refuses (a Party for which the Agreement is not in force is
 * refused every time), and a warning with a stack on every attempt buried the one line an
 * operator needed. The peer's health (`accord peer list`, GET /api/v1/peers) keeps the last
 * failure either way.
 */
export class FailureReports {
  readonly #said = new Map<string, string>();

  constructor(private readonly log: NodeLogger) {}

  /** `what` names the exchange, e.g. "push to accord-by". */
  failed(what: string, e: unknown, attempt?: number): void {
    const peer = e instanceof PeerError;
    const message = String((e as Error)?.message ?? e);
    const reason = peer ? `${e.status} ${e.state}: ${message}` : message;
    const retry = attempt === undefined ? {} : { attempt };
    if (this.#said.get(what) === reason) {
      this.log.debug({ ...retry, reason }, `${what} failed again`);
      return;
    }
    this.#said.set(what, reason);
    // A peer's answer is no defect here: its status and state say it all. Anything else
    // (a bug, the store) keeps its stack.
    const fields = peer ? { status: e.status, state: e.state } : { err: e };
    this.log.warn(
      { ...fields, ...retry },
      `${what} failed: ${message} (retrying; said again only when the failure changes)`,
    );
  }

  succeeded(what: string): void {
    if (this.#said.delete(what)) this.log.info(`${what} works again`);
  }
}
