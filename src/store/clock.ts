/**
 * TAXII's date_added must be unique and increasing with microsecond precision. The wall
 * clock gives milliseconds and may step back, so this keeps its own high-water mark and
 * hands out the next free microsecond. Alone it is right for one process; several processes
 * on one PostgreSQL each raise it to the database's view before stamping (lockIngest).
 */
export class DateAddedClock {
  private last: number;

  constructor(highWater = 0) {
    this.last = highWater;
  }

  next(): number {
    const now = Date.now() * 1000;
    this.last = now > this.last ? now : this.last + 1;
    return this.last;
  }

  /**
   * Never go below what is already stored, whatever the clock says after a restart or in
   * another process; on PostgreSQL the database's clock and highest stamp are observed under
   * the ingest lock (objects-writer.ts, lockIngest).
   */
  observe(value: number): void {
    if (value > this.last) this.last = value;
  }
}

/** `1700000000123456` → `2023-11-14T22:13:20.123456Z`, the form TAXII prints. */
export function microsToIso(us: number): string {
  const ms = Math.floor(us / 1000);
  const micro = String(us % 1000).padStart(3, '0');
  return `${new Date(ms).toISOString().slice(0, 23)}${micro}Z`;
}

/** The inverse of microsToIso for any RFC 3339 UTC timestamp; undefined when not one. */
export function isoToMicros(iso: string): number | undefined {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?Z$/.exec(iso);
  if (!m) return undefined;
  const ms = Date.parse(`${m[1]}Z`);
  if (Number.isNaN(ms)) return undefined;
  const frac = (m[2] ?? '').padEnd(6, '0').slice(0, 6);
  return ms * 1000 + Number(frac);
}
