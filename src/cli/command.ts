import type { ParseArgsConfig } from 'node:util';

/** Where a command writes: standard output for data, standard error for talk. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
}

/** Options every command takes. */
export interface GlobalOptions {
  /** The node's data directory (`--data`, `ACCORD_DATA`, default `./.accord`). */
  data: string;
  /** `sqlite:PATH` or `postgres://…` (`--db`, `ACCORD_DB`); default `sqlite:<data>/accord.sqlite`. */
  db: string;
  json: boolean;
}

export interface CommandContext {
  positionals: string[];
  values: Record<string, string | boolean | string[] | undefined>;
  global: GlobalOptions;
  io: CliIO;
}

/**
 * One `accord` command. `name` may have two words (`user add`); its summary is listed in
 * commands/index.ts, which loads it. `run` returns the exit code: 0 success, 1 invalid input
 * or a failed check; throw UsageError for 2.
 */
export interface Command {
  name: string;
  usage: string;
  options?: NonNullable<ParseArgsConfig['options']>;
  run(ctx: CommandContext): Promise<number>;
}

/** Wrong words on the command line: exit code 2 with the command's usage. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Prints data as JSON with --json, or as the given text otherwise. */
export function print(ctx: CommandContext, data: unknown, text: () => string): void {
  ctx.io.out(ctx.global.json ? JSON.stringify(data, null, 2) : text());
}
