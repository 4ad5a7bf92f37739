import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';
import { AccordError } from '../errors.js';

// scrypt with the parameters written into the stored string, so that they can be raised
// later without invalidating the hashes already stored: `scrypt$N$r$p$SALT$HASH` (base64url).
const N = 2 ** 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
/** scrypt needs 128·N·r bytes; Node's default ceiling (32 MiB) is exactly that, so leave room. */
const MAX_MEMORY = 64 * 1024 * 1024;

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 1024;

function derive(password: string, salt: Buffer, length: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, length, { ...opts, maxmem: MAX_MEMORY }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/** Refuses passwords too short to resist guessing, or long enough to be a denial of service. */
export function checkPasswordStrength(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new AccordError(
      'ACCORD_VALIDATION',
      `a password must have at least ${MIN_PASSWORD_LENGTH} characters`,
    );
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    throw new AccordError(
      'ACCORD_VALIDATION',
      `a password may have at most ${MAX_PASSWORD_LENGTH} characters`,
    );
  }
}

/** A salted scrypt hash of the password, with its parameters, for the users table. */
export async function hashPassword(password: string): Promise<string> {
  checkPasswordStrength(password);
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, KEY_LENGTH, { N, r: R, p: P });
  return ['scrypt', N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
}

// Verifying against this when the user does not exist (or has no password) costs the same
// time as a real check, so response times do not tell which user names exist.
let dummyHash: Promise<string> | undefined;
function dummy(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(24).toString('base64url'));
  return dummyHash;
}

/** Whether the password matches the stored hash; a missing or malformed hash never matches. */
export async function verifyPassword(password: string, stored: string | null | undefined): Promise<boolean> {
  const parts = (stored ?? (await dummy())).split('$');
  const [scheme, n, r, p, salt, key] = parts;
  if (parts.length !== 6 || scheme !== 'scrypt' || !salt || !key) return false;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  // Parameters come from our own column, but bound them so a tampered row cannot stall the node.
  if (
    ![params.N, params.r, params.p].every(Number.isSafeInteger) ||
    params.N > 2 ** 20 ||
    params.r > 32 ||
    params.p > 16
  )
    return false;
  if (password.length > MAX_PASSWORD_LENGTH) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), expected.length, params);
  return stored != null && actual.length === expected.length && timingSafeEqual(actual, expected);
}
