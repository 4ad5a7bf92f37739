import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { EVENT_KINDS } from '../../src/agreement/parse-event.js';
import { AUDIT_ACTIONS } from '../../src/audit/entries.js';
import { ERROR_CODES } from '../../src/errors.js';
import { REQUEST_MOVES, REQUEST_STATES } from '../../src/exchange/request-machine.js';
import { CASE_ENTRY_ACTIONS, CASE_STATES, MEASURE_STATES } from '../../src/exchange/types/case.js';
import { DOCUMENT_KINDS } from '../../src/exchange/types/document.js';
import { NOTIFICATION_KINDS, SEVERITIES } from '../../src/exchange/types/notification.js';
import { REQUEST_KINDS } from '../../src/exchange/types/request.js';
import { FAILURE_STATES } from '../../src/federation/peering/health.js';
import { en } from '../../web/src/i18n/en.js';
import { ru } from '../../web/src/i18n/ru.js';

// Issue 15: every state, event, error and status the server can produce has words in both
// languages, so the console never shows a person a raw code. The lists come from the
// server's own modules; where the server builds a code in place (audit actions, history
// entries), the source is read for it, so a new one added there fails here until translated.

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}
const SOURCES = sourceFiles('src').map((f) => readFileSync(f, 'utf8'));
const EXCHANGE_SOURCES = sourceFiles('src/exchange').map((f) => readFileSync(f, 'utf8'));

/** Literal actions passed to `audit(node, who, 'action', …)`, whatever the layout. */
function auditActions(): string[] {
  const found = new Set<string>(Object.values(AUDIT_ACTIONS));
  for (const text of SOURCES) {
    for (const m of text.matchAll(/\baudit\(\s*[\w.]+,\s*[\w.()]+,\s*'([a-z][a-z0-9.-]*)'/g))
      found.add(m[1]!);
    for (const m of text.matchAll(/action: '([a-z][a-z0-9.-]*)'/g)) {
      if (m[1]!.includes('.') || !text.includes('addEvent(')) found.add(m[1]!);
    }
  }
  // Built in place: `request.${move}` and `case.${action}`.
  for (const m of ['created', ...REQUEST_MOVES]) found.add(`request.${m}`);
  for (const a of ['opened', 'closed', 'measure-added', ...CASE_ENTRY_ACTIONS]) found.add(`case.${a}`);
  return [...found].sort();
}

/** Actions a record's history can hold (`addEvent(…, { action: '…' })` and the request moves). */
function historyActions(): string[] {
  const found = new Set<string>([
    'created',
    ...REQUEST_MOVES,
    'opened',
    'closed',
    'measure-added',
    ...CASE_ENTRY_ACTIONS,
  ]);
  for (const text of EXCHANGE_SOURCES) {
    for (const m of text.matchAll(/action: '([a-z][a-z-]*)'/g)) found.add(m[1]!);
  }
  return [...found].sort();
}

const EXPECTED: [string, readonly string[]][] = [
  ['rstate', REQUEST_STATES],
  ['rkind', REQUEST_KINDS],
  ['history', historyActions()],
  ['severity', SEVERITIES],
  ['nkind', NOTIFICATION_KINDS],
  ['cstate', CASE_STATES],
  ['measure', MEASURE_STATES],
  ['dkind', DOCUMENT_KINDS],
  ['status', ['requested', 'granted', 'refused', 'withdrawn']],
  ['event', [...EVENT_KINDS, 'withdrawal-effective']],
  ['state', ['not-signatory', 'signatory', 'in-force', 'withdrawal-pending', 'withdrawn']],
  ['admin.cause', Object.keys(FAILURE_STATES)],
  ['admin.health', ['healthy', 'failing', 'not-yet-contacted', 'suspended', 'relay-only']],
  ['audit', auditActions()],
  ['errcode', Object.keys(ERROR_CODES)],
];

for (const [prefix, codes] of EXPECTED) {
  test(`every ${prefix} code the server can produce is in English and Russian`, () => {
    assert.ok(codes.length > 0, `no ${prefix} codes found: the enumeration is broken`);
    const missing = codes.flatMap((c) =>
      (['en', 'ru'] as const).flatMap((lang) => {
        const dict: Record<string, string> = lang === 'en' ? en : ru;
        return `${prefix}.${c}` in dict ? [] : [`${lang}: ${prefix}.${c}`];
      }),
    );
    assert.deepEqual(missing, []);
  });
}

test('the scan finds the audit actions built in several places', () => {
  const all = auditActions();
  for (const a of [
    'disclosure',
    'notification.sent',
    'request.answer',
    'case.opened',
    'token.created',
    'sighting.reported',
  ]) {
    assert.ok(all.includes(a), `${a} not found by the scan`);
  }
});

test('a Russian string never leaves a server code in English where words are expected', () => {
  for (const [prefix, codes] of EXPECTED) {
    if (prefix === 'errcode') continue;
    for (const c of codes) {
      const text = (ru as Record<string, string>)[`${prefix}.${c}`];
      if (text) assert.notEqual(text, c, `ru ${prefix}.${c} is the code itself`);
    }
  }
});
