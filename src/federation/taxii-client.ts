import { parseJsonBody } from '../stix/json-text.js';
import { fetchWithRetry, type RetryOptions } from './http-retry.js';

export const TAXII_MEDIA_TYPE = 'application/taxii+json;version=2.1';

export interface TaxiiClientOptions extends RetryOptions {
  /** The discovery URL, e.g. `https://node.example/taxii2/`. */
  discoveryUrl: string;
  /** The API root to use; the server's `default` when absent. */
  apiRootUrl?: string;
  /** Sent as `Authorization: Bearer`. */
  token?: string;
  /** Sent as HTTP Basic instead of a bearer token. */
  basic?: { username: string; password: string };
}

export interface TaxiiCollection {
  id: string;
  title: string;
  description?: string;
  alias?: string;
  can_read: boolean;
  can_write: boolean;
  media_types?: string[];
}

export interface ManifestRecord {
  id: string;
  date_added: string;
  version: string;
  media_type?: string;
}

export interface TaxiiStatusResource {
  id: string;
  status: 'complete' | 'pending';
  total_count: number;
  success_count: number;
  failure_count: number;
  pending_count: number;
  successes?: { id: string; version: string; message?: string }[];
  failures?: { id: string; version: string; message?: string }[];
  pendings?: { id: string; version: string; message?: string }[];
  request_timestamp?: string;
}

/** One page of a listing, with the X-TAXII-Date-Added headers a caller checkpoints on. */
export interface TaxiiPage<T> {
  items: T[];
  more: boolean;
  next?: string;
  dateAddedFirst?: string;
  dateAddedLast?: string;
}

export interface ListOptions {
  addedAfter?: string;
  limit?: number;
  /** match[field] filters; lists are sent comma-separated. */
  match?: Partial<Record<'id' | 'type' | 'version' | 'spec_version', string | string[]>>;
  next?: string;
}

/** A TAXII error answer, with the server's error message when it sent one. */
export class TaxiiClientError extends Error {
  constructor(
    readonly status: number,
    readonly body: { title?: string; description?: string } | undefined,
    readonly url: string,
  ) {
    super(
      `TAXII ${status} from ${url}: ${body?.title ?? 'error'}${body?.description ? ` — ${body.description}` : ''}`,
    );
    this.name = 'TaxiiClientError';
  }
}

/** A TAXII 2.1 client: discovery, collections, paged reads that follow `next`, and posting with status. */
export class TaxiiClient {
  private root: string | undefined;

  constructor(private readonly opts: TaxiiClientOptions) {
    this.root = opts.apiRootUrl;
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const h: Record<string, string> = { accept: TAXII_MEDIA_TYPE, ...extra };
    if (this.opts.token) h.authorization = `Bearer ${this.opts.token}`;
    else if (this.opts.basic) {
      const { username, password } = this.opts.basic;
      h.authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
    }
    return h;
  }

  private async request(url: string, init: RequestInit = {}): Promise<Response> {
    const res = await fetchWithRetry(
      url,
      { ...init, headers: this.headers(init.headers as Record<string, string>) },
      this.opts,
    );
    if (!res.ok) {
      const body = (await res.json().catch(() => undefined)) as TaxiiClientError['body'];
      throw new TaxiiClientError(res.status, body, url);
    }
    return res;
  }

  private async json<T>(url: string): Promise<T> {
    return (await (await this.request(url)).json()) as T;
  }

  async discovery(): Promise<{ title: string; default?: string; api_roots?: string[] }> {
    return this.json(this.opts.discoveryUrl);
  }

  /** The API root URL, ending in `/`. */
  async apiRoot(): Promise<string> {
    if (this.root === undefined) {
      const d = await this.discovery();
      const root = d.default ?? d.api_roots?.[0];
      if (!root) throw new Error(`${this.opts.discoveryUrl} names no API root`);
      this.root = new URL(root, this.opts.discoveryUrl).toString();
    }
    return this.root.endsWith('/') ? this.root : `${this.root}/`;
  }

  async collections(): Promise<TaxiiCollection[]> {
    return (
      (await this.json<{ collections?: TaxiiCollection[] }>(`${await this.apiRoot()}collections/`))
        .collections ?? []
    );
  }

