// Blocking statistics and exercises, as /api/v1 returns them.

import { type Static, Type } from '@sinclair/typebox';
import { EXERCISE_STATES } from '../../exchange/types/values.js';
import { oneOf, PageOf } from './common.js';

// Members are written in this order (fast-json-stringify follows the schema): the criterion,
// who and when, then the counts, as the service makes them.
const Outcomes = {
  requested: Type.Integer(),
  blocked: Type.Integer(),
  refused: Type.Integer(),
};

export const BlockingStats = Type.Object(
  {
    items: Type.Array(
      Type.Object({ criterion: Type.String(), party: Type.String(), month: Type.String(), ...Outcomes }),
      {
        description: 'One row per criterion, deciding Party and month',
      },
    ),
    totals: Type.Array(
      Type.Object({ criterion: Type.String(), parties: Type.Array(Type.String()), ...Outcomes }),
      {
        description: 'Per criterion, every Party’s rows summed',
      },
    ),
  },
  { description: 'Resources requested, blocked and refused per criterion' },
);

export const ExerciseView = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    starts: Type.String(),
    ends: Type.String(),
    parties: Type.Array(Type.String()),
    state: oneOf(EXERCISE_STATES),
    organiser: Type.String(),
    created_by: Type.String(),
    created_at: Type.String(),
  },
  { description: 'An exercise: training work kept apart from real data' },
);

export const ExercisePage = PageOf(ExerciseView);

export const ExercisePurged = Type.Object({
  exercise: ExerciseView,
  removed: Type.Object({ objects: Type.Integer(), records: Type.Integer() }),
});

export type BlockingStats = Static<typeof BlockingStats>;
export type ExerciseView = Static<typeof ExerciseView>;
