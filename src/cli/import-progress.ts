// Progress of a long import on standard error: on a terminal one line redrawn in place
// (count, rate, share of the file read, time left); elsewhere a plain line every ten
// seconds, so logs of a scripted import show it is moving without filling up.

export interface ProgressSink {
  /** Whether to redraw one line in place. */
  tty: boolean;
  /** Writes text as it is (no newline added). */
  write(text: string): void;
}

const PLAIN_EVERY_MS = 10_000;
const TTY_EVERY_MS = 200;

function duration(secs: number): string {
  if (!Number.isFinite(secs) || secs < 0) return '?';
  const s = Math.round(secs);
  return s >= 3600
    ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`
    : s >= 60
      ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`
      : `${s}s`;
}

/** What one progress line says; `total` is the file's size in bytes when known. */
export function progressText(
  label: string,
  objects: number,
  bytes: number,
  total: number | undefined,
  elapsedMs: number,
): string {
  const secs = elapsedMs / 1000;
  const rate = secs > 0 ? objects / secs : 0;
  const parts = [
    `${label}: ${objects.toLocaleString('en')} objects`,
    `${Math.round(rate).toLocaleString('en')}/s`,
  ];
  if (total && total > 0) {
    const share = Math.min(1, bytes / total);
    parts.push(`${(share * 100).toFixed(1)}%`);
    if (share > 0) parts.push(`ETA ${duration((secs / share) * (1 - share))}`);
  }
  return parts.join(', ');
}

export function importProgress(
  sink: ProgressSink,
  label: string,
  total: number | undefined,
  now: () => number = Date.now,
) {
  const started = now();
  let last = started;
  let drawn = false;
  return {
    update(p: { objects: number; bytes: number }): void {
      const t = now();
      if (t - last < (sink.tty ? TTY_EVERY_MS : PLAIN_EVERY_MS)) return;
      last = t;
      const line = progressText(label, p.objects, p.bytes, total, t - started);
      if (sink.tty) {
        sink.write(`\r\x1b[2K${line}`);
        drawn = true;
      } else sink.write(`${line}\n`);
    },
    /** Clears the redrawn line before the result is printed. */
    done(): void {
      if (drawn) sink.write('\r\x1b[2K');
    },
  };
}
