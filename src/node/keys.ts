import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const KEY_FILE = 'node-key.pem';

export interface NodeKeys {
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicJwk: Record<string, unknown>;
}

/** Makes the node's Ed25519 key pair; the private half is written readable by the owner only. */
export function createNodeKeys(dataDir: string): NodeKeys {
  const path = join(dataDir, KEY_FILE);
  if (existsSync(path)) return loadNodeKeys(dataDir);
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  writeFileSync(path, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  return { privateKey, publicKey, publicJwk: publicKey.export({ format: 'jwk' }) as Record<string, unknown> };
}

export function loadNodeKeys(dataDir: string): NodeKeys {
  const privateKey = createPrivateKey(readFileSync(join(dataDir, KEY_FILE)));
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, publicJwk: publicKey.export({ format: 'jwk' }) as Record<string, unknown> };
}
