import type { Command } from '../command.js';

/**
 * One `accord` command as `accord --help` lists it. The command itself is loaded only when it
 * runs: loading every command's module (the HTTP server, both database drivers, the mailer…)
 * made `accord --help` and each `accord pattern check` in a script start ten times slower
 * than Node itself (docs/performance.md).
 */
export interface CommandEntry {
  /** One or two words (`user add`). */
  name: string;
  summary: string;
  load(): Promise<Command>;
}

/** Every `accord` command, in the order `accord --help` lists them. */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'init',
    summary: 'Make a node for a Party: its database, key pair and settings',
    load: async () => (await import('./init.js')).init,
  },
  {
    name: 'serve',
    summary: 'Run the node: REST API, OpenAPI docs and health endpoints',
    load: async () => (await import('./serve.js')).serve,
  },
  {
    name: 'demo',
    summary: 'Run six national nodes (AM, BY, KZ, KG, RU, TJ) on loopback with a seeded scenario',
    load: async () => (await import('./demo.js')).demo,
  },
  {
    name: 'validate',
    summary: 'Check STIX 2.1 files (bundles or single objects) against the specification',
    load: async () => (await import('./validate.js')).validate,
  },
  {
    name: 'pattern check',
    summary: 'Check STIX patterns; print the position of each error',
    load: async () => (await import('./pattern.js')).patternCheck,
  },
  {
    name: 'pattern match',
    summary: 'Print the observed-data in a bundle that a STIX pattern matches',
    load: async () => (await import('./pattern.js')).patternMatch,
  },
  {
    name: 'import',
    summary:
      'Import STIX 2.1 bundles of any size (streamed) or MISP events (docs/misp.md): each file is stored whole, or not at all',
    load: async () => (await import('./import.js')).importCommand,
  },
  {
    name: 'notify',
    summary: 'Notify the Parties of a threat, an incident or a response measure (Article 7)',
    load: async () => (await import('./exchange.js')).notify,
  },
  {
    name: 'notify ack',
    summary: 'Acknowledge a notification your Party received (Article 7)',
    load: async () => (await import('./workflow.js')).notifyAck,
  },
  {
    name: 'request',
    summary: 'Send a request for information, assistance or blocking to a Party (Articles 6 and 7)',
    load: async () => (await import('./exchange.js')).request,
  },
  {
    name: 'request answer',
    summary: 'Answer a request your Party received',
    load: async () => (await import('./workflow.js')).requestAnswer,
  },
  {
    name: 'request partly-answer',
    summary: 'Answer part of a request your Party received',
    load: async () => (await import('./workflow.js')).requestPartlyAnswer,
  },
  {
    name: 'request decline',
    summary: 'Decline a request your Party received, on a ground of national law',
    load: async () => (await import('./workflow.js')).requestDecline,
  },
  {
    name: 'case create',
    summary: 'Open a joint case with other Parties (Article 6)',
    load: async () => (await import('./case.js')).caseCreate,
  },
  {
    name: 'case list',
    summary: 'Joint cases your Party takes part in',
    load: async () => (await import('./case.js')).caseList,
  },
  {
    name: 'case show',
    summary: 'A joint case with its measures and timeline',
    load: async () => (await import('./case.js')).caseShow,
  },
  {
    name: 'case measure',
    summary: 'Add a measure to a case, or move a measure on (its assignee or the owner)',
    load: async () => (await import('./case.js')).caseMeasure,
  },
  {
    name: 'consent ask',
    summary: "Ask the originating Party's written consent to pass objects on (Article 10)",
    load: async () => (await import('./consent.js')).consentAsk,
  },
  {
    name: 'consent list',
    summary: "Consents a user's Party asked for and those it must decide",
    load: async () => (await import('./consent.js')).consentList,
  },
  {
    name: 'consent grant',
    summary: "Grant a consent your Party was asked for (a liaison officer, on your Party's own node)",
    load: async () => (await import('./consent.js')).consentGrant,
  },
  {
    name: 'consent refuse',
    summary: 'Refuse a consent your Party was asked for',
    load: async () => (await import('./consent.js')).consentRefuse,
  },
  {
    name: 'consent withdraw',
    summary: 'Withdraw a consent your Party granted',
    load: async () => (await import('./consent.js')).consentWithdraw,
  },
  {
    name: 'export',
    summary: 'Write a STIX 2.1 bundle of the objects a Party may receive (default: this node’s own Party)',
    load: async () => (await import('./export.js')).exportCommand,
  },
  {
    name: 'lookup',
    summary: 'Look values up: IPs, CIDR ranges, domains, URLs, e-mail addresses, hashes, AS numbers',
    load: async () => (await import('./lookup.js')).lookupCommand,
  },
  {
    name: 'peer add',
    summary: "Pin a peer's key: a node to exchange with (--url), or one reached through a hub (--relay-only)",
    load: async () => (await import('./peer.js')).peerAdd,
  },
  {
    name: 'peer list',
    summary: 'List peers with their health, last push and last pull',
    load: async () => (await import('./peer.js')).peerList,
  },
  {
    name: 'peer remove',
    summary: 'Forget a peer and its pinned key; what came from it stays',
    load: async () => (await import('./peer.js')).peerRemove,
  },
  {
    name: 'sync',
    summary: 'Push to and pull from every peer once, and report',
    load: async () => (await import('./sync.js')).sync,
  },
  {
    name: 'hub',
    summary: 'Relay between peers (on), or pass on only what this node made (off)',
    load: async () => (await import('./sync.js')).hub,
  },
  {
    name: 'user add',
    summary: 'Add a user of a Party with a role (analyst, liaison, admin)',
    load: async () => (await import('./users.js')).userAdd,
  },
  {
    name: 'user list',
    summary: "List the node's users with their Party and role; users of another Party are flagged",
    load: async () => (await import('./users.js')).userList,
  },
  {
    name: 'user password',
    summary: "Set the console password of a user, read from standard input; ends the user's sessions",
    load: async () => (await import('./users.js')).userPassword,
  },
  {
    name: 'token create',
    summary: 'Make an API token for a user; prints the token alone (it is shown only once)',
    load: async () => (await import('./users.js')).tokenCreate,
  },
  {
    name: 'audit verify',
    summary: 'Check the audit chain; names the first changed, deleted, inserted or reordered entry',
    load: async () => (await import('./audit.js')).auditVerify,
  },
  {
    name: 'agreement status',
    summary: "The Agreement's status on a date: each Party's state and the dates that apply",
    load: async () => (await import('./agreement.js')).agreementStatusCommand,
  },
  {
    name: 'agreement record',
    summary: "Record an event of the Agreement on this node, with the depositary's notice",
    load: async () => (await import('./agreement.js')).agreementRecord,
  },
  {
    name: 'agreement depositary',
    summary: "Take the Agreement's events from the depositary's node (its key pinned as a peer)",
    load: async () => (await import('./agreement.js')).agreementDepositary,
  },
  {
    name: 'agreement obligations',
    summary: 'What is still open with a Party (Article 17: a withdrawing Party settles first)',
    load: async () => (await import('./agreement.js')).agreementObligations,
  },
];
