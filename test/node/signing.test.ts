import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { test } from 'node:test';
import { signCanonical, verifyCanonical } from '../../src/node/signing.js';

test('a detached signature verifies against the same text and key only', async () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const other = generateKeyPairSync('ed25519');
  const text = '{"id":"indicator--1","modified":"2024-01-01T00:00:00.000Z"}';
  const sig = await signCanonical(privateKey, 'node-kz', text);
  assert.match(sig, /^[A-Za-z0-9_-]+\.\.[A-Za-z0-9_-]+$/);
  assert.equal(await verifyCanonical(publicKey, text, sig), true);
  assert.equal(
    await verifyCanonical(publicKey.export({ format: 'jwk' }) as Record<string, unknown>, text, sig),
    true,
  );
  assert.equal(await verifyCanonical(publicKey, text.replace('2024', '2025'), sig), false);
  assert.equal(await verifyCanonical(other.publicKey, text, sig), false);
  assert.equal(await verifyCanonical(publicKey, text, 'garbage'), false);
});
