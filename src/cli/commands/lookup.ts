import { readFile } from 'node:fs/promises';
import { lookupValues } from '../../intel/lookup-service.js';
import type { Audience } from '../../node/disclosure.js';
import { type Command, UsageError } from '../command.js';
import { stringOption, withNode } from '../node-context.js';

const HOW: Record<string, string> = {
  exact: '',
  range: ' (in range)',
  'parent-domain': ' (parent domain)',
  'url-host': ' (URL host)',
  'email-domain': ' (e-mail domain)',
};

export const lookupCommand: Command = {
  name: 'lookup',
  usage: 'accord lookup VALUE… [--file FILE] [--for CODE] [--include-expired]',
  options: {
    file: { type: 'string' },
    for: { type: 'string' },
    'include-expired': { type: 'boolean', default: false },
  },
  async run(ctx) {
    const file = stringOption(ctx, 'file');
    const fromFile = file ? (await readFile(file, 'utf8')).split(/\r?\n/).map((l) => l.trim()) : [];
    const values = [...ctx.positionals, ...fromFile.filter((l) => l && !l.startsWith('#'))];
    if (values.length === 0) throw new UsageError('give at least one value, or --file with one value a line');
    const results = await withNode(ctx, async (node) => {
      const party = stringOption(ctx, 'for')?.toUpperCase() ?? node.settings.party;
      // A lookup for another Party answers what that Party may know, no more.
      const audience: Audience = {
        recipient: { kind: 'party', party },
        actor: { kind: 'system', id: 'accord lookup', party: node.settings.party },
      };
      return lookupValues(node, audience, values, { includeExpired: ctx.values['include-expired'] === true });
    });
    if (ctx.global.json) ctx.io.out(JSON.stringify({ results }, null, 2));
    else {
      for (const r of results) {
        const listed =
          r.warninglists.length > 0
            ? `; on warninglist: ${r.warninglists.map((w) => w.name).join(', ')}`
            : '';
        if (r.error) ctx.io.out(`${r.value}\tinvalid: ${r.error}`);
        else if (!r.known) ctx.io.out(`${r.value}\tunknown${listed}`);
        else {
          const sightings = r.sightings.count > 0 ? `; sighted ${r.sightings.count}×` : '';
          ctx.io.out(`${r.value}\tknown — reported by ${r.reported_by.join(', ')}${sightings}${listed}`);
          for (const m of r.matches)
            ctx.io.out(
              `\t${m.id}\t${m.originator}\t${m.matched}${HOW[m.how]}${m.partial ? ' [partial]' : ''}${m.expired ? ' [expired]' : ''}${m.name ? `\t${m.name}` : ''}`,
            );
        }
      }
    }
    // Like grep: 0 when something was found, 1 when nothing was (a script can branch on it).
    return results.some((r) => r.known) ? 0 : 1;
  },
};
