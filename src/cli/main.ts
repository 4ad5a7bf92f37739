import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isAccordError } from '../errors.js';
// Not the store's index: it would load both database drivers before `--help`.
import { storeBusy } from '../store/store-busy.js';
import { type CliIO, type Command, type GlobalOptions, UsageError } from './command.js';
import { COMMANDS, type CommandEntry } from './commands/index.js';

const GLOBAL_OPTIONS = {
  data: { type: 'string' },
  db: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

const stdio: CliIO = {
  out: (s) => process.stdout.write(s.endsWith('\n') ? s : `${s}\n`),
  err: (s) => process.stderr.write(s.endsWith('\n') ? s : `${s}\n`),
};

function findCommand(argv: string[]): { entry: CommandEntry; rest: string[] } | undefined {
  const two = `${argv[0]} ${argv[1]}`;
  const byTwo = COMMANDS.find((c) => c.name === two);
  if (byTwo) return { entry: byTwo, rest: argv.slice(2) };
  const byOne = COMMANDS.find((c) => c.name === argv[0]);
  if (byOne) return { entry: byOne, rest: argv.slice(1) };
  return undefined;
}

export function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'Usage: accord COMMAND [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Options for every command:',
    '  --data DIR   the node directory (env ACCORD_DATA, default ./.accord)',
    '  --db URL     sqlite:PATH or postgres://… (env ACCORD_DB, default sqlite:DIR/accord.sqlite)',
    '  --json       print data as JSON',
    '  -h, --help   show help',
  ].join('\n');
}

export function globalOptions(values: Record<string, unknown>, env = process.env): GlobalOptions {
  const data = resolve((values.data as string | undefined) ?? env.ACCORD_DATA ?? '.accord');
  const db = (values.db as string | undefined) ?? env.ACCORD_DB ?? `sqlite:${resolve(data, 'accord.sqlite')}`;
  return { data, db, json: values.json === true };
}

/** Runs the CLI and returns the exit code: 0 success, 1 invalid input or failed check, 2 usage. */
export async function main(argv: string[], io: CliIO = stdio): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.out(helpText());
    return argv.length === 0 ? 2 : 0;
  }
  const found = findCommand(argv);
  if (!found) {
    io.err(`accord: unknown command '${argv.slice(0, 2).join(' ')}'\n\n${helpText()}`);
    return 2;
  }
  const { entry, rest } = found;
  const command: Command = await entry.load();
  try {
    let parsed: ReturnType<typeof parseArgs>;
    try {
      parsed = parseArgs({
        args: rest,
        options: { ...GLOBAL_OPTIONS, ...command.options },
        allowPositionals: true,
        strict: true,
      });
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    if (parsed.values.help) {
      io.out(`Usage: ${command.usage}\n\n${entry.summary}`);
      return 0;
    }
    return await command.run({
      positionals: parsed.positionals,
      values: parsed.values as Record<string, string | boolean | string[] | undefined>,
      global: globalOptions(parsed.values),
      io,
    });
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`accord ${command.name}: ${e.message}\nUsage: ${command.usage}`);
      return 2;
    }
    const error = storeBusy(e) ?? e;
    if (isAccordError(error)) {
      io.err(`accord ${command.name}: ${error.message}`);
      return 1;
    }
    // Not the user's mistake: say so plainly, with the stack only when asked for.
    io.err(`accord ${command.name}: internal error: ${(e as Error).message}`);
    if (process.env.ACCORD_DEBUG) io.err(String((e as Error).stack));
    return 1;
  }
}
