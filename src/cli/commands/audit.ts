import { verifyStoredChain } from '../../audit/log.js';
import { type Command, print, UsageError } from '../command.js';
import { withNode } from '../node-context.js';

export const auditVerify: Command = {
  name: 'audit verify',
  usage: 'accord audit verify [--json]',
  async run(ctx) {
    if (ctx.positionals.length > 0) throw new UsageError(`unexpected argument '${ctx.positionals[0]}'`);
    const verdict = await withNode(ctx, (node) => verifyStoredChain(node));
    print(ctx, verdict, () =>
      verdict.ok
        ? `audit log intact: ${verdict.count} entries${verdict.head ? `, head ${verdict.head.seq} ${verdict.head.hash}` : ''}`
        : `audit log TAMPERED at entry ${verdict.seq} (${verdict.problem}): ${verdict.message}`,
    );
    return verdict.ok ? 0 : 1;
  },
};
