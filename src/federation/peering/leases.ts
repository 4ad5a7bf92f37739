// Several `accord serve` processes on one PostgreSQL store: each peer's exchange is done by
// the holder of its lease (leases-repo.ts), renewed every third of its life. When the holder
// dies its lease expires and another process takes the peer over, starting from the cursor
// last written to the store. On SQLite every link is this process's own (service.ts says why).

import type { AccordNode } from '../../node/node.js';
import { releaseLease, takeLease } from '../../store/leases-repo.js';
import { getPeer } from '../../store/peers-repo.js';

const leaseName = (nodeId: string) => `push:${nodeId}`;

/** A link's push loop: at most one push in flight per peer, and what to do when it ends. */
export type LinkState =
  | { kind: 'idle' }
  | { kind: 'pushing'; again: boolean }
  | { kind: 'waiting'; attempt: number; timer: NodeJS.Timeout }
  | { kind: 'stopped' };

export interface Link {
  nodeId: string;
  state: LinkState;
  /** Kept in memory between pushes, written to the store at most once a second (see persist). */
  cursor: number;
  persisted: number;
  persistedAt: number;
  attempt: number;
  inFlight: Promise<void> | null;
  /** When parked versions were last offered again (at most every few seconds). */
  reofferedAt: number;
  /** Whether this process holds the peer's lease: only then does it push to and pull from it. */
  leased: boolean;
}

/** What the leases need of the federation service: its links, whether it stopped, and a kick. */
export interface LeaseHost {
  links(): Link[];
  stopped(): boolean;
  kick(l: Link): void;
}

export class LinkLeases {
  private leasing: Promise<void> | null = null;
  /** A renewal was asked for while one ran (a peer was added): run once more after it. */
  private leaseAgain = false;

  constructor(
    private readonly node: AccordNode,
    private readonly owner: string,
    private readonly ttlMs: number,
    private readonly host: LeaseHost,
  ) {}

  private warn(message: string, e: unknown): void {
    this.node.log.warn({ err: e }, message);
  }

  /** Resolves when no renewal runs any more (stopping waits for it). */
  async settled(): Promise<void> {
    await this.leasing;
  }

  /**
   * Takes or renews the lease of every known peer. A link newly taken starts from the cursor
   * in the store, where the previous holder left it, and is kicked; a link whose lease went to
   * another process stops pushing (a push in flight finishes; the peer ignores the repeat).
   */
  renew(): Promise<void> {
    if (this.node.store.db.dialect !== 'postgres') {
      for (const l of this.host.links()) {
        if (l.leased) continue;
        l.leased = true;
        this.host.kick(l);
      }
      return Promise.resolve();
    }
    if (this.host.stopped()) return this.leasing ?? Promise.resolve();
    if (this.leasing) {
      this.leaseAgain = true;
      return this.leasing;
    }
    const run = (async () => {
      do {
        this.leaseAgain = false;
        await this.renewEach();
      } while (this.leaseAgain && !this.host.stopped());
    })();
    this.leasing = run.finally(() => {
      this.leasing = null;
    });
    return this.leasing;
  }

  private async renewEach(): Promise<void> {
    for (const l of this.host.links()) {
      if (this.host.stopped()) return;
      let held: boolean;
      try {
        held = await takeLease(this.node.store.db, leaseName(l.nodeId), this.owner, this.ttlMs);
      } catch (e) {
        // Not knowing is not holding: stop before two processes push at once.
        this.warn(`renewing the lease on ${l.nodeId} failed`, e);
        held = false;
      }
      if (held && !l.leased) {
        const peer = await getPeer(this.node.store.db, l.nodeId).catch((e) => {
          this.warn(`reading ${l.nodeId}'s cursor failed`, e);
          return undefined;
        });
        if (!peer) continue;
        l.cursor = Math.max(l.cursor, peer.pushCursor);
        l.persisted = peer.pushCursor;
        l.leased = true;
        this.node.log.info({ owner: this.owner }, `pushing to ${l.nodeId} from this process`);
        this.host.kick(l);
      } else if (!held && l.leased) {
        l.leased = false;
        if (l.state.kind === 'waiting') {
          clearTimeout(l.state.timer);
          l.state = { kind: 'idle' };
        }
        this.node.log.info({ owner: this.owner }, `${l.nodeId} is pushed to by another process now`);
      }
    }
  }
}

/** Hands a lease back at once (a clean stop): another process takes the peer over without waiting. */
export async function releaseLinkLease(node: AccordNode, l: Link, owner: string): Promise<void> {
  await releaseLease(node.store.db, leaseName(l.nodeId), owner).catch((e) =>
    node.log.warn({ err: e }, `releasing the lease on ${l.nodeId} failed`),
  );
}
