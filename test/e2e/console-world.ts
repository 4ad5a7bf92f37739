import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { hashPassword } from '../../src/node/passwords.js';
import { addUser, createToken, type Role } from '../../src/store/index.js';
import { bearer, startTestNode, type TestNode } from '../helpers/node.js';

// The world the browser tests run in: one node (KZ) holding objects of two Parties in force.
// BY's TLP:RED indicator must never reach the KZ users the browser signs in as; BY's
// TLP:GREEN one must.

export const PASSWORD = 'e2e password 123';
export const RED_VALUE = '198.51.100.66';
export const RED_NAME = 'by-only red indicator';
export const GREEN_VALUE = '203.0.113.7';
export const OWN_VALUE = '192.0.2.10';
export const IDS = {
  red: 'indicator--0b1c2d3e-4f50-4a61-8b72-93a4b5c6d7e8',
  byGreen: 'indicator--1c2d3e4f-5061-4b72-8c83-a4b5c6d7e8f9',
  ownIndicator: 'indicator--2d3e4f50-6172-4c83-9d94-b5c6d7e8f9a0',
  ownMalware: 'malware--3e4f5061-7283-4d94-8ea5-c6d7e8f9a0b1',
  ownRel: 'relationship--4f506172-8394-4ea5-9fb6-d7e8f9a0b1c2',
  ownRange: 'indicator--5061728a-94a5-4fb6-8c07-e8f9a0b1c2d3',
  ownSighting: 'sighting--61728394-a5b6-4c07-8d18-f9a0b1c2d3e4',
};
const TLP = {
  red: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
  green: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
};
const T = '2025-06-01T10:00:00.000Z';

export const WEB_DIST_INDEX = fileURLToPath(new URL('../../web/dist/index.html', import.meta.url));

