// x-accord-exercise (Article 1): a joint exercise. Everything made inside it carries its id
// and stays inside it; the exercise itself is real-world data its participants see.

import { declareAccordType } from './accord-type.js';
import { EXERCISE_STATES } from './values.js';

export { EXERCISE_STATES };

export type ExerciseState = (typeof EXERCISE_STATES)[number];

export interface Exercise {
  id: string;
  name: string;
  starts: string;
  ends: string;
  parties: string[];
  state: ExerciseState;
  organiser: string;
  createdBy: string;
  createdAt: string;
}

export const exerciseType = declareAccordType({
  type: 'x-accord-exercise',
  extensionId: 'extension-definition--8b1c3d5e-7f9a-4b2c-9d4e-6f8a0b2c4d6e',
  name: 'Accord exercise',
  description:
    'A joint exercise of the Parties (Article 1). Data made inside it is marked as exercise data and never ' +
    'mixes with real data.',
  schema:
    'x-accord-exercise has name, starts and ends (dates), parties (Party codes), organiser (Party), ' +
    'state (planned|active|ended|purged).',
});
