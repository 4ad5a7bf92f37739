import type { Migration, MigrationProvider } from 'kysely';
import { initial } from './001-initial.js';
import { agreement } from './002-agreement.js';
import { taxii } from './003-taxii.js';
import { policy } from './004-policy.js';

// Listed in code rather than read from a folder, so migrations work the same from
// sources under tsx and from a bundled build.
const MIGRATIONS: Record<string, Migration> = {
  '001-initial': initial,
  '002-agreement': agreement,
  '003-taxii': taxii,
  '004-policy': policy,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
