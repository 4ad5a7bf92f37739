import { AccordError } from '../errors.js';

/**
 * SQLite's "database is locked" once busy_timeout has run out: another process held the
 * write lock all that time (an all-or-nothing import of a large bundle does). Not a defect
 * and not the caller's mistake: the store is busy, and the same request may succeed later.
 */
export function storeBusy(e: unknown): AccordError | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_BUSY')) return undefined;
  return new AccordError(
    'ACCORD_UNAVAILABLE',
    'the store is busy: another process has held its write lock for more than 5 s (a large import?); try again when it is done',
  );
}
