#!/usr/bin/env node
// Cuts the small ATT&CK fixture (src/cli/demo/data/attack-ics-sample.json) out of MITRE's
// published ATT&CK for ICS bundle, so the demo and the tests run on real ATT&CK objects
// without shipping the whole knowledge base. Objects are copied as published; only the
// matrix's tactic_refs and the collection's x_mitre_contents are cut down to what is kept.
//   node scripts/attack-fixture.mjs ics-attack.json > src/cli/demo/data/attack-ics-sample.json
import { readFileSync } from 'node:fs';

const TACTICS = ['TA0108', 'TA0104', 'TA0107', 'TA0105'];
const PER_TACTIC = 5;
const GROUPS = ['G0034', 'G0035', 'G0074']; // G0074 (Dragonfly 2.0) is revoked by G0035
const MALWARE = ['S0604', 'S0603', 'S1009'];

const bundle = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const all = bundle.objects;
const byId = new Map(all.map((o) => [o.id, o]));
const attackId = (o) => o.external_references?.find((r) => r.source_name === 'mitre-attack')?.external_id;
const live = (o) => !o.revoked && !o.x_mitre_deprecated;

const keep = new Set();
const matrix = all.find((o) => o.type === 'x-mitre-matrix');
const tactics = matrix.tactic_refs.map((id) => byId.get(id)).filter((t) => TACTICS.includes(attackId(t)));
for (const t of tactics) {
  keep.add(t.id);
  const techniques = all
    .filter((o) => o.type === 'attack-pattern' && live(o) && !keep.has(o.id))
    .filter((o) => o.kill_chain_phases?.some((k) => k.phase_name === t.x_mitre_shortname))
    .sort((a, b) => attackId(a).localeCompare(attackId(b)))
    .slice(0, PER_TACTIC);
  for (const o of techniques) keep.add(o.id);
}
for (const o of all) {
  if (
    (o.type === 'intrusion-set' && GROUPS.includes(attackId(o))) ||
    (o.type === 'malware' && MALWARE.includes(attackId(o)))
  )
    keep.add(o.id);
}
// One data component as published with x_mitre_data_source_ref: "" (the import must take it).
const emptyRef = all.find((o) => o.type === 'x-mitre-data-component' && o.x_mitre_data_source_ref === '');
if (emptyRef) keep.add(emptyRef.id);
for (const o of all) {
  if (o.type === 'relationship' && keep.has(o.source_ref) && keep.has(o.target_ref)) keep.add(o.id);
}
for (const o of all) if (o.type === 'identity' || o.type === 'marking-definition') keep.add(o.id);

const out = all
  .filter((o) => keep.has(o.id) || o.type === 'x-mitre-matrix' || o.type === 'x-mitre-collection')
  .map((o) => {
    if (o.type === 'x-mitre-matrix') return { ...o, tactic_refs: o.tactic_refs.filter((id) => keep.has(id)) };
    if (o.type === 'x-mitre-collection')
      return {
        ...o,
        x_mitre_contents: o.x_mitre_contents.filter(
          (c) => keep.has(c.object_ref) || c.object_ref === matrix.id,
        ),
      };
    return o;
  });
process.stdout.write(`${JSON.stringify({ type: 'bundle', id: bundle.id, objects: out }, null, 2)}\n`);
