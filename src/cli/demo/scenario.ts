// The demo's story, seeded once into fresh demo data. Under the shipped Agreement data, the
// Agreement is in force for BY, KZ, KG and TJ; AM and RU have signed only, so their nodes run
// but receive nothing from the others — that is the Agreement at work too.

import { askConsent } from '../../exchange/consent-service.js';
import { recordAndAnnounce } from '../../exchange/depositary-service.js';
import { shippedData } from '../../exchange/jurisdiction/data.js';
import { route } from '../../exchange/jurisdiction/route.js';
import { sendNotification } from '../../exchange/notification-service.js';
import { ctxOf } from '../../exchange/records.js';
import { createRequest } from '../../exchange/request-service.js';
import { loadAgreement } from '../../node/agreement-service.js';
import { partyIdentity } from '../../node/identity.js';
import { importStix, refusal } from '../../node/ingest.js';
import { releasabilityMarking, TLP2_IDS } from '../../policy/index.js';
import { findUserByName, latestCopies, latestOwn } from '../../store/index.js';
import { seedAttack } from './attack-scenario.js';
import type { DemoNode } from './run-demo.js';

export const SCENARIO_MARKER = 'indicator--5ce7a2f0-1d2b-4c8e-9a41-000000000001';
const RED_REPORT = 'report--5ce7a2f0-1d2b-4c8e-9a41-000000000002';
const BY_RANGE = 'indicator--5ce7a2f0-1d2b-4c8e-9a41-000000000004';
const TJ_SIGHTING = 'sighting--5ce7a2f0-1d2b-4c8e-9a41-000000000005';
const AT = '2025-03-03T08:15:00.000Z';

export interface ScenarioStep {
  party: string;
  what: string;
}

function nodeOf(nodes: readonly DemoNode[], party: string): DemoNode {
  const n = nodes.find((x) => x.party === party);
  if (!n) throw new Error(`no demo node for ${party}`);
  return n;
}

async function user(n: DemoNode, role: 'analyst' | 'liaison') {
  const u = await findUserByName(n.node.store.db, `${role}-${n.party.toLowerCase()}`);
  if (!u) throw new Error(`no ${role} on ${n.party}`);
  return u;
}

