import { createHash } from 'node:crypto';
import { initNode } from '../../node/node.js';
import { type Command, print, UsageError } from '../command.js';
import { stringOption } from '../node-context.js';

export const init: Command = {
  name: 'init',
  summary: 'Make a node for a Party: its database, key pair and settings',
  usage: 'accord init --party CODE [--accreditation N] [--node-id ID] [--data DIR] [--db URL]',
  options: {
    party: { type: 'string' },
    accreditation: { type: 'string' },
    'node-id': { type: 'string' },
  },
  async run(ctx) {
    const party = stringOption(ctx, 'party');
    if (!party) throw new UsageError('--party CODE is required');
    const acc = stringOption(ctx, 'accreditation');
    if (acc !== undefined && !/^\d+$/.test(acc)) throw new UsageError('--accreditation takes a whole number');
    const nodeId = stringOption(ctx, 'node-id');
    const { node, created } = await initNode(
      { data: ctx.global.data, db: ctx.global.db },
      {
        party: party.toUpperCase(),
        ...(acc !== undefined ? { accreditation: Number(acc) } : {}),
        ...(nodeId ? { nodeId } : {}),
      },
    );
    try {
      const s = node.settings;
      const fingerprint = createHash('sha256').update(String(s.publicKeyJwk.x)).digest('hex').slice(0, 32);
      print(
        ctx,
        {
          created,
          party: s.party,
          node_id: s.nodeId,
          accreditation: s.accreditation,
          data: node.dataDir,
          db: node.store.db.display,
          public_key: s.publicKeyJwk,
          fingerprint,
        },
        () =>
          [
            created
              ? `Initialised node ${s.nodeId} for ${s.party}`
              : `Node ${s.nodeId} for ${s.party} already initialised`,
            `  data:        ${node.dataDir}`,
            `  database:    ${node.store.db.display}`,
            `  key:         Ed25519 ${fingerprint}`,
            `Next: accord user add NAME --party ${s.party} --role admin && accord token create NAME`,
          ].join('\n'),
      );
      return 0;
    } finally {
      await node.close();
    }
  },
};
