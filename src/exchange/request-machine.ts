// The request state machine, pure. Each move names who may make it (the requesting Party or
// the addressee) and the states it leaves from; anything else is refused with a reason that
// says what the request's state allows instead.

export const REQUEST_STATES = [
  'draft',
  'sent',
  'received',
  'in-progress',
  'answered',
  'partly-answered',
  'declined',
  'withdrawn',
] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

export const REQUEST_MOVES = [
  'send',
  'receive',
  'start',
  'answer',
  'partly-answer',
  'decline',
  'withdraw',
  'remind',
] as const;
export type RequestMove = (typeof REQUEST_MOVES)[number];

export type Side = 'requester' | 'addressee';

interface MoveRule {
  by: Side;
  from: readonly RequestState[];
  /** The state after the move; reminders leave it as it is. */
  to: RequestState | null;
}

const OPEN: readonly RequestState[] = ['sent', 'received', 'in-progress'];

export const MOVES: Readonly<Record<RequestMove, MoveRule>> = {
  send: { by: 'requester', from: ['draft'], to: 'sent' },
  receive: { by: 'addressee', from: ['sent'], to: 'received' },
  start: { by: 'addressee', from: ['received'], to: 'in-progress' },
  answer: { by: 'addressee', from: ['in-progress'], to: 'answered' },
  'partly-answer': { by: 'addressee', from: ['in-progress'], to: 'partly-answered' },
  decline: { by: 'addressee', from: ['received', 'in-progress'], to: 'declined' },
  withdraw: { by: 'requester', from: ['draft', ...OPEN], to: 'withdrawn' },
  remind: { by: 'requester', from: OPEN, to: null },
};

export const FINAL_STATES: ReadonlySet<RequestState> = new Set([
  'answered',
  'partly-answered',
  'declined',
  'withdrawn',
]);

export type MoveResult =
  | { ok: true; to: RequestState }
  | { ok: false; code: 'illegal-transition' | 'wrong-side'; message: string; allowed: RequestMove[] };

/** The moves `side` may make from `state`. */
export function allowedMoves(state: RequestState, side: Side): RequestMove[] {
  return REQUEST_MOVES.filter((m) => MOVES[m].by === side && MOVES[m].from.includes(state));
}

export function moveRequest(state: RequestState, move: RequestMove, side: Side): MoveResult {
  const rule = MOVES[move];
  const allowed = allowedMoves(state, side);
  if (rule.by !== side) {
    return {
      ok: false,
      code: 'wrong-side',
      message: `only the ${rule.by === 'requester' ? 'requesting Party' : 'addressee'} may ${move} a request`,
      allowed,
    };
  }
  if (!rule.from.includes(state)) {
    const then = allowed.length > 0 ? `; from ${state} you may ${allowed.join(', ')}` : '; it is closed';
    return {
      ok: false,
      code: 'illegal-transition',
      message: `cannot ${move} a request that is ${state}: ${move} needs it ${rule.from.join(' or ')}${then}`,
      allowed,
    };
  }
  return { ok: true, to: rule.to ?? state };
}
