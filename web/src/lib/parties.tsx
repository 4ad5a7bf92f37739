import { createContext, type ReactNode, useContext } from 'react';
import { api } from './api.js';
import type { AgreementDoc } from './types.js';
import { useApi } from './use-api.js';

// The Parties' names come from the Agreement as data (/api/v1/agreement), in both languages.
const Ctx = createContext<AgreementDoc | undefined>(undefined);

export function AgreementProvider({ children }: { children: ReactNode }) {
  const { data } = useApi((signal) => api<AgreementDoc>('/agreement', { signal }), 'agreement');
  return <Ctx.Provider value={data}>{children}</Ctx.Provider>;
}

export function useAgreementDoc(): AgreementDoc | undefined {
  return useContext(Ctx);
}
