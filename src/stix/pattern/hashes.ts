// Hash algorithm names and the shape of their values, for checking hash constants.

const hex = (n: number) => new RegExp(`^[0-9a-fA-F]{${n}}$`);
/** Keys are the algorithm name upper-cased without '-' or '_', so 'SHA-256' and 'sha256' agree. */
export const HASHES: Record<string, { name: string; re: RegExp; expect: string }> = {
  MD5: { name: 'MD5', re: hex(32), expect: '32 hex digits' },
  SHA1: { name: 'SHA-1', re: hex(40), expect: '40 hex digits' },
  SHA224: { name: 'SHA-224', re: hex(56), expect: '56 hex digits' },
  SHA256: { name: 'SHA-256', re: hex(64), expect: '64 hex digits' },
  SHA384: { name: 'SHA-384', re: hex(96), expect: '96 hex digits' },
  SHA512: { name: 'SHA-512', re: hex(128), expect: '128 hex digits' },
  SHA3224: { name: 'SHA3-224', re: hex(56), expect: '56 hex digits' },
  SHA3256: { name: 'SHA3-256', re: hex(64), expect: '64 hex digits' },
  SHA3384: { name: 'SHA3-384', re: hex(96), expect: '96 hex digits' },
  SHA3512: { name: 'SHA3-512', re: hex(128), expect: '128 hex digits' },
  RIPEMD160: { name: 'RIPEMD-160', re: hex(40), expect: '40 hex digits' },
  WHIRLPOOL: { name: 'WHIRLPOOL', re: hex(128), expect: '128 hex digits' },
  TLSH: { name: 'TLSH', re: /^(?:T1)?[0-9a-fA-F]{70}$/, expect: "70 hex digits, optionally after 'T1'" },
  SSDEEP: {
    name: 'SSDEEP',
    re: /^\d+:[A-Za-z0-9/+]+:[A-Za-z0-9/+]+(?:,"?[^"]*"?)?$/,
    expect: 'blocksize:hash:hash',
  },
};

export function normaliseHashName(name: string): string {
  return name.toUpperCase().replace(/[-_]/g, '');
}
