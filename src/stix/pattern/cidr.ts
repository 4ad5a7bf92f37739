// IPv4 and IPv6 addresses and CIDR blocks, for ISSUBSET and ISSUPERSET and for comparing
// ipv4-addr / ipv6-addr values. Addresses are BigInts so both families share one code path.

export interface IpBlock {
  version: 4 | 6;
  /** The address as written (host bits are kept; containment masks them). */
  addr: bigint;
  prefix: number;
}

const DEC_OCTET = /^(?:0|[1-9][0-9]{0,2})$/;
const HEXTET = /^[0-9A-Fa-f]{1,4}$/;
const PREFIX = /^(?:0|[1-9][0-9]{0,2})$/;

function parseV4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0n;
  for (const p of parts) {
    if (!DEC_OCTET.test(p)) return undefined;
    const v = Number(p);
    if (v > 255) return undefined;
    n = (n << 8n) | BigInt(v);
  }
  return n;
}

function parseV6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string): bigint[] | undefined => {
    if (s === '') return [];
    const out: bigint[] = [];
    const parts = s.split(':');
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i]!;
      if (i === parts.length - 1 && p.includes('.')) {
        const v4 = parseV4(p);
        if (v4 === undefined) return undefined;
        out.push(v4 >> 16n, v4 & 0xffffn);
      } else if (HEXTET.test(p)) out.push(BigInt(`0x${p}`));
      else return undefined;
    }
    return out;
  };
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  let n = 0n;
  for (const g of [...head, ...new Array<bigint>(missing).fill(0n), ...tail]) n = (n << 16n) | g;
  return n;
}

/** Parses "a.b.c.d", "a.b.c.d/n", an IPv6 address or an IPv6 CIDR; undefined otherwise. */
export function parseIpBlock(text: string): IpBlock | undefined {
  const slash = text.indexOf('/');
  const addrText = slash < 0 ? text : text.slice(0, slash);
  const prefixText = slash < 0 ? undefined : text.slice(slash + 1);
  if (prefixText !== undefined && !PREFIX.test(prefixText)) return undefined;
  const v4 = addrText.includes(':') ? undefined : parseV4(addrText);
  if (v4 !== undefined) {
    const prefix = prefixText === undefined ? 32 : Number(prefixText);
    return prefix <= 32 ? { version: 4, addr: v4, prefix } : undefined;
  }
  const v6 = addrText.includes(':') ? parseV6(addrText) : undefined;
  if (v6 === undefined) return undefined;
  const prefix = prefixText === undefined ? 128 : Number(prefixText);
  return prefix <= 128 ? { version: 6, addr: v6, prefix } : undefined;
}

function bits(b: IpBlock): bigint {
  return b.version === 4 ? 32n : 128n;
}

function network(b: IpBlock, prefix: number): bigint {
  const shift = bits(b) - BigInt(prefix);
  return (b.addr >> shift) << shift;
}

/** Whether `inner` (an address or block) lies wholly inside `outer`. */
export function blockContains(outer: IpBlock, inner: IpBlock): boolean {
  if (outer.version !== inner.version || outer.prefix > inner.prefix) return false;
  return network(outer, outer.prefix) === network(inner, outer.prefix);
}

/** Same address and prefix length: '10.0.0.1' equals '10.0.0.1/32', '::1' equals '0:0::1'. */
export function blockEquals(a: IpBlock, b: IpBlock): boolean {
  return a.version === b.version && a.prefix === b.prefix && a.addr === b.addr;
}
