import type { ReactNode } from 'react';
import { navigate } from '../lib/router.js';

/** An ordinary link (opens in a new tab with the usual keys) that navigates in place on a plain click. */
export function Link({ to, children, className }: { to: string; children: ReactNode; className?: string }) {
  return (
    <a
      href={to}
      className={className}
      onClick={(e) => {
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}

export const objectPath = (id: string) => `/objects/${encodeURIComponent(id)}`;
