import { useState } from 'react';
import { api } from './api.js';
import type { Page } from './exchange-types.js';
import { type Loaded, useApi } from './use-api.js';

export interface Paged<T> extends Loaded<Page<T>> {
  atStart: boolean;
  first(): void;
  next(): void;
}

/**
 * One page of a list route at a time, forward with the API's cursors. `query` holds the
 * filters (without limit and cursor); a change of filters goes back to the first page.
 */
export function usePaged<T>(path: string, query: string, limit = 25): Paged<T> {
  const [state, setState] = useState<{ query: string; cursors: string[] }>({ query, cursors: [] });
  const cursors = state.query === query ? state.cursors : [];
  const cursor = cursors.at(-1);
  const url = `${path}?limit=${limit}${query ? `&${query}` : ''}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
  const loaded = useApi((signal) => api<Page<T>>(url, { signal }), url);
  return {
    ...loaded,
    atStart: cursors.length === 0,
    first: () => setState({ query, cursors: [] }),
    next: () => {
      const n = loaded.data?.next;
      if (n) setState({ query, cursors: [...cursors, n] });
    },
  };
}
