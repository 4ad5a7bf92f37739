import { join } from 'node:path';
import { smtpSettingsFromEnv } from '../../exchange/alerts/smtp-settings.js';
import { type Command, print, UsageError } from '../command.js';
import { startDemo, stopDemo } from '../demo/run-demo.js';
import { stringOption } from '../node-context.js';

export const demo: Command = {
  name: 'demo',
  usage: 'accord demo [--base-port 8601] [--data DIR]',
  options: { 'base-port': { type: 'string' } },
  async run(ctx) {
    const portText = stringOption(ctx, 'base-port') ?? '8601';
    if (!/^\d+$/.test(portText) || Number(portText) > 65530)
      throw new UsageError(`--base-port '${portText}' is not a port`);
    let smtp: ReturnType<typeof smtpSettingsFromEnv>;
    try {
      smtp = smtpSettingsFromEnv(process.env);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    const started = Date.now();
    const { nodes, steps } = await startDemo({
      dataDir: join(ctx.global.data, 'demo'),
      basePort: Number(portText),
      smtp,
    });
    print(
      ctx,
      {
        nodes: nodes.map((n) => ({
          party: n.party,
          url: n.url,
          login: {
            users: ['analyst', 'liaison', 'admin'].map((r) => `${r}-${n.party.toLowerCase()}`),
            password: n.password,
          },
          tokens: n.tokens,
        })),
        scenario: steps,
      },
      () =>
        [
          `Accord demo: six national nodes up and peered in ${((Date.now() - started) / 1000).toFixed(1)} s (data in ${join(ctx.global.data, 'demo')})`,
          '',
          ...nodes.flatMap((n) => [
            `${n.party}  console ${n.url}/   API docs ${n.url}/api/docs`,
            `    sign in as analyst-${n.party.toLowerCase()}, liaison-${n.party.toLowerCase()} or admin-${n.party.toLowerCase()} with password ${n.password}`,
            `    analyst token: ${n.tokens.analyst}`,
          ]),
          '',
          steps.length > 0
            ? 'Scenario:'
            : 'Scenario: already seeded in this data (delete the directory to start afresh)',
          ...steps.map((s) => `  ${s.party}: ${s.what}`),
          '  The Agreement is in force for BY, KZ, KG and TJ; AM and RU have signed only, so they receive nothing.',
          '',
          `Try: curl -H "Authorization: Bearer ${nodes[5]?.tokens.analyst}" ${nodes[5]?.url}/api/v1/objects`,
          'Press Ctrl-C to stop.',
        ].join('\n'),
    );
    await new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
    ctx.io.err('Stopping the demo nodes…');
    await stopDemo(nodes);
    return 0;
  },
};
