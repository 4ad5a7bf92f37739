// Content negotiation for TAXII 2.1 (section 1.6.8 and 3.1 of the specification): every
// response is `application/taxii+json;version=2.1`; a request that accepts none of what we
// serve is a 406, a POST body of another type a 415.

export const TAXII_MEDIA_TYPE = 'application/taxii+json;version=2.1';
export const STIX_MEDIA_TYPE = 'application/stix+json;version=2.1';

interface MediaRange {
  type: string;
  params: Map<string, string>;
}

function parseRange(text: string): MediaRange {
  const [type = '', ...rest] = text.split(';').map((s) => s.trim());
  const params = new Map<string, string>();
  for (const p of rest) {
    const eq = p.indexOf('=');
    if (eq > 0)
      params.set(
        p.slice(0, eq).trim().toLowerCase(),
        p
          .slice(eq + 1)
          .trim()
          .replace(/^"|"$/g, ''),
      );
  }
  return { type: type.toLowerCase(), params };
}

/** A TAXII media type of version 2.1; no version parameter means the latest, which is 2.1. */
function isTaxii21(r: MediaRange): boolean {
  const version = r.params.get('version');
  return r.type === 'application/taxii+json' && (version === undefined || version === '2.1');
}

/**
 * Whether an Accept header admits `application/taxii+json;version=2.1`. A missing header
 * accepts anything (RFC 9110 §12.5.1); `q=0` refuses a range.
 */
export function acceptsTaxii(accept: string | undefined): boolean {
  if (accept === undefined || accept.trim() === '') return true;
  return accept.split(',').some((part) => {
    const r = parseRange(part);
    if (r.params.get('q') !== undefined && Number(r.params.get('q')) === 0) return false;
    return r.type === '*/*' || r.type === 'application/*' || isTaxii21(r);
  });
}

/** Whether a request body's Content-Type is TAXII 2.1. */
export function isTaxiiContentType(contentType: string | undefined): boolean {
  return contentType !== undefined && isTaxii21(parseRange(contentType));
}
