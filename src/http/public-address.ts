// Where clients reach the node when it runs behind a TLS proxy: the URLs a node hands out
// (TAXII discovery's api_roots, above all) must be the public ones, or a client that follows
// them lands on the node's internal address and fails.
import { AccordError } from '../errors.js';

/** Fastify's trustProxy: no, yes (every hop), the first N hops, or the proxies' addresses. */
export type TrustProxy = boolean | string[] | ((address: string, hop: number) => boolean);

/** `--public-url`: an absolute http(s) URL with no query or fragment; kept without a trailing slash. */
export function parsePublicUrl(text: string): string {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new AccordError('ACCORD_BAD_REQUEST', `public URL '${text}' is not an absolute URL`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:')
    throw new AccordError('ACCORD_BAD_REQUEST', `public URL '${text}' must be http:// or https://`);
  if (u.search || u.hash || u.username || u.password)
    throw new AccordError(
      'ACCORD_BAD_REQUEST',
      `public URL '${text}' must not carry a query, a fragment or credentials`,
    );
  return u.toString().replace(/\/+$/, '');
}

/**
 * `--trust-proxy`: `true` trusts X-Forwarded-* from anyone (only when nothing but the proxy
 * can reach the node), a number trusts that many hops, and a comma-separated list of
 * addresses or CIDR ranges trusts those proxies only (the safe choice).
 */
export function parseTrustProxy(text: string): TrustProxy {
  const t = text.trim();
  if (t === 'true') return true;
  if (t === 'false' || t === '') return false;
  if (/^\d{1,2}$/.test(t)) {
    const hops = Number(t);
    return (_address, hop) => hop < hops;
  }
  const list = t.split(',').map((s) => s.trim());
  for (const a of list) {
    if (
      !/^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(a) &&
      a !== 'loopback' &&
      a !== 'linklocal' &&
      a !== 'uniquelocal'
    )
      throw new AccordError(
        'ACCORD_BAD_REQUEST',
        `trust-proxy '${a}' is not true, false, a hop count, an address, a CIDR range or loopback`,
      );
  }
  return list;
}
