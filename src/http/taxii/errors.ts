import type { FastifyReply, FastifyRequest } from 'fastify';
import { AccordError } from '../../errors.js';
import { toErrorResponse } from '../errors.js';
import { TAXII_MEDIA_TYPE } from './media-type.js';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export const WWW_AUTHENTICATE = 'Basic realm="accord-taxii", Bearer realm="accord-taxii"';

/** A TAXII error message (specification §3.6.1) built from the node's one error catalogue. */
export function taxiiError(err: unknown): {
  status: number;
  body: Record<string, unknown>;
  internal: boolean;
} {
  const { status, body, internal } = toErrorResponse(err);
  const out: Record<string, unknown> = {
    title: TITLES[status] ?? 'Error',
    description: body.error.message,
    http_status: String(status),
    error_code: body.error.code,
  };
  const details = body.error.details;
  if (details !== undefined) out.details = Array.isArray(details) ? { problems: details } : details;
  return { status, body: out, internal };
}

/** The TAXII plugin's error handler: every failure is a TAXII error in the TAXII media type. */
export function taxiiErrorHandler(err: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const { status, body, internal } = taxiiError(err);
  if (internal) request.log.error({ err }, 'TAXII request failed');
  if (status === 401) reply.header('WWW-Authenticate', WWW_AUTHENTICATE);
  reply.status(status).type(TAXII_MEDIA_TYPE).send(body);
}

export function taxiiNotFound(request: FastifyRequest): never {
  throw new AccordError('ACCORD_NOT_FOUND', `no TAXII resource at ${request.url.split('?')[0]}`);
}
