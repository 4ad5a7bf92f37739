// `accord pattern check` and `accord pattern match`: the patterning library on the command line.

import { checkPattern, matchPattern, parsePattern } from '../../stix/pattern/index.js';
import { type Command, print, UsageError } from '../command.js';
import { readJsonFile } from '../read-json-file.js';

export const patternCheck: Command = {
  name: 'pattern check',
  usage: 'accord pattern check PATTERN… [--json]',
  async run(ctx) {
    if (ctx.positionals.length === 0) throw new UsageError('give at least one pattern');
    const results = ctx.positionals.map((pattern) => ({
      pattern,
      valid: false,
      errors: checkPattern(pattern),
    }));
    for (const r of results) r.valid = r.errors.length === 0;
    print(ctx, results, () =>
      results
        .map((r) =>
          r.valid
            ? `ok     ${r.pattern}`
            : [`error  ${r.pattern}`, ...r.errors.map((e) => `  ${e.message}`)].join('\n'),
        )
        .join('\n'),
    );
    return results.every((r) => r.valid) ? 0 : 1;
  },
};

function objectsOf(json: unknown): unknown[] | undefined {
  if (Array.isArray(json)) return json;
  if (typeof json === 'object' && json !== null) {
    const o = json as { type?: unknown; objects?: unknown };
    if (Array.isArray(o.objects)) return o.objects;
    if (o.type === 'observed-data') return [o];
  }
  return undefined;
}

export const patternMatch: Command = {
  name: 'pattern match',
  usage: 'accord pattern match PATTERN FILE [--json]',
  async run(ctx) {
    if (ctx.positionals.length !== 2) throw new UsageError('give one pattern and one file');
    const [pattern, file] = ctx.positionals as [string, string];
    const parsed = parsePattern(pattern);
    if (!parsed.ok) {
      ctx.io.err(`accord pattern match: invalid pattern: ${parsed.error.message}`);
      return 1;
    }
    let objects: unknown[] | undefined;
    try {
      // The same door as an HTTP body: JSON errors with their line, and the node's limits.
      objects = objectsOf(await readJsonFile(file));
    } catch (e) {
      ctx.io.err(`accord pattern match: cannot read ${file}: ${(e as Error).message}`);
      return 1;
    }
    if (!objects) {
      ctx.io.err(`accord pattern match: ${file} is not a STIX bundle, a list of objects or an observed-data`);
      return 1;
    }
    const result = matchPattern(parsed.ast, objects as object[]);
    for (const w of result.warnings) ctx.io.err(`accord pattern match: ${w}`);
    print(ctx, { matched: result.matched, observedDataIds: result.observedDataIds }, () =>
      result.observedDataIds.join('\n'),
    );
    return result.matched ? 0 : 1;
  },
};
