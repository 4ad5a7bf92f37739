// The files of a MISP feed as text, written as the pieces of misp-feed-service.ts come: a
// manifest entry or a hashes.csv line per event as soon as it is made, and a loose event's
// attributes as their pages come, its stamp after them (MISP reads keys in any order).

import { createHash } from 'node:crypto';
import { attributeValues, eventAttributeValues, manifestEntry } from './misp-event-values.js';
import type { MispFeedPiece } from './misp-feed-service.js';

type Json = Record<string, unknown>;

/** manifest.json, a piece at a time: `{`, then an entry for each complete event, then `}`. */
export class ManifestWriter {
  private first = true;
  readonly start = '{';
  readonly end = '\n}\n';
  text(p: MispFeedPiece): string {
    const whole = 'event' in p ? p.event : 'shell' in p ? p.shell : null;
    if (!whole) return '';
    const line = `${this.first ? '\n' : ',\n'}${JSON.stringify(p.uuid)}:${JSON.stringify(manifestEntry(whole))}`;
    this.first = false;
    return line;
  }
}

/** hashes.csv lines of a piece: `md5(value),event uuid`, as MISP's own feed generator writes. */
export function hashLines(p: MispFeedPiece): string {
  const values =
    'event' in p ? attributeValues(p.event) : 'attributes' in p ? eventAttributeValues(p.attributes) : [];
  let out = '';
  for (const v of values) out += `${createHash('md5').update(v).digest('hex')},${p.uuid}\n`;
  return out;
}

/**
 * One event's file, `{"Event": …}`, from its pieces: a whole event as it is; a loose event
 * as its attributes, then the rest of the event once the newest of them is known.
 */
export class EventWriter {
  private open = false;
  text(p: MispFeedPiece): string {
    if ('event' in p) return `${JSON.stringify(p.event, null, 1)}\n`;
    if ('attributes' in p) {
      const list = p.attributes.map((a) => JSON.stringify(a)).join(',\n');
      const text = this.open ? `,\n${list}` : `{"Event":{"Attribute":[\n${list}`;
      this.open = true;
      return text;
    }
    this.open = false;
    return `\n],${JSON.stringify(p.shell.Event as Json).slice(1)}}\n`;
  }
}

export async function* mispManifestText(pieces: AsyncIterable<MispFeedPiece>): AsyncGenerator<string> {
  const w = new ManifestWriter();
  yield w.start;
  for await (const p of pieces) {
    const t = w.text(p);
    if (t) yield t;
  }
  yield w.end;
}

export async function* mispHashesText(pieces: AsyncIterable<MispFeedPiece>): AsyncGenerator<string> {
  for await (const p of pieces) {
    const t = hashLines(p);
    if (t) yield t;
  }
}

export async function* mispEventText(pieces: AsyncIterable<MispFeedPiece>): AsyncGenerator<string> {
  const w = new EventWriter();
  for await (const p of pieces) yield w.text(p);
}
