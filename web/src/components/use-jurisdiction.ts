import { useEffect, useState } from 'react';
import type { JurisdictionAnswer } from '../../../src/http/contract/feeds.js';
import { api } from '../lib/api.js';

/** The one Party the values fall under by jurisdiction (/api/v1/jurisdiction), or null. */
export function useJurisdictionProposal(values: readonly string[]): string | null {
  const [party, setParty] = useState<string | null>(null);
  const key = values.join('\n');
  useEffect(() => {
    const list = key.split('\n').filter(Boolean);
    if (list.length === 0) {
      setParty(null);
      return;
    }
    const ctl = new AbortController();
    // Asked once typing pauses, not on every key.
    const timer = setTimeout(() => {
      const hosts = list.map((v) => v.replace(/^[a-z][a-z0-9+.-]*:\/\/([^/:]+).*$/i, '$1'));
      api<JurisdictionAnswer>('/jurisdiction', {
        method: 'POST',
        body: { values: hosts },
        signal: ctl.signal,
      })
        .then((r) => {
          const found = [...new Set(r.items.map((i) => i.party).filter((p): p is string => p !== null))];
          setParty(found.length === 1 ? found[0]! : null);
        })
        .catch(() => setParty(null));
    }, 400);
    return () => {
      clearTimeout(timer);
      ctl.abort();
    };
  }, [key]);
  return party;
}
