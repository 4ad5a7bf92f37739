// The console's only way to the node: its documented REST API under /api/v1. The session
// cookie goes along by itself; writes also carry the session's CSRF token.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken = '';
let onUnauthenticated: () => void = () => {};

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Called when the node says the session has ended, so the console can show the sign-in form. */
export function setOnUnauthenticated(fn: () => void): void {
  onUnauthenticated = fn;
}

export interface ApiOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  /** Sign-in and the session check handle 401 themselves. */
  quiet401?: boolean;
}

/** The headers of a call: JSON answers, a JSON body when there is one, the CSRF token on writes. */
export function apiHeaders(method: string, json: boolean): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (json) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  return headers;
}

/** The answer's JSON body, when it has one. */
export function parseBody(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** A failed answer as an ApiError; a 401 also tells the console the session has ended. */
export function apiFailure(status: number, statusText: string, body: unknown, quiet401 = false): ApiError {
  const err = (body as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
  if (status === 401 && !quiet401) onUnauthenticated();
  return new ApiError(status, err?.code ?? `HTTP_${status}`, err?.message ?? statusText, err?.details);
}

export async function api<T>(path: string, opts: ApiOptions = {}): Promise<T> {
  const method = opts.method ?? 'GET';
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method,
      headers: apiHeaders(method, opts.body !== undefined),
      credentials: 'same-origin',
      ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', (e as Error).message);
  }
  if (res.status === 204) return undefined as T;
  const body = parseBody(await res.text());
  if (!res.ok) throw apiFailure(res.status, res.statusText, body, opts.quiet401);
  return body as T;
}

/** The paths of the node's OpenAPI document: pages for features a node lacks are hidden. */
export async function apiPaths(): Promise<Set<string>> {
  const doc = await api<{ paths?: Record<string, unknown> }>('/openapi.json');
  return new Set(Object.keys(doc.paths ?? {}));
}
