import { useEffect, useState } from 'react';

// A few lines of History API routing: the node answers every console path with index.html.

const EVENT = 'accord:navigate';

export function navigate(path: string): void {
  if (path === location.pathname + location.search) return;
  history.pushState(null, '', path);
  window.dispatchEvent(new Event(EVENT));
}

const read = () => ({ path: location.pathname, query: new URLSearchParams(location.search) });

export function useLocation(): { path: string; query: URLSearchParams } {
  const [loc, setLoc] = useState(read);
  useEffect(() => {
    const update = () => setLoc(read());
    window.addEventListener('popstate', update);
    window.addEventListener(EVENT, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(EVENT, update);
    };
  }, []);
  return loc;
}
