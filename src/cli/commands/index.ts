import type { Command } from '../command.js';

/** Every `accord` command, in the order `accord --help` lists them. */
export const COMMANDS: Command[] = [];
