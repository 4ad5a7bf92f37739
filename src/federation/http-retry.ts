// Retries for calls to peers: 429 and 5xx answers, and failures to connect, are retried
// with exponential backoff and full jitter, honouring Retry-After, a bounded number of times.

export type FetchLike = (url: string, init?: RequestInit) => Promise<Response>;

export interface RetryOptions {
  fetch?: FetchLike;
  /** Waits; injectable so tests need not. */
  sleep?: (ms: number) => Promise<void>;
  /** In [0, 1); injectable for deterministic jitter. */
  random?: () => number;
  /** Current time in ms, for Retry-After given as an HTTP date. */
  now?: () => number;
  /** Retries after the first attempt (default 5). */
  maxRetries?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** Milliseconds a Retry-After header asks for (seconds or an HTTP date), or undefined. */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * fetch with retries. Returns the last response when retries run out on a retryable
 * status (the caller reports it); rethrows the last network error when they run out on one.
 */
export async function fetchWithRetry(
  url: string,
  init: RequestInit,
  o: RetryOptions = {},
): Promise<Response> {
  const doFetch = o.fetch ?? ((u, i) => fetch(u, i));
  const sleep = o.sleep ?? defaultSleep;
  const random = o.random ?? Math.random;
  const now = o.now ?? Date.now;
  const maxRetries = o.maxRetries ?? 5;
  const base = o.baseDelayMs ?? 250;
  const cap = o.maxDelayMs ?? 30_000;
  for (let attempt = 0; ; attempt++) {
    let wait: number | undefined;
    try {
      const res = await doFetch(url, init);
      if (!isRetryableStatus(res.status) || attempt >= maxRetries) return res;
      wait = retryAfterMs(res.headers.get('retry-after'), now());
      // The body is not needed; reading it frees the connection for the retry.
      await res.arrayBuffer().catch(() => undefined);
    } catch (e) {
      if (attempt >= maxRetries) throw e;
    }
    // Full jitter: a fleet of clients that failed together does not retry together.
    const backoff = random() * Math.min(cap, base * 2 ** attempt);
    await sleep(Math.min(cap, wait ?? backoff));
  }
}
