// Turns untrusted JSON (a request body, a line of a data file) into an AgreementEvent, or says
// what is wrong with it and where. Whether the event is allowed is events.ts's question.

import type { Issue } from '../errors.js';
import { type JsonObject, ShapeReader } from './shape-reader.js';
import type { AgreementEvent, AgreementEventKind } from './types.js';

export const EVENT_KINDS: readonly AgreementEventKind[] = [
  'signature',
  'ratification-notified',
  'entry-into-force',
  'protocol-in-force',
  'withdrawal-notified',
  'consultation-opened',
  'consultation-closed',
];

const COMMON = ['kind', 'date', 'source'];

const FIELDS: Record<AgreementEventKind, readonly string[]> = {
  signature: [...COMMON, 'party'],
  'ratification-notified': [...COMMON, 'party'],
  'entry-into-force': [...COMMON, 'parties'],
  'protocol-in-force': [...COMMON, 'protocol', 'title', 'parties'],
  'withdrawal-notified': [...COMMON, 'party'],
  'consultation-opened': [...COMMON, 'consultation', 'parties', 'subject'],
  'consultation-closed': [...COMMON, 'consultation', 'outcome'],
};

function isKind(value: unknown): value is AgreementEventKind {
  return typeof value === 'string' && (EVENT_KINDS as readonly string[]).includes(value);
}

/** Reads the fields of a kind; returns undefined when an issue was reported. */
function readEvent(r: ShapeReader, obj: JsonObject, kind: AgreementEventKind, path: string) {
  const before = r.issues.length;
  r.only(obj, path, FIELDS[kind]);
  const date = r.date(obj, 'date', path) ?? '';
  const source = r.text(obj, 'source', path) ?? '';
  let event: AgreementEvent;
  switch (kind) {
    case 'signature':
    case 'ratification-notified':
    case 'withdrawal-notified':
      event = { kind, date, source, party: r.text(obj, 'party', path) ?? '' };
      break;
    case 'entry-into-force':
      event = { kind, date, source, parties: r.codes(obj, 'parties', path) ?? [] };
      break;
    case 'protocol-in-force': {
      const title = obj['title'] === undefined ? undefined : r.localized(obj, 'title', path);
      const parties = obj['parties'] === undefined ? undefined : r.codes(obj, 'parties', path);
      event = {
        kind,
        date,
        source,
        protocol: r.text(obj, 'protocol', path) ?? '',
        ...(title ? { title } : {}),
        ...(parties ? { parties } : {}),
      };
      break;
    }
    case 'consultation-opened': {
      const subject = r.optionalText(obj, 'subject', path);
      event = {
        kind,
        date,
        source,
        consultation: r.text(obj, 'consultation', path) ?? '',
        parties: r.codes(obj, 'parties', path) ?? [],
        ...(subject !== undefined ? { subject } : {}),
      };
      break;
    }
    case 'consultation-closed': {
      const outcome = r.optionalText(obj, 'outcome', path);
      event = {
        kind,
        date,
        source,
        consultation: r.text(obj, 'consultation', path) ?? '',
        ...(outcome !== undefined ? { outcome } : {}),
      };
      break;
    }
  }
  return r.issues.length === before ? event : undefined;
}

/** Reads one event at `path` into `r`; undefined when it is malformed (the issues say why). */
export function readAgreementEvent(r: ShapeReader, value: unknown, path: string): AgreementEvent | undefined {
  const obj = r.object(value, path);
  if (!obj) return undefined;
  if (!isKind(obj['kind'])) {
    return r.fail(
      `${path}.kind`,
      obj['kind'] === undefined ? 'required' : 'invalid-value',
      `must be one of ${EVENT_KINDS.join(', ')}`,
    );
  }
  return readEvent(r, obj, obj['kind'], path);
}

export type EventParse = { ok: true; event: AgreementEvent } | { ok: false; issues: Issue[] };

export function parseAgreementEvent(json: unknown): EventParse {
  const r = new ShapeReader();
  const event = readAgreementEvent(r, json, '$');
  return event && r.issues.length === 0 ? { ok: true, event } : { ok: false, issues: r.issues };
}
