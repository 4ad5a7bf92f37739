import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { defaultAgreement } from '../../src/agreement/index.js';
import { publishedDefinitionObjects } from '../../src/exchange/definitions.js';
import { ALL_OBJECTS_ID, INDICATORS_ID } from '../../src/http/taxii/collections.js';
import { bearer } from '../helpers/node.js';

export const TAXII = 'application/taxii+json;version=2.1';
export const ROOT = '/taxii2/accord';
export const ALL = `${ROOT}/collections/${ALL_OBJECTS_ID}`;
export const INDICATORS = `${ROOT}/collections/${INDICATORS_ID}`;
export const MICROS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export const TLP_RED = 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1';
export const TLP_GREEN = 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb';
export const TLP_CLEAR = 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487';

/** The definitions Accord publishes at the head of the all-objects collection (src/exchange/definitions.ts). */
export const PUBLISHED_IDS: ReadonlySet<string> = new Set(
  publishedDefinitionObjects(defaultAgreement()).map((o) => o.id as string),
);

/** What a listing holds besides the published definitions: the objects a test stored. */
export function storedOnly<T extends { id: string }>(items: readonly T[]): T[] {
  return items.filter((i) => !PUBLISHED_IDS.has(i.id));
}

export function taxiiHeaders(token: string, extra: Record<string, string> = {}): Record<string, string> {
  return { ...bearer(token), accept: TAXII, ...extra };
}

export function indicatorId(n: number): string {
  return `indicator--00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

export function indicator(n: number, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: indicatorId(n),
    created: '2024-01-01T00:00:00.000Z',
    modified: '2024-01-01T00:00:00.000Z',
    name: `C2 ${n}`,
    pattern: `[ipv4-addr:value = '10.0.${(n >> 8) & 255}.${n & 255}']`,
    pattern_type: 'stix',
    valid_from: '2024-01-01T00:00:00Z',
    ...over,
  };
}

export async function postObjects(
  app: FastifyInstance,
  token: string,
  objects: unknown[],
  url = `${ALL}/objects/`,
) {
  return app.inject({
    method: 'POST',
    url,
    headers: taxiiHeaders(token, { 'content-type': TAXII }),
    payload: JSON.stringify({ objects }),
  });
}

/** The OASIS reference server's "High Value Indicator Collection": STIX 2.1 versions, and one 2.0 version. */
export function medallionObjects(): { v21: Record<string, unknown>[]; v20: Record<string, unknown>[] } {
  const data = JSON.parse(
    readFileSync(
      new URL('../../../shared/conformance/taxii/medallion_default_data.json', import.meta.url),
      'utf8',
    ),
  );
  const c = data.trustgroup1.collections.find(
    (x: { id: string }) => x.id === '91a7b528-80eb-42ed-a74d-c6fbd5a26116',
  ) as { objects: Record<string, unknown>[] };
  return {
    v21: c.objects.filter((o) => o.spec_version === '2.1'),
    v20: c.objects.filter((o) => o.spec_version !== '2.1'),
  };
}
