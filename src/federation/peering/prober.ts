// Probes every peer with a URL every few seconds, so that what `accord peer list` and the
// console show is what is true now: a peer that died is failing, with the cause, within one
// interval; one that came back is healthy, and its link pushes at once.

import type { AccordNode } from '../../node/node.js';
import { getPeer, recordPeerFailure, recordProbeOk } from '../../store/peers-repo.js';
import { type ClientOptions, PeerError, probePeer } from './peer-client.js';

export interface ProberOptions {
  intervalMs: number;
  client?: ClientOptions;
  /** The node ids to probe now. */
  peers: () => string[];
  /** Called when a probe succeeds after the peer was failing. */
  recovered: (nodeId: string) => void;
}

export class Prober {
  private timer: NodeJS.Timeout | null = null;
  private readonly inFlight = new Map<string, Promise<void>>();
  /** The last outcome per peer: unchanged success writes nothing. */
  private readonly ok = new Map<string, boolean>();

  constructor(
    private readonly node: AccordNode,
    private readonly o: ProberOptions,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.round(), this.o.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await Promise.allSettled([...this.inFlight.values()]);
  }

  private round(): void {
    for (const nodeId of this.o.peers()) {
      if (this.inFlight.has(nodeId)) continue;
      const p = this.probe(nodeId).finally(() => this.inFlight.delete(nodeId));
      this.inFlight.set(nodeId, p);
    }
  }

  private async probe(nodeId: string): Promise<void> {
    const db = this.node.store.db;
    const peer = await getPeer(db, nodeId).catch((err) => {
      this.node.log.warn({ err }, `reading peer ${nodeId} for its probe failed`);
      return undefined;
    });
    if (!peer?.url || !this.timer) return;
    const timeoutMs = Math.max(1000, Math.min(5000, this.o.intervalMs * 2));
    try {
      await probePeer(this.node, peer, { ...this.o.client, timeoutMs });
    } catch (e) {
      if (!this.timer) return;
      this.ok.set(nodeId, false);
      const state = e instanceof PeerError ? e.state : 'unreachable';
      await recordPeerFailure(db, nodeId, (e as Error).message, state).catch((err) =>
        this.node.log.warn({ err }, `recording ${nodeId}'s failed probe failed`),
      );
      return;
    }
    if (this.ok.get(nodeId) === true && peer.failures === 0) return;
    this.ok.set(nodeId, true);
    await recordProbeOk(db, nodeId, new Date().toISOString()).catch((err) =>
      this.node.log.warn({ err }, `recording ${nodeId}'s probe failed`),
    );
    if (peer.failures > 0) this.o.recovered(nodeId);
  }
}
