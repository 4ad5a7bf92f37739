// An agreement is data: the 2017 CSTO Agreement ships as the default, and any other agreement of
// the same shape can be parsed and used instead. Parsing checks the shape (with JSON paths) and
// then replays the shipped events, so a data file that breaks a treaty rule is refused too.

import type { Issue } from '../errors.js';
import csto2017 from './data/csto-2017.json' with { type: 'json' };
import { readAgreementEvent } from './parse-event.js';
import { replay } from './replay.js';
import { type JsonObject, ShapeReader } from './shape-reader.js';
import type { AgreementDefinition, AgreementEvent, PartyDefinition } from './types.js';

export type DefinitionParse = { ok: true; definition: AgreementDefinition } | { ok: false; issues: Issue[] };

const ID = /^[a-z0-9][a-z0-9-]*$/;
const PARTY_CODE = /^[A-Z]{2}$/;

function readParty(r: ShapeReader, value: unknown, path: string): PartyDefinition | undefined {
  const obj = r.object(value, path);
  if (!obj) return undefined;
  r.only(obj, path, ['code', 'name', 'competentAuthorities']);
  const code = r.matching(obj, 'code', path, PARTY_CODE, 'an ISO 3166-1 alpha-2 code such as KZ');
  const name = r.localized(obj, 'name', path);
  const authorities = (r.array(obj, 'competentAuthorities', path) ?? []).map((a, i) => {
    const at = `${path}.competentAuthorities[${i}]`;
    const authority = r.object(a, at);
    if (!authority) return undefined;
    r.only(authority, at, ['name']);
    const authorityName = r.localized(authority, 'name', at);
    return authorityName ? { name: authorityName } : undefined;
  });
  if (code === undefined || name === undefined || authorities.some((a) => a === undefined)) return undefined;
  return { code, name, competentAuthorities: authorities.filter((a) => a !== undefined) };
}

function readParties(r: ShapeReader, obj: JsonObject): PartyDefinition[] {
  const list = r.array(obj, 'parties', '$') ?? [];
  if (Array.isArray(obj['parties']) && list.length === 0)
    r.fail('$.parties', 'required', 'must not be empty');
  const parties: PartyDefinition[] = [];
  list.forEach((value, i) => {
    const party = readParty(r, value, `$.parties[${i}]`);
    if (!party) return;
    if (parties.some((p) => p.code === party.code)) {
      r.fail(`$.parties[${i}].code`, 'duplicate', `${party.code} is listed twice`);
    } else parties.push(party);
  });
  return parties;
}

export function parseAgreementDefinition(json: unknown): DefinitionParse {
  const r = new ShapeReader();
  const obj = r.object(json, '$');
  if (!obj) return { ok: false, issues: r.issues };
  r.only(obj, '$', [
    'id',
    'title',
    'signed',
    'depositary',
    'entryIntoForce',
    'withdrawal',
    'parties',
    'events',
  ]);
  const id = r.matching(obj, 'id', '$', ID, 'lower-case letters, digits and hyphens');
  const title = r.localized(obj, 'title', '$');
  const signedObj = r.object(obj['signed'], '$.signed');
  if (signedObj) r.only(signedObj, '$.signed', ['date', 'place']);
  const signedDate = signedObj && r.date(signedObj, 'date', '$.signed');
  const signedPlace = signedObj && r.localized(signedObj, 'place', '$.signed');
  const depositaryObj = r.object(obj['depositary'], '$.depositary');
  if (depositaryObj) r.only(depositaryObj, '$.depositary', ['name']);
  const depositaryName = depositaryObj && r.localized(depositaryObj, 'name', '$.depositary');
  const eifObj = r.object(obj['entryIntoForce'], '$.entryIntoForce');
  if (eifObj) r.only(eifObj, '$.entryIntoForce', ['notificationsRequired']);
  const required = eifObj && r.integer(eifObj, 'notificationsRequired', '$.entryIntoForce', 1, 1000);
  const withdrawalObj = r.object(obj['withdrawal'], '$.withdrawal');
  if (withdrawalObj) r.only(withdrawalObj, '$.withdrawal', ['noticeMonths']);
  const noticeMonths = withdrawalObj && r.integer(withdrawalObj, 'noticeMonths', '$.withdrawal', 0, 1200);
  const parties = readParties(r, obj);
  if (required !== undefined && parties.length > 0 && required > parties.length) {
    r.fail(
      '$.entryIntoForce.notificationsRequired',
      'range',
      `exceeds the number of Parties (${parties.length})`,
    );
  }
  const events = (r.array(obj, 'events', '$') ?? []).map((e, i) =>
    readAgreementEvent(r, e, `$.events[${i}]`),
  );

  if (
    r.issues.length > 0 ||
    id === undefined ||
    title === undefined ||
    signedDate === undefined ||
    signedPlace === undefined ||
    depositaryName === undefined ||
    required === undefined ||
    noticeMonths === undefined
  ) {
    return { ok: false, issues: r.issues };
  }
  const definition: AgreementDefinition = {
    id,
    title,
    signed: { date: signedDate, place: signedPlace },
    depositary: { name: depositaryName },
    entryIntoForce: { notificationsRequired: required },
    withdrawal: { noticeMonths },
    parties,
    events: events as AgreementEvent[],
  };
  // The shipped events must obey the definition's own rules, like events recorded later.
  const issues = replay(definition, definition.events).rejected.map(({ event, violation }) => ({
    path: `$.events[${definition.events.indexOf(event)}]`,
    code: violation.rule,
    message: violation.message,
  }));
  return issues.length > 0 ? { ok: false, issues } : { ok: true, definition };
}

/** The 2017 CSTO Agreement with the events public sources establish (docs/agreement.md says which). */
export function defaultAgreement(): AgreementDefinition {
  const parsed = parseAgreementDefinition(structuredClone(csto2017));
  if (!parsed.ok) {
    // Shipped data; a test keeps it valid, so this is a defect, not a user error.
    throw new Error(`the shipped agreement data is invalid: ${JSON.stringify(parsed.issues)}`);
  }
  return parsed.definition;
}
