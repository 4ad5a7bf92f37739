import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Decision, endpointIds, withEndpoints } from '../../src/policy/index.js';

const allow: Decision = { allow: true, reason: 'tlp-green' };
const deny: Decision = { allow: false, reason: 'tlp-red-not-named', message: 'red' };
const rel = {
  type: 'relationship',
  id: 'relationship--1',
  source_ref: 'indicator--a',
  target_ref: 'report--b',
};

test('the ends of relationships and sightings are what they are about', () => {
  assert.deepEqual(endpointIds(rel), ['indicator--a', 'report--b']);
  assert.deepEqual(
    endpointIds({
      type: 'sighting',
      sighting_of_ref: 'indicator--a',
      observed_data_refs: ['observed-data--c'],
    }),
    ['indicator--a', 'observed-data--c'],
  );
  assert.deepEqual(endpointIds({ type: 'report', object_refs: ['indicator--a'] }), []);
});

test('an edge is withheld when either end is or is not held, allowed when both are seen', () => {
  assert.equal(withEndpoints(allow, rel, () => allow).allow, true);
  const unheld = withEndpoints(allow, rel, () => undefined);
  assert.equal(!unheld.allow && unheld.reason, 'endpoint-withheld', 'not held reads as hidden');
  assert.equal(
    withEndpoints(allow, rel, () => undefined, 'pass').allow,
    true,
    'to a peer node, unheld passes',
  );
  const mine = { allow: true, reason: 'originator' } as const;
  assert.equal(withEndpoints(mine, rel, () => deny).allow, true, 'the originator sees its own edge');
  const out = withEndpoints(allow, rel, (id) => (id === 'report--b' ? deny : allow));
  assert.equal(out.allow, false);
  assert.equal(!out.allow && out.reason, 'endpoint-withheld');
  assert.deepEqual(
    withEndpoints(deny, rel, () => allow),
    deny,
    'the edge’s own denial stands',
  );
});

test('the originator of an edge sees it whatever its ends: hiding it would betray a hidden end', () => {
  const mine: Decision = { allow: true, reason: 'originator' };
  assert.deepEqual(
    withEndpoints(mine, rel, () => deny),
    mine,
  );
  assert.equal(withEndpoints(allow, rel, () => deny).allow, false, 'anyone else is still narrowed');
});
