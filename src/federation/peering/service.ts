// The federation at run time, started by `accord serve` and the demo: one link per peer that
// pushes as soon as something is committed — by this process, or by any other on the same
// store (commit-watch.ts) — retries with exponential backoff and full jitter while the peer is
// away, a light probe every few seconds that keeps each peer's state current, and a periodic
// pull from every peer that heals whatever a push missed.
//
// Several `accord serve` processes may share one PostgreSQL store. Each peer's exchange is then
// done by one of them at a time: the holder of the peer's lease (leases-repo.ts), renewed every
// third of its life; when the holder dies its lease expires and another process takes the peer
// over, starting from the cursor last written to the store (a cursor written late only resends
// what the peer's idempotent ingest ignores). On SQLite, one file is served by one process, and
// there are no leases: a lease renewal is a write, and every write between another process's
// read and write (`accord import` beside `accord serve`) would cost it SQLITE_BUSY_SNAPSHOT.

import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { todayUtc } from '../../node/agreement-service.js';
import { onStoreChanged } from '../../node/changes.js';
import type { AccordNode } from '../../node/node.js';
import { type CommitWatch, watchCommits } from '../../store/commit-watch.js';
import { listPeers, readFederationSettings, recordPeerFailure, recordPush } from '../../store/peers-repo.js';
import { type ExchangeOutcome, pullFromPeer, pushToPeer } from './exchange.js';
import { FailureReports } from './failure-reports.js';
import { FileFetcher } from './file-fetch.js';
import { type Link, LinkLeases, type LinkState, releaseLinkLease } from './leases.js';
import { retryParked } from './parked.js';
import { type ClientOptions, PeerError } from './peer-client.js';
import { Prober } from './prober.js';

export interface FederationOptions {
  /** How often every peer's outbox is read, and stalled links kicked (default 30 s). */
  pullIntervalMs?: number;
  /** First retry delay after a failed push; doubles up to maxBackoffMs (defaults 500 ms, 60 s). */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /** How often each peer is probed (default 2 s); 0: never. */
  probeIntervalMs?: number;
  /** SQLite: how often the store's change counter is read (default 250 ms). */
  commitPollMs?: number;
  /** The day the Agreement is read for; tests fix it. */
  today?: () => string;
  client?: ClientOptions;
  /** How long a peer's lease lasts unless renewed (default 10 s): another process takes over after it. */
  leaseTtlMs?: number;
  /** Who this process is in the leases table (default host:pid:random). */
  owner?: string;
}

export interface SyncReport {
  nodeId: string;
  push: ExchangeOutcome | { kind: 'failed'; error: string; state: string };
  pull: ExchangeOutcome | { kind: 'failed'; error: string; state: string };
}

export class FederationService {
  private readonly links = new Map<string, Link>();
  private timer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;
  private watch: CommitWatch | null = null;
  private prober: Prober | null = null;
  private files: FileFetcher | null = null;
  private waking: NodeJS.Timeout | null = null;
  private parkedAt = 0;
  /** The pinned keys as last seen: items parked for want of a key are retried when they change. */
  private keysSeen = '';
  private pulling: Promise<unknown> | null = null;
  private stopped = false;
  /** Read at start and on every tick: `accord hub on` in another process takes effect then. */
  private hub = false;
  private leaseTimer: NodeJS.Timeout | null = null;
  private leases: LinkLeases | null = null;
  private readonly reports: FailureReports;
  readonly owner: string;

  constructor(
    private readonly node: AccordNode,
    private readonly o: FederationOptions = {},
  ) {
    this.owner = o.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.reports = new FailureReports(node.log);
  }

  private get leaseTtl(): number {
    return this.o.leaseTtlMs ?? 10_000;
  }

  /** Takes or renews the lease of every known peer (leases.ts); kicks the links newly taken. */
  private renewLeases(): Promise<void> {
    this.leases ??= new LinkLeases(this.node, this.owner, this.leaseTtl, {
      links: () => [...this.links.values()],
      stopped: () => this.stopped,
      kick: (l) => this.kick(l),
    });
    return this.leases.renew();
  }

  /** The nodes whose exchange this process does now (for tests and diagnostics). */
  leasedPeers(): string[] {
    return [...this.links.values()].filter((l) => l.leased).map((l) => l.nodeId);
  }

  /** A failure nobody waits for (a health record, a cursor): logged, never thrown into a timer. */
  private warn(message: string, e: unknown): void {
    this.node.log.warn({ err: e }, message);
  }

  private today(): string {
    return (this.o.today ?? todayUtc)();
  }

