import { useCallback, useState } from 'react';

export interface Submit<T> {
  busy: boolean;
  error: unknown;
  result: T | undefined;
  /** Counts the outcomes, so the form can move focus to each new one. */
  round: number;
  run(work: () => Promise<T>): Promise<T | undefined>;
  fail(error: unknown): void;
}

/** The state of a form's one write: busy while it runs, then its result or its error. */
export function useSubmit<T>(): Submit<T> {
  const [state, setState] = useState<{ busy: boolean; error: unknown; result: T | undefined; round: number }>(
    { busy: false, error: undefined, result: undefined, round: 0 },
  );
  const fail = useCallback(
    (error: unknown) => setState((s) => ({ busy: false, error, result: undefined, round: s.round + 1 })),
    [],
  );
  const run = useCallback(
    async (work: () => Promise<T>) => {
      setState((s) => ({ ...s, busy: true, error: undefined, result: undefined }));
      try {
        const result = await work();
        setState((s) => ({ busy: false, error: undefined, result, round: s.round + 1 }));
        return result;
      } catch (error) {
        fail(error);
        return undefined;
      }
    },
    [fail],
  );
  return { ...state, run, fail };
}