  private async collectionUrl(collectionId: string, path = ''): Promise<string> {
    return `${await this.apiRoot()}collections/${encodeURIComponent(collectionId)}/${path}`;
  }

  private async page<T>(url: string, o: ListOptions, field: 'objects' | 'versions'): Promise<TaxiiPage<T>> {
    const q = new URLSearchParams();
    if (o.addedAfter) q.set('added_after', o.addedAfter);
    if (o.limit) q.set('limit', String(o.limit));
    for (const [k, v] of Object.entries(o.match ?? {})) {
      if (v !== undefined) q.set(`match[${k}]`, Array.isArray(v) ? v.join(',') : v);
    }
    if (o.next) q.set('next', o.next);
    const res = await this.request(`${url}${q.size > 0 ? `?${q}` : ''}`);
    const body = parseJsonBody(await res.text(), `the page from ${url}`) as {
      more?: boolean;
      next?: string;
    } & Record<string, unknown>;
    const page: TaxiiPage<T> = { items: (body[field] as T[] | undefined) ?? [], more: body.more === true };
    if (body.next) page.next = body.next;
    const first = res.headers.get('x-taxii-date-added-first');
    const last = res.headers.get('x-taxii-date-added-last');
    if (first) page.dateAddedFirst = first;
    if (last) page.dateAddedLast = last;
    return page;
  }

  /**
   * Every page of a collection's objects. Follows `next`; a server that says `more` without
   * a `next` is walked on with added_after set to the last page's X-TAXII-Date-Added-Last.
   */
  async *pageObjects(
    collectionId: string,
    o: ListOptions = {},
  ): AsyncGenerator<TaxiiPage<Record<string, unknown>>> {
    const url = await this.collectionUrl(collectionId, 'objects/');
    let opts: ListOptions = { ...o };
    for (;;) {
      const page = await this.page<Record<string, unknown>>(url, opts, 'objects');
      yield page;
      if (!page.more) return;
      if (page.next) opts = { ...opts, next: page.next };
      else if (page.dateAddedLast) opts = { ...o, addedAfter: page.dateAddedLast };
      else return;
    }
  }

  async manifest(collectionId: string, o: ListOptions = {}): Promise<TaxiiPage<ManifestRecord>> {
    return this.page(await this.collectionUrl(collectionId, 'manifest/'), o, 'objects');
  }

  async getObject(collectionId: string, objectId: string, o: ListOptions = {}) {
    const url = await this.collectionUrl(collectionId, `objects/${encodeURIComponent(objectId)}/`);
    return this.page<Record<string, unknown>>(url, o, 'objects');
  }

  async versions(collectionId: string, objectId: string, o: ListOptions = {}): Promise<TaxiiPage<string>> {
    const url = await this.collectionUrl(collectionId, `objects/${encodeURIComponent(objectId)}/versions/`);
    return this.page<string>(url, o, 'versions');
  }

  async postObjects(collectionId: string, objects: readonly unknown[]): Promise<TaxiiStatusResource> {
    const res = await this.request(await this.collectionUrl(collectionId, 'objects/'), {
      method: 'POST',
      headers: { 'content-type': TAXII_MEDIA_TYPE },
      body: JSON.stringify({ objects }),
    });
    return (await res.json()) as TaxiiStatusResource;
  }

  async status(statusId: string): Promise<TaxiiStatusResource> {
    return this.json(`${await this.apiRoot()}status/${encodeURIComponent(statusId)}/`);
  }

  /** Polls a status until it is complete, or throws after `timeoutMs`. */
  async waitForStatus(
    statusId: string,
    { intervalMs = 1000, timeoutMs = 60_000 }: { intervalMs?: number; timeoutMs?: number } = {},
  ): Promise<TaxiiStatusResource> {
    const now = this.opts.now ?? Date.now;
    const sleep = this.opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    const deadline = now() + timeoutMs;
    for (;;) {
      const s = await this.status(statusId);
      if (s.status === 'complete') return s;
      if (now() >= deadline) throw new Error(`status ${statusId} still ${s.status} after ${timeoutMs} ms`);
      await sleep(intervalMs);
    }
  }
}
