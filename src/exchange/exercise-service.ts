// Exercises (Article 1). An exercise is real-world data its participants see; what is made
// inside it carries its id, is seen only inside it (decide's exercise rule), and is purged
// with it once it has ended.

import { AccordError } from '../errors.js';
import { partyIdentity } from '../node/identity.js';
import type { AccordNode } from '../node/node.js';
import { addEvent, getRecord, saveRecord } from '../store/exchange-repo.js';
import { purgeExerciseRows } from '../store/exercise-purge.js';
import type { User } from '../store/index.js';
import {
  audit,
  type Ctx,
  ctxOf,
  markingsFor,
  newId,
  pageRecords,
  publish,
  stamp,
  visibleRecord,
} from './records.js';
import { type Exercise, type ExerciseState, exerciseType } from './types/exercise.js';

async function save(node: AccordNode, e: Exercise, seq: number, at: string): Promise<void> {
  const m = markingsFor(e.organiser, 'amber', e.parties);
  const stix = exerciseType.toStix(
    {
      id: e.id,
      createdByRef: partyIdentity(e.organiser),
      created: e.createdAt,
      modified: at,
      markingRefs: m.refs,
    },
    {
      name: e.name,
      starts: e.starts,
      ends: e.ends,
      parties: e.parties,
      organiser: e.organiser,
      state: e.state,
    },
  );
  await publish(node, e.organiser, null, stix, m.definitions);
  await saveRecord(node.store.db, {
    party: e.organiser,
    id: e.id,
    kind: 'exercise',
    state: e.state,
    exercise: null,
    seq,
    createdAt: e.createdAt,
    updatedAt: at,
    deadline: e.ends,
    addressee: null,
    json: JSON.stringify(e),
  });
}

export async function createExercise(
  node: AccordNode,
  ctx: Ctx,
  input: { name: string; starts: string; ends: string; parties: string[] },
): Promise<Exercise> {
  if (input.ends < input.starts) throw new AccordError('ACCORD_VALIDATION', 'ends is before starts');
  const at = stamp();
  const organiser = ctx.user.party;
  const e: Exercise = {
    id: newId('x-accord-exercise'),
    name: input.name,
    starts: input.starts,
    ends: input.ends,
    parties: [...new Set([organiser, ...input.parties])].sort(),
    state: 'active',
    organiser,
    createdBy: ctx.user.name,
    createdAt: at,
  };
  await save(node, e, node.store.clock.next(), at);
  await addEvent(node.store.db, organiser, e.id, {
    at,
    actor: { party: organiser, user: ctx.user.name },
    action: 'created',
    details: {},
  });
  await audit(node, ctx, 'exercise.created', { type: 'x-accord-exercise', id: e.id }, { parties: e.parties });
  return e;
}

/** Exercises are looked at from the real world, whatever context the request came in. */
function real(user: User): Ctx {
  return ctxOf(user, null);
}

export async function getExercise(node: AccordNode, user: User, id: string): Promise<Exercise> {
  const row = await visibleRecord(
    node,
    real(user).audience,
    await getRecord(node.store.db, 'exercise', id),
    'exercise',
    id,
  );
  return JSON.parse(row.json) as Exercise;
}

export async function listExercises(node: AccordNode, user: User, limit: number, before?: number) {
  const page = await pageRecords(node, real(user).audience, { kind: 'exercise' }, limit, before);
  return { items: page.rows.map((r) => JSON.parse(r.json) as Exercise), next: page.next };
}

/**
 * The exercise a request is made in, checked: it exists, the user's Party takes part and it
 * has not been purged. Anything else is refused rather than silently falling back to
 * real-world data.
 */
export async function exerciseContext(node: AccordNode, user: User, id: string): Promise<string> {
  const e = await getExercise(node, user, id);
  if (!e.parties.includes(user.party)) throw new AccordError('ACCORD_NOT_FOUND', `no exercise ${id}`);
  if (e.state === 'purged') throw new AccordError('ACCORD_CONFLICT', `exercise ${id} has been purged`);
  return e.id;
}

async function transition(
  node: AccordNode,
  user: User,
  id: string,
  from: ExerciseState[],
  to: ExerciseState,
): Promise<Exercise> {
  const e = await getExercise(node, user, id);
  if (e.organiser !== user.party)
    throw new AccordError('ACCORD_FORBIDDEN', `only ${e.organiser}, the organiser, may do this`);
  if (!from.includes(e.state))
    throw new AccordError(
      'ACCORD_CONFLICT',
      `exercise ${id} is ${e.state}; this needs it ${from.join(' or ')}`,
    );
  const row = await getRecord(node.store.db, 'exercise', id);
  const at = stamp();
  e.state = to;
  await save(node, e, row!.seq, at);
  await addEvent(node.store.db, e.organiser, e.id, {
    at,
    actor: { party: user.party, user: user.name },
    action: to,
    details: {},
  });
  return e;
}

export async function endExercise(node: AccordNode, user: User, id: string): Promise<Exercise> {
  const e = await transition(node, user, id, ['planned', 'active'], 'ended');
  await audit(node, real(user), 'exercise.ended', { type: 'x-accord-exercise', id }, {});
  return e;
}

/** Deletes everything made inside an ended exercise; the exercise record itself remains, purged. */
export async function purgeExercise(node: AccordNode, user: User, id: string) {
  const e = await getExercise(node, user, id);
  if (e.state !== 'ended') {
    throw new AccordError('ACCORD_CONFLICT', `exercise ${id} is ${e.state}: end it before purging its data`);
  }
  const removed = await purgeExerciseRows(node.store.db, id);
  const purged = await transition(node, user, id, ['ended'], 'purged');
  await audit(node, real(user), 'exercise.purged', { type: 'x-accord-exercise', id }, removed);
  return { exercise: purged, removed };
}
