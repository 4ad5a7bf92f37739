import { describeCounts, FAILURE_STATES, type FailureState } from '../../federation/peering/health.js';
import { FederationService, type SyncReport } from '../../federation/peering/service.js';
import { readFederationSettings, writeFederationSettings } from '../../store/peers-repo.js';
import { type Command, print, UsageError } from '../command.js';
import { withNode } from '../node-context.js';

function describe(o: SyncReport['push']): string {
  switch (o.kind) {
    case 'done':
      return `${describeCounts(o)}${o.withheld > 0 ? `, ${o.withheld} withheld by the policy` : ''}`;
    case 'suspended':
      return `suspended: ${o.reason}`;
    case 'relay-only':
      return 'reached through a hub';
    case 'failed': {
      const cause = FAILURE_STATES[o.state as FailureState] ?? 'the exchange failed';
      return `FAILED (${o.state}): ${cause}. ${o.error}`;
    }
  }
}

export const sync: Command = {
  name: 'sync',
  usage: 'accord sync [--json]',
  async run(ctx) {
    const reports = await withNode(ctx, (node) =>
      new FederationService(node, { client: { maxRetries: 2 } }).syncOnce(),
    );
    print(ctx, reports, () =>
      reports.length === 0
        ? "No peers: add one with 'accord peer add'"
        : reports
            .map((r) => `${r.nodeId}\n    push: ${describe(r.push)}\n    pull: ${describe(r.pull)}`)
            .join('\n'),
    );
    return reports.some((r) => r.push.kind === 'failed' || r.pull.kind === 'failed') ? 1 : 0;
  },
};

export const hub: Command = {
  name: 'hub',
  usage: 'accord hub on|off|status',
  async run(ctx) {
    const [word, ...extra] = ctx.positionals;
    if (!word || extra.length > 0 || !['on', 'off', 'status'].includes(word))
      throw new UsageError('say on, off or status');
    const settings = await withNode(ctx, async (node) => {
      if (word !== 'status') await writeFederationSettings(node.store.db, { hub: word === 'on' });
      return readFederationSettings(node.store.db);
    });
    print(ctx, settings, () =>
      settings.hub ? 'Hub mode is on: this node relays between its peers' : 'Hub mode is off',
    );
    return 0;
  },
};
