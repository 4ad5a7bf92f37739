// The two nodes of the route walk: built identically, with the same users and the same
// objects and records of KZ that KG may see, except that node A also holds BY's objects and
// records that KG may not see.

import { releasabilityMarking, TLP2_IDS } from '../../src/policy/index.js';
import { addUser, createToken, type Role } from '../../src/store/index.js';
import { bearer, startTestNode, type TestNode } from '../helpers/node.js';
import type { TestBackend } from '../helpers/stores.js';

export const HIDDEN_ID = 'indicator--0d0000aa-0000-4000-8000-000000000001';
export const HIDDEN_VALUES = ['203.0.113.77', 'HIDDEN-7F3A.example'];
export const VISIBLE = {
  indicator: 'indicator--0d0000bb-0000-4000-8000-000000000001',
  report: 'report--0d0000bb-0000-4000-8000-000000000002',
  relationship: 'relationship--0d0000bb-0000-4000-8000-000000000003',
};
export const ROLES: Role[] = ['analyst', 'liaison', 'admin'];

export const T = '2025-03-01T09:00:00.000Z';
export const base = { spec_version: '2.1', created: T, modified: T };

function visibleBundle() {
  return {
    type: 'bundle',
    id: 'bundle--0d0000bb-0000-4000-8000-0000000000ff',
    objects: [
      {
        ...base,
        type: 'indicator',
        id: VISIBLE.indicator,
        name: 'visible',
        pattern: "[domain-name:value = 'visible-5e77.example']",
        pattern_type: 'stix',
        valid_from: T,
        object_marking_refs: [TLP2_IDS.green],
      },
      {
        ...base,
        type: 'report',
        id: VISIBLE.report,
        name: 'a GREEN report citing a hidden indicator',
        published: T,
        report_types: ['threat-report'],
        object_refs: [VISIBLE.indicator, HIDDEN_ID],
        object_marking_refs: [TLP2_IDS.green],
      },
      {
        ...base,
        type: 'relationship',
        id: VISIBLE.relationship,
        relationship_type: 'related-to',
        source_ref: VISIBLE.indicator,
        target_ref: HIDDEN_ID,
        object_marking_refs: [TLP2_IDS.green],
      },
    ],
  };
}

function hiddenBundle() {
  const rel = releasabilityMarking(['BY', 'TJ']);
  return {
    type: 'bundle',
    id: 'bundle--0d0000aa-0000-4000-8000-0000000000ff',
    objects: [
      rel,
      {
        ...base,
        type: 'indicator',
        id: HIDDEN_ID,
        name: 'hidden',
        pattern: `[ipv4-addr:value = '${HIDDEN_VALUES[0]}'] OR [domain-name:value = '${HIDDEN_VALUES[1]!.toLowerCase()}']`,
        pattern_type: 'stix',
        valid_from: T,
        object_marking_refs: [TLP2_IDS.red, rel.id as string],
      },
    ],
  };
}

export interface Walked {
  t: TestNode;
  tokens: Record<string, string>;
}

async function post(w: Walked, who: string, url: string, payload: unknown): Promise<Record<string, unknown>> {
  const r = await w.t.app.inject({
    method: 'POST',
    url,
    headers: bearer(w.tokens[who]!),
    payload: payload as object,
  });
  if (r.statusCode >= 300) throw new Error(`seeding ${url} failed: ${r.statusCode} ${r.body}`);
  return r.json();
}

export async function walkNode(
  backend: TestBackend,
  withHidden: boolean,
): Promise<Walked & { records: Record<string, string> }> {
  const t = await startTestNode(backend, 'KZ', { nodeId: 'accord-kz-walk' });
  const tokens: Record<string, string> = {};
  const people: [string, string, Role][] = [
    ...ROLES.map((r): [string, string, Role] => [`kg-${r}`, 'KG', r]),
    ['by-analyst', 'BY', 'analyst'],
    ['kz-analyst', 'KZ', 'analyst'],
  ];
  for (const [name, party, role] of people) {
    tokens[name] = (
      await createToken(t.node.store.db, await addUser(t.node.store.db, { party, name, role }), 'walk')
    ).token;
  }
  const w = { t, tokens, records: {} as Record<string, string> };
  await post(w, 'kz-analyst', '/api/v1/bundles', visibleBundle());
  // Records of KZ that KG may see, citing the hidden indicator next to a visible one.
  const cites = { object_refs: [VISIBLE.indicator, HIDDEN_ID] };
  w.records.visibleNotification = (
    await post(w, 'kz-analyst', '/api/v1/notifications', {
      kind: 'threat',
      severity: 'low',
      summary: 'to all',
      ...cites,
    })
  ).id as string;
  w.records.visibleRequest = (
    await post(w, 'kz-analyst', '/api/v1/requests', {
      kind: 'information',
      addressee: 'KG',
      summary: 'to KG',
      legal_basis: 'Article 7',
      case_reference: 'KZ-1',
      send: true,
      ...cites,
    })
  ).id as string;
  if (withHidden) {
    await post(w, 'by-analyst', '/api/v1/bundles', hiddenBundle());
    const only = { recipients: ['TJ'] };
    w.records.notification = (
      await post(w, 'by-analyst', '/api/v1/notifications', {
        kind: 'threat',
        severity: 'low',
        summary: 'hidden',
        object_refs: [HIDDEN_ID],
        ...only,
      })
    ).id as string;
    w.records.case = (await post(w, 'by-analyst', '/api/v1/cases', { title: 'hidden', participants: ['TJ'] }))
      .id as string;
  }
  return w;
}
