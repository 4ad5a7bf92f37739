import { type TSchema, Type } from '@sinclair/typebox';

/** Shared schema pieces, so the OpenAPI document names each shape once. */
export const StixObjectSchema = Type.Object(
  { type: Type.String(), id: Type.String() },
  { additionalProperties: true, description: 'A STIX 2.1 object' },
);

export const ErrorSchema = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'One of the ACCORD_… codes in docs/errors.md' }),
      message: Type.String(),
      details: Type.Optional(Type.Unknown()),
    }),
  },
  { description: 'Every error has this shape' },
);

export const StixIdParam = Type.String({
  pattern:
    '^[a-z0-9][a-z0-9-]+[a-z0-9]--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
  description: 'A STIX identifier, TYPE--UUID',
});

export const ObjectMetaSchema = Type.Object({
  originator: Type.String({ description: 'Code of the originating Party' }),
  source_node: Type.String(),
  date_added: Type.String({ description: 'When this node stored the version (microseconds)' }),
  version: Type.String({ description: 'The modified timestamp, as a fixed-width key' }),
  revoked: Type.Boolean(),
  signed: Type.Boolean(),
});

/** The usual error responses of an authenticated route, for the OpenAPI document. */
export function errorResponses(...statuses: number[]): Record<number, TSchema> {
  return Object.fromEntries([401, ...statuses].map((s) => [s, ErrorSchema]));
}