  async start(): Promise<void> {
    this.hub = (await readFederationSettings(this.node.store.db)).hub;
    this.unsubscribe = onStoreChanged(this.node, () => this.wake());
    this.watch = watchCommits(this.node.store.db, () => this.wake(), {
      ...(this.o.commitPollMs ? { pollMs: this.o.commitPollMs } : {}),
      onError: (e) => this.warn('listening for commits failed', e),
    });
    await this.refreshLinks();
    this.files = new FileFetcher(this.node, {
      baseBackoffMs: Math.max(this.o.baseBackoffMs ?? 2000, 200),
    });
    await this.renewLeases();
    this.kickAll();
    this.files.kick();
    void this.pullAll();
    this.timer = setInterval(() => void this.tick(), this.o.pullIntervalMs ?? 30_000);
    this.timer.unref();
    this.leaseTimer = setInterval(() => void this.renewLeases(), Math.max(50, this.leaseTtl / 3));
    this.leaseTimer.unref();
    if (this.o.probeIntervalMs !== 0) {
      this.prober = new Prober(this.node, {
        intervalMs: this.o.probeIntervalMs ?? 2000,
        ...(this.o.client ? { client: this.o.client } : {}),
        peers: () => [...this.links.keys()],
        // A peer back after an outage is pushed to now, not when its backoff runs out.
        recovered: (nodeId) => this.recovered(nodeId),
      });
      this.prober.start();
    }
  }

  /**
   * Something was committed. Many commits in a burst make one wake: the peers are read again
   * (one added or removed takes effect at once), every link is kicked, and items parked for a
   * reason that may have gone away are tried again.
   */
  private wake(): void {
    if (this.stopped || this.waking) return;
    this.waking = setTimeout(() => {
      this.waking = null;
      void this.onWake();
    }, 0);
  }

  private async onWake(): Promise<void> {
    if (this.stopped) return;
    try {
      this.hub = (await readFederationSettings(this.node.store.db)).hub;
      const before = this.links.size;
      const keys = await this.refreshLinks();
      // A peer added meanwhile is claimed now, not at the next renewal.
      if (this.links.size > before) await this.renewLeases();
      this.kickAll();
      // A received document names files its maker's node serves: fetch what is missing.
      this.files?.kick();
      // Retrying parked items verifies each again: do it when a key changed, else once a minute.
      if (keys !== this.keysSeen || Date.now() - this.parkedAt > 60_000) {
        this.keysSeen = keys;
        this.parkedAt = Date.now();
        await retryParked(this.node);
      }
    } catch (e) {
      this.warn('waking the federation failed', e);
    }
  }

  private recovered(nodeId: string): void {
    const l = this.links.get(nodeId);
    if (l?.state.kind !== 'waiting' || !l.leased) return;
    clearTimeout(l.state.timer);
    l.inFlight = this.push(l);
  }

  /** Stops timers and waits for exchanges in flight, so the store can close after. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    if (this.timer) clearInterval(this.timer);
    if (this.leaseTimer) clearInterval(this.leaseTimer);
    await this.leases?.settled();
    if (this.waking) clearTimeout(this.waking);
    await this.watch?.stop();
    await this.prober?.stop();
    await this.files?.stop();
    for (const l of this.links.values()) {
      if (l.state.kind === 'waiting') clearTimeout(l.state.timer);
      l.state = { kind: 'stopped' };
    }
    await Promise.allSettled([...[...this.links.values()].map((l) => l.inFlight), this.pulling]);
    for (const l of this.links.values()) {
      if (!l.leased) continue;
      await this.persist(l, true);
      if (this.node.store.db.dialect !== 'postgres') continue;
      // Handed back at once: another process takes the peer over without waiting for expiry.
      await releaseLinkLease(this.node, l, this.owner);
      l.leased = false;
    }
  }

  /**
   * Writing the cursor after every push would cost a commit per peer per object; a cursor
   * written late only makes the next start send again what the peer already has, which its
   * idempotent ingest ignores. So: at most once a second, and when stopping.
   */
  private async persist(l: Link, force = false): Promise<void> {
    if (l.cursor === l.persisted || (!force && Date.now() - l.persistedAt < 1000)) return;
    const cursor = l.cursor;
    l.persistedAt = Date.now();
    try {
      await recordPush(this.node.store.db, l.nodeId, cursor, new Date().toISOString());
      l.persisted = cursor;
    } catch (e) {
      // Kept in memory and written on the next push: a late cursor only resends.
      this.warn(`recording the push cursor of ${l.nodeId} failed`, e);
    }
  }

  /** One push and one pull with every peer, as `accord sync` runs them. */
  async syncOnce(): Promise<SyncReport[]> {
    const { hub } = await readFederationSettings(this.node.store.db);
    const reports: SyncReport[] = [];
    for (const p of await listPeers(this.node.store.db)) {
      const opts = {
        today: this.today(),
        hub,
        persist: true,
        ...(this.o.client ? { client: this.o.client } : {}),
      };
      const push = await pushToPeer(this.node, p.nodeId, opts).catch((e: Error) => this.failed(p.nodeId, e));
      const pull = await pullFromPeer(this.node, p.nodeId, opts).catch((e: Error) =>
        this.failed(p.nodeId, e),
      );
      reports.push({ nodeId: p.nodeId, push, pull });
    }
    return reports;
  }

