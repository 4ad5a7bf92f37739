import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AccordError, ERROR_CODES, type ErrorCode, isAccordError } from '../errors.js';
import { storeBusy } from '../store/store-busy.js';

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

const BY_STATUS: Record<number, ErrorCode> = {
  400: 'ACCORD_BAD_REQUEST',
  401: 'ACCORD_UNAUTHENTICATED',
  403: 'ACCORD_FORBIDDEN',
  404: 'ACCORD_NOT_FOUND',
  406: 'ACCORD_NOT_ACCEPTABLE',
  409: 'ACCORD_CONFLICT',
  413: 'ACCORD_PAYLOAD_TOO_LARGE',
  415: 'ACCORD_UNSUPPORTED_MEDIA_TYPE',
  429: 'ACCORD_RATE_LIMITED',
};

/** Fastify's own terse messages, said so that the caller knows what to change. */
const FRAMEWORK_MESSAGES: Record<string, string> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE:
    'the body must be JSON: send Content-Type application/json (or application/stix+json, application/taxii+json)',
  FST_ERR_CTP_BODY_TOO_LARGE:
    'the body is larger than the node accepts (64 MiB unless the operator set otherwise)',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'the Content-Length header does not match the body',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'the body is empty: expected a JSON document',
};

/** `body.objects.3.id` style paths from Ajv become `$.objects[3].id`. */
function jsonPath(context: string | undefined, instancePath: string): string {
  const root = context === 'body' || context === undefined ? '$' : `$${context}`;
  return (
    root +
    instancePath
      .split('/')
      .slice(1)
      .map((seg) => (/^\d+$/.test(seg) ? `[${seg}]` : `.${seg.replace(/~1/g, '/').replace(/~0/g, '~')}`))
      .join('')
  );
}

/** Turns any thrown error into the documented body and status. Only our bugs are 500s. */
export function toErrorResponse(err: unknown): { status: number; body: ErrorBody; internal: boolean } {
  const busy = storeBusy(err);
  if (busy) return toErrorResponse(busy);
  if (isAccordError(err)) {
    const body: ErrorBody = { error: { code: err.code, message: err.message } };
    if (err.details !== undefined) body.error.details = err.details;
    return { status: err.status, body, internal: err.status >= 500 };
  }
  const fe = err as FastifyError & { validationContext?: string };
  if (fe.validation) {
    const details = fe.validation.map((v) => {
      const missing = (v.params as { missingProperty?: string } | undefined)?.missingProperty;
      const path = jsonPath(fe.validationContext, v.instancePath) + (missing ? `.${missing}` : '');
      return { path, message: v.message ?? 'is not valid' };
    });
    const first = details[0];
    const where = fe.validationContext === 'body' ? '' : ` in the ${fe.validationContext}`;
    return {
      status: 400,
      body: {
        error: {
          code: 'ACCORD_VALIDATION',
          message: first ? `${first.path}${where} ${first.message}` : 'the request is not valid',
          details,
        },
      },
      internal: false,
    };
  }
  // PostgreSQL refuses text holding a NUL character (SQLSTATE 22021), which SQLite and JSON
  // accept: whatever carried it came from the request, so it is the request that is wrong.
  if ((err as { code?: unknown } | null)?.code === '22021') {
    return {
      status: 400,
      body: {
        error: {
          code: 'ACCORD_BAD_REQUEST',
          message: 'the request holds a NUL character (\\u0000), which is not accepted in text',
        },
      },
      internal: false,
    };
  }
  const status = typeof fe.statusCode === 'number' ? fe.statusCode : 500;
  if (status >= 400 && status < 500) {
    const code = BY_STATUS[status] ?? 'ACCORD_BAD_REQUEST';
    return {
      status,
      body: {
        error: { code, message: FRAMEWORK_MESSAGES[fe.code] ?? (fe.message || ERROR_CODES[code].message) },
      },
      internal: false,
    };
  }
  return {
    status: 500,
    body: { error: { code: 'ACCORD_INTERNAL', message: 'internal error: the node logged the details' } },
    internal: true,
  };
}

export function errorHandler(err: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const { status, body, internal } = toErrorResponse(err);
  if (internal) request.log.error({ err }, 'request failed');
  if (status === 401) reply.header('WWW-Authenticate', 'Bearer realm="accord", Basic realm="accord"');
  // Not ready yet (the index builds after start): a client may try again in a moment.
  if (status === 503) reply.header('Retry-After', '1');
  reply.status(status).send(body);
}

export function notFound(request: FastifyRequest): never {
  throw new AccordError('ACCORD_NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`);
}