async function waitFor(n: DemoNode, id: string, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await latestCopies(n.node.store.db, [id])).has(id)) {
    if (Date.now() > until) throw new Error(`${id} did not reach ${n.party} in ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Seeds the scenario that shows the Agreement at work; returns what it did, for printing. */
export async function seedScenario(nodes: readonly DemoNode[]): Promise<ScenarioStep[]> {
  const kz = nodeOf(nodes, 'KZ');
  const kg = nodeOf(nodes, 'KG');
  const by = nodeOf(nodes, 'BY');
  if ((await latestOwn(kz.node.store.db, 'KZ', [SCENARIO_MARKER])).has(SCENARIO_MARKER)) return [];
  const steps: ScenarioStep[] = [];

  // 1. KZ's CERT finds a C2 server and shares the indicator TLP:GREEN with every Party in force.
  const c2 = {
    type: 'indicator',
    spec_version: '2.1',
    id: SCENARIO_MARKER,
    created: AT,
    modified: AT,
    created_by_ref: partyIdentity('KZ'),
    name: 'C2 server of a banking trojan campaign',
    indicator_types: ['malicious-activity'],
    pattern: "[ipv4-addr:value = '203.0.113.45'] OR [domain-name:value = 'update-check.tj']",
    pattern_type: 'stix',
    valid_from: AT,
    object_marking_refs: [TLP2_IDS.green],
  };
  const imported = await importStix(kz.node, { party: 'KZ', sourceNode: kz.node.settings.nodeId }, c2);
  if (!imported.ok) throw refusal(imported);
  steps.push({ party: 'KZ', what: 'shared a C2 indicator TLP:GREEN with every Party in force' });

  // 2. …and notifies the incident (Article 7) to every Party in force.
  const kzAnalyst = ctxOf(await user(kz, 'analyst'));
  await sendNotification(kz.node, kzAnalyst, {
    kind: 'incident',
    severity: 'high',
    summary: 'Banking trojan campaign against payment processors; C2 at 203.0.113.45',
    body: 'Three banks affected since 1 March. Block the indicator; report sightings.',
    objectRefs: [SCENARIO_MARKER],
    tlp: 'green',
  });
  steps.push({ party: 'KZ', what: 'notified the incident to every Party in force (acknowledgement due)' });

  // 3. The C2 domain is under .tj: the request for assistance goes to the Party of that jurisdiction.
  const routed = route('update-check.tj', shippedData);
  if (routed.party) {
    await createRequest(kz.node, kzAnalyst, {
      kind: 'assistance',
      addressee: routed.party,
      summary: 'Stop the C2 domain update-check.tj used against our banks',
      purpose: 'stop-infrastructure',
      indicators: ['update-check.tj'],
      objectRefs: [SCENARIO_MARKER],
      tlp: 'amber',
      send: true,
    });
    steps.push({ party: 'KZ', what: `asked ${routed.party} for assistance (routed: ${routed.reason})` });
  }

  // 4. KG's analysis names the operators: TLP:RED, released to BY and TJ only.
  const rel = releasabilityMarking(['BY', 'TJ']);
  const report = {
    type: 'report',
    spec_version: '2.1',
    id: RED_REPORT,
    created: AT,
    modified: AT,
    created_by_ref: partyIdentity('KG'),
    name: 'Operators behind the banking trojan campaign',
    description: 'Attribution of the campaign to a named group, with its infrastructure and accounts.',
    report_types: ['threat-actor'],
    published: AT,
    object_refs: [SCENARIO_MARKER],
    object_marking_refs: [TLP2_IDS.red, rel.id as string],
  };
  const red = await importStix(
    kg.node,
    { party: 'KG', sourceNode: kg.node.settings.nodeId },
    { type: 'bundle', id: 'bundle--5ce7a2f0-1d2b-4c8e-9a41-000000000003', objects: [rel, report] },
  );
  if (!red.ok) throw refusal(red);
  steps.push({ party: 'KG', what: 'released a TLP:RED report to BY and TJ only' });

  // 5. BY wants to pass the report to an international partner: it needs KG's written consent.
  await waitFor(by, RED_REPORT);
  await askConsent(by.node, await user(by, 'liaison'), {
    objectIds: [RED_REPORT],
    recipient: {
      kind: 'third-party',
      id: 'identity--0b5e8a39-64a9-4e3a-b2a4-7e0f3c1d9a55',
      name: 'International CERT coordination body',
    },
    purpose: 'Joint takedown of the campaign infrastructure',
    validUntil: '2026-12-31',
  });
  steps.push({
    party: 'BY',
    what: "asked KG's consent to pass the RED report to a third party (Article 10)",
  });

  // 6. BY's own telemetry flags the C2's network, and TJ's SOC sees the C2 address: a lookup
  //    of 203.0.113.45 now shows two reporting Parties and a sighting.
  const byRange = {
    type: 'indicator',
    spec_version: '2.1',
    id: BY_RANGE,
    created: AT,
    modified: AT,
    created_by_ref: partyIdentity('BY'),
    name: 'Scanning and C2 hosting network',
    indicator_types: ['malicious-activity'],
    pattern: "[ipv4-addr:value = '203.0.113.0/24']",
    pattern_type: 'stix',
    valid_from: AT,
    object_marking_refs: [TLP2_IDS.green],
  };
  const byImport = await importStix(by.node, { party: 'BY', sourceNode: by.node.settings.nodeId }, byRange);
  if (!byImport.ok) throw refusal(byImport);
  const tj = nodeOf(nodes, 'TJ');
  await waitFor(tj, SCENARIO_MARKER);
  const sighting = {
    type: 'sighting',
    spec_version: '2.1',
    id: TJ_SIGHTING,
    created: AT,
    modified: AT,
    created_by_ref: partyIdentity('TJ'),
    sighting_of_ref: SCENARIO_MARKER,
    count: 14,
    first_seen: '2025-03-03T09:00:00Z',
    last_seen: '2025-03-04T17:30:00Z',
    object_marking_refs: [TLP2_IDS.green],
  };
  const seen = await importStix(tj.node, { party: 'TJ', sourceNode: tj.node.settings.nodeId }, sighting);
  if (!seen.ok) throw refusal(seen);
  steps.push({ party: 'BY', what: "reported the C2's /24 network TLP:GREEN (a lookup shows both Parties)" });
  steps.push({ party: 'TJ', what: 'sighted the C2 address 14 times (sightings show in lookups)' });
  steps.push(await announceConsultation(nodes, kz));
  steps.push(...(await seedAttack(nodes)));
  return steps;
}

/**
 * KZ's node is the demo's depositary: it records consultations between BY and KG (Article 14),
 * and the one signed notice is recorded once on every other node, AM's and RU's included,
 * although the Agreement is not in force for them.
 */
async function announceConsultation(nodes: readonly DemoNode[], kz: DemoNode): Promise<ScenarioStep> {
  const out = await recordAndAnnounce(
    kz.node,
    {
      kind: 'consultation-opened',
      date: '2025-03-03',
      consultation: 'demo-consultation-1',
      parties: ['BY', 'KG'],
      subject: 'How far TLP:AMBER reports may be passed to national sector CERTs',
      source: "the depositary's note on the demo's first consultation",
    },
    'user:admin-kz (KZ)',
  );
  const until = Date.now() + 20_000;
  for (const n of nodes.filter((x) => x !== kz)) {
    while (!(await loadAgreement(n.node)).recorded.some((r) => r.id === out.record.id)) {
      if (Date.now() > until) throw new Error(`the depositary's notice did not reach ${n.party}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    party: 'KZ',
    what: `as depositary, recorded consultations between BY and KG: one notice, recorded once on all ${nodes.length} nodes`,
  };
}
