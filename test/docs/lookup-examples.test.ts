import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { importStix } from '../../src/node/ingest.js';
import { TLP2_IDS } from '../../src/policy/index.js';
import { startTestNode, type TestNode } from '../helpers/node.js';

// docs/lookup.md shows curl commands and the answer they give on the demo's data. This runs
// those very commands against a node holding the same objects, and checks the documented
// answer against the real one, field by field, so the page cannot drift from the code.

const DOC = readFileSync(new URL('../../docs/lookup.md', import.meta.url), 'utf8');
const DEMO_URL = 'http://127.0.0.1:8603';
const AT = '2025-03-03T08:15:00.000Z';
const HAS_CURL = spawnSync('curl', ['--version']).status === 0;

const c2 = {
  type: 'indicator',
  spec_version: '2.1',
  id: 'indicator--5ce7a2f0-1d2b-4c8e-9a41-000000000001',
  created: AT,
  modified: AT,
  name: 'C2 server of a banking trojan campaign',
  pattern: "[ipv4-addr:value = '203.0.113.45'] OR [domain-name:value = 'update-check.tj']",
  pattern_type: 'stix',
  valid_from: AT,
  object_marking_refs: [TLP2_IDS.green],
};
const range = {
  ...c2,
  id: 'indicator--5ce7a2f0-1d2b-4c8e-9a41-000000000004',
  name: 'Scanning and C2 hosting network',
  pattern: "[ipv4-addr:value = '203.0.113.0/24']",
};
const sighting = {
  type: 'sighting',
  spec_version: '2.1',
  id: 'sighting--5ce7a2f0-1d2b-4c8e-9a41-000000000005',
  created: AT,
  modified: AT,
  sighting_of_ref: c2.id,
  count: 14,
  first_seen: '2025-03-03T09:00:00Z',
  last_seen: '2025-03-04T17:30:00Z',
  object_marking_refs: [TLP2_IDS.green],
};

function curlCommands(): string[] {
  const blocks = [...DOC.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
  return blocks.filter((b) => b.startsWith('curl')).map((b) => b.replace(/\\\n\s*/g, ' ').trim());
}

/** True when every key of `doc` is in `real` with the same value (arrays: item by item). */
function subset(doc: unknown, real: unknown, path = '$'): string[] {
  if (Array.isArray(doc)) {
    if (!Array.isArray(real)) return [`${path}: not an array`];
    return doc.flatMap((d, i) => subset(d, real[i], `${path}[${i}]`));
  }
  if (doc && typeof doc === 'object') {
    if (!real || typeof real !== 'object') return [`${path}: missing`];
    return Object.entries(doc).flatMap(([k, v]) =>
      subset(v, (real as Record<string, unknown>)[k], `${path}.${k}`),
    );
  }
  return doc === real ? [] : [`${path}: documented ${JSON.stringify(doc)}, got ${JSON.stringify(real)}`];
}

describe('the examples of docs/lookup.md run and answer as documented', {
  skip: !HAS_CURL && 'no curl',
}, () => {
  let t: TestNode;
  let url: string;
  let token: string;
  before(async () => {
    t = await startTestNode(undefined, 'KZ');
    token = await t.tokenFor('KZ');
    for (const [party, object] of [
      ['KZ', c2],
      ['BY', range],
      ['TJ', sighting],
    ] as const) {
      const r = await importStix(t.node, { party, sourceNode: `accord-${party.toLowerCase()}-doc` }, object);
      assert.ok(r.ok, JSON.stringify(r.report));
    }
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const addr = t.app.server.address();
    url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  });
  after(() => t.dispose());

  // Asynchronously: the node answering curl runs in this very process.
  const run = async (command: string) => {
    const { stdout } = await promisify(execFile)('bash', ['-c', command.replaceAll(DEMO_URL, url)], {
      env: { ...process.env, TOKEN: token },
    });
    return JSON.parse(stdout);
  };

  test('there are the four curl examples', () => {
    assert.equal(curlCommands().length, 4);
  });

  test('the warninglist example names the list a public resolver is on', async () => {
    const documented = JSON.parse([...DOC.matchAll(/```json\n([\s\S]*?)```/g)][1]![1]!);
    const real = await run(curlCommands()[3]!);
    assert.deepEqual(subset(documented, real), []);
  });

  test('the batch example gives the documented answer', async () => {
    const documented = JSON.parse(/```json\n([\s\S]*?)```/.exec(DOC)![1]!);
    const real = await run(curlCommands()[0]!);
    assert.deepEqual(subset(documented, real), []);
    assert.equal(real.results[1].matches[0].how, 'parent-domain');
  });

  test('the sighting example reports one, and the next lookup counts it', async () => {
    const s = await run(curlCommands()[2]!);
    assert.equal(s.type, 'sighting');
    assert.equal(s.sighting_of_ref, c2.id);
    const again = await run(curlCommands()[1]!);
    assert.equal(again.results[0].matches[0].sightings.count, 14 + 3);
    assert.deepEqual(again.results[0].matches[0].sightings.reporters, ['KZ', 'TJ']);
  });

  test('the single-value example finds the same matches', async () => {
    const real = await run(curlCommands()[1]!);
    assert.deepEqual(
      real.results[0].matches.map((m: { id: string }) => m.id),
      [c2.id, range.id],
    );
  });
});