  private async failed(nodeId: string, e: Error): Promise<{ kind: 'failed'; error: string; state: string }> {
    const state = e instanceof PeerError ? e.state : 'failing';
    await recordPeerFailure(this.node.store.db, nodeId, e.message, state).catch((err) =>
      this.warn(`recording ${nodeId}'s failure failed`, err),
    );
    return { kind: 'failed', error: e.message, state };
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    this.hub = (
      await readFederationSettings(this.node.store.db).catch((e) => {
        this.warn('reading the federation settings failed; keeping the last ones', e);
        return { hub: this.hub };
      })
    ).hub;
    for (const l of this.links.values()) if (l.leased) await this.persist(l, true);
    await this.onWake();
    if (!this.pulling) void this.pullAll();
  }

  /**
   * Peers added or removed by `accord peer` in another process are picked up here. Returns
   * the pinned keys in one string, to tell when they changed.
   */
  private async refreshLinks(): Promise<string> {
    const peers = await listPeers(this.node.store.db);
    const ids = new Set(peers.filter((p) => p.url).map((p) => p.nodeId));
    for (const p of peers) {
      if (!p.url || this.links.has(p.nodeId)) continue;
      this.links.set(p.nodeId, {
        nodeId: p.nodeId,
        state: { kind: 'idle' },
        cursor: p.pushCursor,
        persisted: p.pushCursor,
        persistedAt: 0,
        attempt: 0,
        inFlight: null,
        reofferedAt: 0,
        leased: false,
      });
    }
    for (const [id, l] of this.links) {
      if (ids.has(id)) continue;
      if (l.state.kind === 'waiting') clearTimeout(l.state.timer);
      l.state = { kind: 'stopped' };
      this.links.delete(id);
    }
    return peers.map((p) => `${p.nodeId}=${String(p.publicKeyJwk.x)}`).join(',');
  }

  private kickAll(): void {
    for (const l of this.links.values()) this.kick(l);
  }

  private kick(l: Link): void {
    if (!l.leased) return;
    switch (l.state.kind) {
      case 'idle':
        l.inFlight = this.push(l);
        return;
      case 'pushing':
        l.state.again = true;
        return;
      case 'waiting':
      case 'stopped':
        // A waiting link retries on its timer and then sends everything stored meanwhile.
        return;
    }
  }

  private async push(l: Link): Promise<void> {
    l.state = { kind: 'pushing', again: false };
    try {
      const reoffer = Date.now() - l.reofferedAt > 30_000;
      if (reoffer) l.reofferedAt = Date.now();
      const r = await pushToPeer(this.node, l.nodeId, {
        today: this.today(),
        hub: this.hub,
        cursor: l.cursor,
        persist: false,
        reoffer,
        ...(this.o.client ? { client: this.o.client } : {}),
      });
      if (r.kind === 'done') l.cursor = r.cursor;
      // After failures the stored health must say so at once; otherwise at most once a second.
      await this.persist(l, l.attempt > 0);
      l.attempt = 0;
      this.reports.succeeded(`push to ${l.nodeId}`);
    } catch (e) {
      if ((l.state as LinkState).kind === 'stopped') return;
      l.attempt++;
      const state = e instanceof PeerError ? e.state : 'failing';
      await recordPeerFailure(this.node.store.db, l.nodeId, (e as Error).message, state).catch((err) =>
        this.warn(`recording ${l.nodeId}'s failure failed`, err),
      );
      this.reports.failed(`push to ${l.nodeId}`, e, l.attempt);
      this.wait(l);
      return;
    }
    const s = l.state as LinkState;
    if (s.kind === 'stopped') return;
    if (s.kind === 'pushing' && s.again && l.leased) l.inFlight = this.push(l);
    else l.state = { kind: 'idle' };
  }

  private wait(l: Link): void {
    const base = this.o.baseBackoffMs ?? 500;
    const cap = this.o.maxBackoffMs ?? 60_000;
    // Full jitter: peers that lost the same node do not all come back at the same instant.
    const delay = Math.random() * Math.min(cap, base * 2 ** Math.min(l.attempt - 1, 20));
    const timer = setTimeout(() => {
      if (l.state.kind !== 'waiting') return;
      l.inFlight = this.push(l);
    }, delay);
    timer.unref();
    l.state = { kind: 'waiting', attempt: l.attempt, timer };
  }

  private async pullAll(): Promise<void> {
    const run = (async () => {
      const { hub } = await readFederationSettings(this.node.store.db);
      for (const l of [...this.links.values()]) {
        if (this.stopped) return;
        if (!l.leased) continue;
        await pullFromPeer(this.node, l.nodeId, {
          today: this.today(),
          hub,
          ...(this.o.client ? { client: this.o.client } : {}),
        }).then(
          () => this.reports.succeeded(`pull from ${l.nodeId}`),
          async (e: Error) => {
            const state = e instanceof PeerError ? e.state : 'failing';
            await recordPeerFailure(this.node.store.db, l.nodeId, e.message, state).catch((err) =>
              this.warn(`recording ${l.nodeId}'s failure failed`, err),
            );
            this.reports.failed(`pull from ${l.nodeId}`, e);
          },
        );
      }
    })();
    this.pulling = run;
    try {
      await run;
    } finally {
      this.pulling = null;
    }
  }
}
