// Answers for what goes wrong before a route runs — malformed HTTP, headers or URL too
// large, a URL that does not decode — in the catalogue's shape, like every other error.
// Node's HTTP parser rejects such requests itself, and Fastify's defaults answer them in
// their own shape; a client must not need a second parser for errors.

import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AccordError, ERROR_CODES, type ErrorCode } from '../errors.js';
import { errorHandler } from './errors.js';

/** Longest URL (path and query) the node reads; Node's own bound on the request line and headers is 16 KiB. */
export const MAX_URL_CHARS = 8 * 1024;

/** What Node's parser found wrong, by its error code (llhttp's HPE_… and Node's ERR_HTTP_…). */
function describeClientError(err: NodeJS.ErrnoException): { code: ErrorCode; message: string } {
  switch (err.code) {
    case 'HPE_HEADER_OVERFLOW':
      return {
        code: 'ACCORD_HEADERS_TOO_LARGE',
        message: 'the request line and headers together are larger than the 16 KiB the node reads',
      };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
    case 'ERR_HTTP_HEADERS_TIMEOUT':
      return { code: 'ACCORD_TIMEOUT', message: 'the request was not received in time' };
    case 'HPE_INVALID_CONTENT_LENGTH':
    case 'HPE_UNEXPECTED_CONTENT_LENGTH':
      return { code: 'ACCORD_BAD_REQUEST', message: 'the Content-Length header is not a valid length' };
    case 'HPE_INVALID_TRANSFER_ENCODING':
    case 'HPE_INVALID_CHUNK_SIZE':
      return { code: 'ACCORD_BAD_REQUEST', message: 'the chunked body is malformed' };
    case 'HPE_INVALID_HEADER_TOKEN':
      return {
        code: 'ACCORD_BAD_REQUEST',
        message: 'a header name or value holds characters HTTP does not allow',
      };
    default:
      return {
        code: 'ACCORD_BAD_REQUEST',
        message: `the request is not well-formed HTTP/1.1${err.code ? ` (${err.code})` : ''}`,
      };
  }
}

/** Fastify's clientErrorHandler: the socket has no request object, so the answer is written raw. */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed || !socket.writable) {
    socket.destroy();
    return;
  }
  const { code, message } = describeClientError(err);
  const status = ERROR_CODES[code].status;
  const body = JSON.stringify({ error: { code, message } });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
}

/** Fastify's frameworkErrors: a URL that does not decode, and the like, through the one error handler. */
export function frameworkErrors(err: Error, request: FastifyRequest, reply: FastifyReply): void {
  errorHandler(err, request, reply);
}

/** An onRequest hook: URLs beyond MAX_URL_CHARS are answered 414 before any route reads them. */
export async function refuseLongUrl(request: FastifyRequest): Promise<void> {
  if (request.url.length > MAX_URL_CHARS) {
    throw new AccordError(
      'ACCORD_URI_TOO_LONG',
      `the URL has ${request.url.length} characters; the node reads at most ${MAX_URL_CHARS}`,
    );
  }
}
