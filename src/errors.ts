// One catalogue of the errors a user can cause, each with its HTTP status. The HTTP error
// handler and the CLI map these in one place; docs/errors.md lists every code and a test
// checks that the two agree.

export const ERROR_CODES = {
  ACCORD_BAD_REQUEST: { status: 400, message: 'The request is malformed' },
  ACCORD_VALIDATION: { status: 400, message: 'The input is not valid' },
  ACCORD_UNAUTHENTICATED: { status: 401, message: 'Authentication is required' },
  ACCORD_FORBIDDEN: { status: 403, message: 'You are not allowed to do this' },
  ACCORD_TOKEN_SCOPE: { status: 403, message: 'This token is not for this path' },
  ACCORD_NOT_FOUND: { status: 404, message: 'No such resource' },
  ACCORD_NOT_ACCEPTABLE: { status: 406, message: 'No acceptable representation' },
  ACCORD_CONFLICT: { status: 409, message: 'The request conflicts with the current state' },
  ACCORD_PARTY_WITHDRAWN: {
    status: 409,
    message: 'The Party has withdrawn from the Agreement: nothing new is addressed to it',
  },
  ACCORD_PAYLOAD_TOO_LARGE: { status: 413, message: 'The request body is too large' },
  ACCORD_UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Unsupported media type' },
  // The node's limits on input (docs/security.md, "Limits").
  ACCORD_LIMIT_EXCEEDED: { status: 400, message: 'The input exceeds one of the node’s limits' },
  ACCORD_TIMEOUT: { status: 408, message: 'The request was not received in time' },
  ACCORD_URI_TOO_LONG: { status: 414, message: 'The request URL is too long' },
  ACCORD_HEADERS_TOO_LARGE: { status: 431, message: 'The request headers are too large' },
  ACCORD_ABOVE_ACCREDITATION: {
    status: 422,
    message: 'The object is classified above what this node is accredited to hold',
  },
  ACCORD_RATE_LIMITED: { status: 429, message: 'Too many requests' },
  ACCORD_INTERNAL: { status: 500, message: 'Internal error' },
  ACCORD_UNGATED_DISCLOSURE: {
    status: 500,
    message: 'A route tried to send STIX content that did not pass the disclosure gate',
  },
  ACCORD_UNAVAILABLE: { status: 503, message: 'The service is not ready' },
  ACCORD_NOT_READY: { status: 503, message: 'The node is still starting: its lookup index is being built' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** A problem located in the input: a JSON path such as `$.objects[3].created`, or a line and column. */
export interface Issue {
  path: string;
  code: string;
  message: string;
}

export class AccordError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: unknown;

  constructor(code: ErrorCode, message?: string, details?: unknown) {
    super(message ?? ERROR_CODES[code].message);
    this.name = 'AccordError';
    this.code = code;
    this.status = ERROR_CODES[code].status;
    this.details = details;
  }
}

export function isAccordError(e: unknown): e is AccordError {
  return e instanceof AccordError;
}
