import type { Migration, MigrationProvider } from 'kysely';
import { initial } from './001-initial.js';
import { agreement } from './002-agreement.js';
import { taxii } from './003-taxii.js';
import { policy } from './004-policy.js';
import { exchange } from './005-exchange.js';
import { federation } from './006-federation.js';
import { sessions } from './007-sessions.js';
import { release } from './009-release.js';
import { federationTrust } from './011-federation-trust.js';
import { treatyOrigin } from './015-treaty-origin.js';
import { feeds } from './016-feeds.js';
import { leases } from './020-leases.js';
import { reservedNames } from './021-reserved-names.js';
import { tokenScope } from './022-token-scope.js';
import { alerts } from './023-alerts.js';
import { loginFailures } from './024-login-failures.js';
import { userEmail } from './025-user-email.js';
import { userVisits } from './026-user-visits.js';
import { dropLatestDateAdded } from './027-drop-latest-date-added.js';

// Listed in code rather than read from a folder, so migrations work the same from
// sources under tsx and from a bundled build.
const MIGRATIONS: Record<string, Migration> = {
  '001-initial': initial,
  '002-agreement': agreement,
  '003-taxii': taxii,
  '004-policy': policy,
  '005-exchange': exchange,
  '006-federation': federation,
  '007-sessions': sessions,
  '009-release': release,
  '011-federation-trust': federationTrust,
  '015-treaty-origin': treatyOrigin,
  '016-feeds': feeds,
  '020-leases': leases,
  '023-alerts': alerts,
  '024-login-failures': loginFailures,
  '022-token-scope': tokenScope,
  '021-reserved-names': reservedNames,
  '025-user-email': userEmail,
  '026-user-visits': userVisits,
  '027-drop-latest-date-added': dropLatestDateAdded,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
