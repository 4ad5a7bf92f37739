import { createHash } from 'node:crypto';
import { type AgreementDefinition, parseAgreementDefinition } from '../../agreement/index.js';
import { initNode } from '../../node/node.js';
import { type Command, print, UsageError } from '../command.js';
import { stringOption } from '../node-context.js';
import { readJsonFile } from '../read-json-file.js';

export const init: Command = {
  name: 'init',
  usage:
    'accord init --party CODE [--accreditation N] [--node-id ID] [--depositary] [--agreement FILE] [--data DIR] [--db URL]',
  options: {
    party: { type: 'string' },
    accreditation: { type: 'string' },
    'node-id': { type: 'string' },
    depositary: { type: 'boolean' },
    agreement: { type: 'string' },
  },
  async run(ctx) {
    const party = stringOption(ctx, 'party');
    if (!party) throw new UsageError('--party CODE is required');
    const acc = stringOption(ctx, 'accreditation');
    if (acc !== undefined && !/^\d+$/.test(acc)) throw new UsageError('--accreditation takes a whole number');
    const nodeId = stringOption(ctx, 'node-id');
    const agreementFile = stringOption(ctx, 'agreement');
    let agreement: AgreementDefinition | undefined;
    if (agreementFile !== undefined) {
      const parsed = parseAgreementDefinition(await readJsonFile(agreementFile));
      if (!parsed.ok) {
        // Nothing is made: a node must not start on a definition that breaks its own rules.
        if (ctx.global.json)
          ctx.io.out(JSON.stringify({ file: agreementFile, ok: false, errors: parsed.issues }, null, 2));
        else
          ctx.io.err(
            [
              `accord init: ${agreementFile} is not a valid agreement definition`,
              ...parsed.issues.map((i) => `  error   ${i.path}: ${i.message} [${i.code}]`),
            ].join('\n'),
          );
        return 1;
      }
      agreement = parsed.definition;
    }
    const { node, created } = await initNode(
      { data: ctx.global.data, db: ctx.global.db },
      {
        party: party.toUpperCase(),
        ...(acc !== undefined ? { accreditation: Number(acc) } : {}),
        ...(nodeId ? { nodeId } : {}),
        ...(ctx.values.depositary === true ? { depositary: true } : {}),
        ...(agreement ? { agreement } : {}),
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
          depositary: s.depositary === true,
          ...(agreement ? { agreement: agreement.id } : {}),
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
            ...(s.depositary ? ["  depositary:  yes (admins may record the Agreement's events)"] : []),
            ...(agreement ? [`  agreement:   ${agreement.id} (from ${agreementFile})`] : []),
            `Next: accord user add NAME --party ${s.party} --role admin && accord token create NAME`,
          ].join('\n'),
      );
      return 0;
    } finally {
      await node.close();
    }
  },
};
