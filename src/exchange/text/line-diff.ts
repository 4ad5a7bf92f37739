// A line diff for comparing two revisions of a draft side by side: the longest common
// subsequence of lines, kept lines paired with their numbers on both sides.

import { AccordError } from '../../errors.js';

export interface DiffLine {
  kind: 'same' | 'removed' | 'added';
  /** 1-based line number in the earlier text (absent for an added line). */
  fromLine?: number;
  /** 1-based line number in the later text (absent for a removed line). */
  toLine?: number;
  text: string;
}

// The table is lines(a) × lines(b); this bounds it to some tens of megabytes.
const MAX_CELLS = 25_000_000;

export function lineDiff(a: string, b: string): DiffLine[] {
  const x = a.split('\n');
  const y = b.split('\n');
  // Common head and tail need no table.
  let head = 0;
  while (head < x.length && head < y.length && x[head] === y[head]) head++;
  let tail = 0;
  while (
    tail < x.length - head &&
    tail < y.length - head &&
    x[x.length - 1 - tail] === y[y.length - 1 - tail]
  )
    tail++;
  const xs = x.slice(head, x.length - tail);
  const ys = y.slice(head, y.length - tail);
  if ((xs.length + 1) * (ys.length + 1) > MAX_CELLS) {
    throw new AccordError(
      'ACCORD_VALIDATION',
      `the revisions differ in ${xs.length} and ${ys.length} lines; compare at most ${MAX_CELLS} line pairs`,
    );
  }
  const w = ys.length + 1;
  const lcs = new Uint32Array((xs.length + 1) * w);
  for (let i = xs.length - 1; i >= 0; i--)
    for (let j = ys.length - 1; j >= 0; j--)
      lcs[i * w + j] =
        xs[i] === ys[j]
          ? lcs[(i + 1) * w + j + 1]! + 1
          : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
  const out: DiffLine[] = [];
  for (let k = 0; k < head; k++) out.push({ kind: 'same', fromLine: k + 1, toLine: k + 1, text: x[k]! });
  let i = 0;
  let j = 0;
  while (i < xs.length || j < ys.length) {
    if (i < xs.length && j < ys.length && xs[i] === ys[j]) {
      out.push({ kind: 'same', fromLine: head + i + 1, toLine: head + j + 1, text: xs[i]! });
      i++;
      j++;
    } else if (i < xs.length && (j === ys.length || lcs[(i + 1) * w + j]! >= lcs[i * w + j + 1]!)) {
      // On a tie the removal comes first, as readers of diffs expect.
      out.push({ kind: 'removed', fromLine: head + i + 1, text: xs[i]! });
      i++;
    } else {
      out.push({ kind: 'added', toLine: head + j + 1, text: ys[j]! });
      j++;
    }
  }
  for (let k = 0; k < tail; k++)
    out.push({
      kind: 'same',
      fromLine: x.length - tail + k + 1,
      toLine: y.length - tail + k + 1,
      text: x[x.length - tail + k]!,
    });
  return out;
}
