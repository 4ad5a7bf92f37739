import { type ReactNode, useEffect, useRef } from 'react';
import { ErrorBox } from './ErrorBox.js';

/**
 * Where a form says how its write went: the error in words, or what was done. Focus moves
 * here with each new outcome (`round`), so a screen reader reads it and the keyboard is there.
 */
export function Outcome({
  round,
  error,
  detail,
  children,
}: {
  round: number;
  error: unknown;
  /** What more there is to say about the error, such as each problem of a refused file. */
  detail?: ReactNode;
  children?: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (round > 0) ref.current?.focus();
  }, [round]);
  return (
    <div ref={ref} tabIndex={-1} className="outcome">
      {error !== undefined && <ErrorBox error={error} />}
      {error !== undefined && detail}
      {error === undefined && children && (
        <div className="ok" role="status">
          {children}
        </div>
      )}
    </div>
  );
}
