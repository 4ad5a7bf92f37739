import { acknowledge } from '../../exchange/notification-service.js';
import { ctxOf } from '../../exchange/records.js';
import { getRequest, type MoveInput, move, type RequestView } from '../../exchange/request-service.js';
import { type Command, type CommandContext, print, UsageError } from '../command.js';
import { stringOption, withNode } from '../node-context.js';
import { actingUser, required } from './exchange.js';

// The addressee's everyday moves for scripts: acknowledge a notification, answer, partly answer
// or decline a request. Each acts as a named user, exactly as the console does, so the move is
// signed by this node, returns to the sender's node and is in both audit logs.

/** The one ID a command acts on; anything more is a usage error. */
export function oneId(ctx: CommandContext, usage: string): string {
  const [id, extra] = ctx.positionals;
  if (!id || extra !== undefined) throw new UsageError(`usage: ${usage}`);
  return id;
}

export const notifyAck: Command = {
  name: 'notify ack',
  usage: 'accord notify ack ID --as USER [--json]',
  options: { as: { type: 'string' } },
  async run(ctx) {
    const id = oneId(ctx, 'accord notify ack ID --as USER');
    const as = required(ctx, 'as');
    const n = await withNode(ctx, async (node) => acknowledge(node, ctxOf(await actingUser(node, as)), id));
    print(ctx, n, () => `${n.id} acknowledged by ${as}`);
    return 0;
  },
};

type Reply = 'answer' | 'partly-answer' | 'decline';

// A script says what it answers; the steps the console shows one by one (receive, start) are
// taken on the way, as far as the request's state needs them.
const STEPS: Record<string, ('receive' | 'start')[]> = {
  sent: ['receive', 'start'],
  received: ['start'],
};

function replyCommand(reply: Reply): Command {
  const usage =
    reply === 'decline'
      ? `accord request decline ID --as USER --ground TEXT [--note TEXT] [--json]`
      : `accord request ${reply} ID --as USER (--answer TEXT | --object ID…) [--document ID…] [--note TEXT] [--json]`;
  return {
    name: `request ${reply}`,
    usage,
    options: {
      as: { type: 'string' },
      answer: { type: 'string' },
      ground: { type: 'string' },
      note: { type: 'string' },
      object: { type: 'string', multiple: true },
      document: { type: 'string', multiple: true },
    },
    async run(ctx) {
      const id = oneId(ctx, usage);
      const as = required(ctx, 'as');
      const opt = (n: string) => stringOption(ctx, n);
      const objects = ctx.values.object as string[] | undefined;
      const documents = ctx.values.document as string[] | undefined;
      if (reply === 'decline' && !opt('ground'))
        throw new UsageError('--ground is required: the ground in national law for declining');
      if (reply !== 'decline' && !opt('answer') && !objects?.length)
        throw new UsageError('give --answer TEXT or --object ID (or both)');
      const input: MoveInput = {
        ...(opt('answer') ? { answer: opt('answer')! } : {}),
        ...(opt('ground') ? { ground: opt('ground')! } : {}),
        ...(opt('note') ? { note: opt('note')! } : {}),
        ...(objects?.length ? { objectRefs: objects } : {}),
        ...(documents?.length ? { documents } : {}),
      };
      const r: RequestView = await withNode(ctx, async (node) => {
        const c = ctxOf(await actingUser(node, as));
        const current = await getRequest(node, c, id);
        const steps = (STEPS[current.state] ?? []).filter((s) => reply !== 'decline' || s !== 'start');
        for (const s of current.requester === c.user.party ? [] : steps) await move(node, c, id, s, {});
        return move(node, c, id, reply, input);
      });
      print(ctx, r, () => `${r.id} ${r.state}`);
      return 0;
    },
  };
}

export const requestAnswer = replyCommand('answer');
export const requestPartlyAnswer = replyCommand('partly-answer');
export const requestDecline = replyCommand('decline');