/** The console is built by `npm test`; a run of this file alone builds it when missing. */
export function ensureConsoleBuilt(): void {
  if (existsSync(WEB_DIST_INDEX)) return;
  const r = spawnSync('npm', ['run', 'build:web'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm run build:web failed');
}

const indicator = (id: string, name: string, value: string, marking: string) => ({
  type: 'indicator',
  spec_version: '2.1',
  id,
  created: T,
  modified: T,
  name,
  pattern: `[ipv4-addr:value = '${value}']`,
  pattern_type: 'stix',
  valid_from: T,
  object_marking_refs: [marking],
});

const bundle = (objects: unknown[]) => ({
  type: 'bundle',
  id: `bundle--${crypto.randomUUID()}`,
  objects,
});

export interface ConsoleWorld {
  t: TestNode;
  url: string;
  users: { liaison: string; admin: string; sender: string };
  dispose(): Promise<void>;
}

async function userWithPassword(t: TestNode, party: string, name: string, role: Role): Promise<string> {
  const user = await addUser(t.node.store.db, {
    party,
    name,
    role,
    passwordHash: await hashPassword(PASSWORD),
  });
  return (await createToken(t.node.store.db, user, 'e2e')).token;
}

/** What the exchange pages show: BY notifies and asks KZ; KZ runs a joint case; both keep documents. */
export const EXCHANGE = {
  notice: 'DDoS on a government portal',
  overdueNotice: 'Ransomware at a regional bank',
  request: 'Subscriber of 203.0.113.7',
  overdueRequest: 'Hosting records of evil.example',
  case: 'APT campaign against ministries',
  measureKz: 'Sinkhole the C2 domain',
  measureBy: 'Notify affected operators',
  docRu: 'Проект соглашения о противодействии компьютерным атакам',
  docEn: 'Analysis of DDoS attacks in 2025',
};

async function seedExchange(t: TestNode, tokens: { by: string; kz: string }): Promise<void> {
  const call = async (token: string, url: string, payload: unknown): Promise<{ id: string }> => {
    const r = await t.app.inject({
      method: 'POST',
      url: `/api/v1${url}`,
      headers: bearer(token),
      payload: payload as object,
    });
    if (r.statusCode >= 300) throw new Error(`seeding ${url} failed: ${r.body}`);
    return r.json();
  };
  await call(tokens.by, '/notifications', {
    kind: 'threat',
    severity: 'critical',
    summary: EXCHANGE.overdueNotice,
    recipients: ['KZ'],
    deadline: '2020-01-01T00:00:00Z',
  });
  const notice = await call(tokens.by, '/notifications', {
    kind: 'incident',
    severity: 'high',
    summary: EXCHANGE.notice,
    body: 'Since 06:00 UTC, 40 Gbit/s from a botnet.',
    recipients: ['KZ'],
  });
  await call(tokens.by, '/requests', {
    kind: 'information',
    addressee: 'KZ',
    summary: EXCHANGE.overdueRequest,
    legal_basis: 'Article 7; CPC of BY art. 103',
    case_reference: 'BY-2025-0007',
    deadline: '2020-01-01T00:00:00Z',
    send: true,
  });
  await call(tokens.by, '/requests', {
    kind: 'information',
    addressee: 'KZ',
    summary: EXCHANGE.request,
    legal_basis: 'Article 7; CPC of BY art. 199',
    case_reference: 'BY-2025-0042',
    send: true,
  });
  const kase = await call(tokens.kz, '/cases', {
    title: EXCHANGE.case,
    participants: ['BY'],
    refs: [notice.id, IDS.ownIndicator],
  });
  await call(tokens.kz, `/cases/${kase.id}/measures`, {
    title: EXCHANGE.measureKz,
    assignee: 'KZ',
    due: '2099-01-01',
  });
  await call(tokens.kz, `/cases/${kase.id}/measures`, {
    title: EXCHANGE.measureBy,
    assignee: 'BY',
    due: '2020-01-01',
  });
  await call(tokens.kz, '/library', {
    title: EXCHANGE.docRu,
    language: 'ru',
    kind: 'draft-treaty',
    content: 'Стороны сотрудничают в противодействии компьютерным атакам на критическую инфраструктуру.',
    files: [
      {
        filename: 'draft.txt',
        media_type: 'text/plain',
        content_base64: Buffer.from('текст проекта').toString('base64'),
      },
    ],
  });
  await call(tokens.by, '/library', {
    title: EXCHANGE.docEn,
    language: 'en',
    kind: 'analysis',
    description: 'Volumes, vectors and sources of the year.',
  });
}

export async function startConsoleWorld(): Promise<ConsoleWorld> {
  ensureConsoleBuilt();
  const t = await startTestNode(undefined, 'KZ');
  const by = await userWithPassword(t, 'BY', 'by-liaison', 'liaison');
  const kz = await userWithPassword(t, 'KZ', 'kz-liaison', 'liaison');
  await userWithPassword(t, 'KZ', 'kz-admin', 'admin');
  const post = async (token: string, objects: unknown[]) => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bundles',
      headers: bearer(token),
      payload: bundle(objects),
    });
    if (r.statusCode >= 300) throw new Error(`seeding failed: ${r.body}`);
  };
  await post(by, [
    indicator(IDS.red, RED_NAME, RED_VALUE, TLP.red),
    indicator(IDS.byGreen, 'BY green C2 address', GREEN_VALUE, TLP.green),
  ]);
  await post(kz, [
    indicator(IDS.ownIndicator, 'KZ botnet controller', OWN_VALUE, TLP.green),
    // KZ reported the range BY's GREEN address lies in, and saw that address twice: the
    // lookup shows the value as reported by both Parties, with its sightings.
    indicator(IDS.ownRange, 'KZ scanning range', '203.0.113.0/24', TLP.green),
    {
      type: 'sighting',
      spec_version: '2.1',
      id: IDS.ownSighting,
      created: T,
      modified: T,
      sighting_of_ref: IDS.byGreen,
      count: 2,
      last_seen: '2025-06-02T08:00:00Z',
      object_marking_refs: [TLP.green],
    },
    {
      type: 'malware',
      spec_version: '2.1',
      id: IDS.ownMalware,
      created: T,
      modified: T,
      name: 'Example loader',
      is_family: true,
      object_marking_refs: [TLP.green],
    },
    {
      type: 'relationship',
      spec_version: '2.1',
      id: IDS.ownRel,
      created: T,
      modified: T,
      relationship_type: 'indicates',
      source_ref: IDS.ownIndicator,
      target_ref: IDS.ownMalware,
      object_marking_refs: [TLP.green],
    },
  ]);
  // BY asks KZ's written consent to pass KZ's indicator to a third party: KZ decides in the browser.
  const ask = await t.app.inject({
    method: 'POST',
    url: '/api/v1/consents',
    headers: bearer(by),
    payload: {
      object_ids: [IDS.ownIndicator],
      recipient: { kind: 'third-party', id: 'org-e2e', name: 'Example CERT' },
      purpose: 'Joint analysis with a partner CERT',
      valid_until: '2099-12-31',
    },
  });
  if (ask.statusCode !== 201) throw new Error(`consent request failed: ${ask.body}`);
  await seedExchange(t, { by, kz });
  const url = await t.app.listen({ port: 0, host: '127.0.0.1' });
  return {
    t,
    url,
    users: { liaison: 'kz-liaison', admin: 'kz-admin', sender: 'by-liaison' },
    dispose: () => t.dispose(),
  };
}
