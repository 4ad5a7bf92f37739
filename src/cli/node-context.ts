import { type AccordNode, openNode } from '../node/node.js';
import type { CommandContext } from './command.js';

/** Opens the node named by --data/--db for the length of `fn`. */
export async function withNode<T>(ctx: CommandContext, fn: (node: AccordNode) => Promise<T>): Promise<T> {
  const node = await openNode({ data: ctx.global.data, db: ctx.global.db });
  try {
    return await fn(node);
  } finally {
    await node.close();
  }
}

export function stringOption(ctx: CommandContext, name: string): string | undefined {
  const v = ctx.values[name];
  return typeof v === 'string' ? v : undefined;
}
