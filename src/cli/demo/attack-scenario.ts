// The demo's ATT&CK chapter: every node loads the small ATT&CK for ICS fixture (as a CERT loads
// MITRE's bundle), then KZ and BY report an attack on a substation linked to its techniques,
// so the console's matrix has something to colour.

import { partyIdentity } from '../../node/identity.js';
import { importStix, refusal } from '../../node/ingest.js';
import { TLP2_IDS } from '../../policy/index.js';
import attackSample from './data/attack-ics-sample.json' with { type: 'json' };
import type { DemoNode } from './run-demo.js';

const AT = '2025-03-05T10:00:00.000Z';
const technique = (attackId: string): string => {
  const t = attackSample.objects.find(
    (o) =>
      o.type === 'attack-pattern' &&
      (o as { external_references?: { external_id?: string }[] }).external_references?.[0]?.external_id ===
        attackId,
  );
  if (!t) throw new Error(`the ATT&CK fixture has no ${attackId}`);
  return t.id;
};

const WIPER = 'malware--5ce7a2f0-1d2b-4c8e-9a41-000000000101';
const WIPER_HASH = 'indicator--5ce7a2f0-1d2b-4c8e-9a41-000000000102';

function sdo(type: string, id: string, party: string, extra: Record<string, unknown>) {
  return {
    type,
    spec_version: '2.1',
    id,
    created: AT,
    modified: AT,
    created_by_ref: partyIdentity(party),
    object_marking_refs: [TLP2_IDS.green],
    ...extra,
  };
}

function kzIncident() {
  const wiper = sdo('malware', WIPER, 'KZ', { name: 'SubstationWiper', is_family: true });
  const hash = sdo('indicator', WIPER_HASH, 'KZ', {
    name: 'SubstationWiper dropper',
    indicator_types: ['malicious-activity'],
    pattern: "[file:hashes.'SHA-256' = 'a3f1c0de5b7e9d2f4c6a8b0e1d3f5a7c9e2b4d6f8a0c1e3b5d7f9a2c4e6b8d0f']",
    pattern_type: 'stix',
    valid_from: AT,
    kill_chain_phases: [{ kill_chain_name: 'mitre-ics-attack', phase_name: 'inhibit-response-function' }],
  });
  const uses = (n: number, target: string) =>
    sdo('relationship', `relationship--5ce7a2f0-1d2b-4c8e-9a41-00000000011${n}`, 'KZ', {
      relationship_type: 'uses',
      source_ref: WIPER,
      target_ref: target,
    });
  const indicates = sdo('relationship', 'relationship--5ce7a2f0-1d2b-4c8e-9a41-000000000120', 'KZ', {
    relationship_type: 'indicates',
    source_ref: WIPER_HASH,
    target_ref: technique('T0809'),
  });
  const report = sdo('report', 'report--5ce7a2f0-1d2b-4c8e-9a41-000000000121', 'KZ', {
    name: 'Wiper attack on a 110 kV substation',
    description:
      'Remote access through an exposed VPN, then firmware update mode and data destruction on RTUs.',
    report_types: ['attack-pattern', 'malware'],
    published: AT,
    object_refs: [WIPER, WIPER_HASH, technique('T0822'), technique('T0800'), technique('T0809')],
  });
  return [wiper, hash, uses(1, technique('T0800')), uses(2, technique('T0809')), indicates, report];
}

function byReport() {
  const loader = sdo('malware', 'malware--5ce7a2f0-1d2b-4c8e-9a41-000000000130', 'BY', {
    name: 'HMI loader',
    is_family: true,
  });
  const uses = (n: number, target: string) =>
    sdo('relationship', `relationship--5ce7a2f0-1d2b-4c8e-9a41-00000000013${n}`, 'BY', {
      relationship_type: 'uses',
      source_ref: loader.id,
      target_ref: target,
    });
  return [loader, uses(1, technique('T0822')), uses(2, technique('T0823')), uses(3, technique('T0815'))];
}

const bundle = (n: string, objects: object[]) => ({
  type: 'bundle',
  id: `bundle--5ce7a2f0-1d2b-4c8e-9a41-0000000001${n}`,
  objects,
});

export async function seedAttack(nodes: readonly DemoNode[]): Promise<{ party: string; what: string }[]> {
  for (const n of nodes) {
    const r = await importStix(n.node, { party: n.party, sourceNode: n.node.settings.nodeId }, attackSample);
    if (!r.ok) throw refusal(r);
  }
  const steps = [
    { party: 'all', what: 'loaded a small ATT&CK for ICS sample (MITRE ATT&CK®, see its notice)' },
  ];
  for (const [party, objects, n] of [
    ['KZ', kzIncident(), '40'],
    ['BY', byReport(), '41'],
  ] as const) {
    const node = nodes.find((x) => x.party === party);
    if (!node) continue;
    const r = await importStix(
      node.node,
      { party, sourceNode: node.node.settings.nodeId },
      bundle(n, objects),
    );
    if (!r.ok) throw refusal(r);
  }
  steps.push({ party: 'KZ', what: 'reported a substation wiper linked to ATT&CK techniques (see ATT&CK)' });
  steps.push({ party: 'BY', what: 'linked an HMI loader to three ATT&CK techniques' });
  return steps;
}
