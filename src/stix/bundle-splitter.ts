// Reads a STIX bundle of any size as a stream of bytes and hands back the items of its
// top-level `objects` list one at a time, each parsed on its own; everything else (the
// envelope: type, id, …) is kept and parsed at the end with the list left empty. Memory is
// bounded by the largest single item, not by the document.
//
// Why not a token-level streaming parser from npm: measured on the 100,000-indicator
// bench file, stream-json 3.8's tokenizer alone took twice as long as JSON.parse of the
// whole text, and its README says it is not meant for untrusted input. This scanner only
// frames items (it tracks strings, escapes and nesting, one pass over the bytes); each
// item is then read by the engine's own JSON.parse through secure-json-parse, the same
// reader the HTTP door uses, and checked against the same limits.

import sjson from 'secure-json-parse';
import { AccordError } from '../errors.js';
import { describeSyntaxError } from './json-text.js';
import { assertJsonLimits, LIMITS } from './limits.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const NEWLINE = 0x0a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

function indexOr(chunk: Buffer, byte: number, from: number, none: number): number {
  const at = chunk.indexOf(byte, from);
  return at < 0 ? none : at;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === NEWLINE || c === 0x0d || c === 0x09;
}

export interface SplitterOptions {
  /** What the text is, for messages: a file name or "the request body". */
  what: string;
  /** Largest single item, and largest envelope, in bytes. */
  maxItemBytes?: number;
}

/** The document without its `objects` items, and how many items it had. */
export interface SplitEnvelope {
  /** The parsed envelope; for a bundle its `objects` is an empty list. */
  value: unknown;
  /** Whether a top-level `objects` list was streamed out of it. */
  streamed: boolean;
  items: number;
}

/**
 * Push bytes in with `push` (items found so far come back, parsed and limit-checked), then
 * call `end` for the envelope. Errors are AccordErrors that name the item
 * (`$.objects[i]`) and the line and column in the whole text.
 */
export class BundleSplitter {
  readonly what: string;
  private readonly maxItemBytes: number;
  private depth = 0;
  private inString = false;
  private escaped = false;
  // Top-level keys: whether the next string at depth 1 is a key, and the last key read.
  private expectKey = false;
  private keyParts: number[] | null = null;
  private lastKey = '';
  private objectsSeen = false;
  private inObjects = false;
  // The item being framed: its bytes so far (earlier chunks) and where it began.
  private itemParts: Buffer[] = [];
  private itemBytes = 0;
  private itemOpen = false;
  private itemLine = 1;
  private itemColumn = 1;
  private afterComma = false;
  private envelopeParts: Buffer[] = [];
  private envelopeBytes = 0;
  private line = 1;
  private lineStart = 0; // absolute offset of the current line's first byte
  private offset = 0; // absolute offset of the current chunk's first byte
  private count = 0;

  constructor(opts: SplitterOptions) {
    this.what = opts.what;
    this.maxItemBytes = opts.maxItemBytes ?? LIMITS.bodyBytes;
  }

  /** Items read so far. */
  get items(): number {
    return this.count;
  }

  push(chunk: Buffer): unknown[] {
    const out: unknown[] = [];
    let envelopeFrom = this.inObjects ? -1 : 0;
    let itemFrom = this.itemOpen ? 0 : -1;
    const n = chunk.length;
    // Where the next backslash and newline are (n: none in this chunk), found once and
    // reused, so that the bytes inside strings, most of a bundle, are skipped natively.
    let nextBackslash = -1;
    let nextNewline = -1;
    for (let i = 0; i < n; i++) {
      if (this.inString && !this.escaped && !this.keyParts) {
        if (nextBackslash < i) nextBackslash = indexOr(chunk, BACKSLASH, i, n);
        if (nextNewline < i) nextNewline = indexOr(chunk, NEWLINE, i, n);
        const stop = Math.min(indexOr(chunk, QUOTE, i, n), nextBackslash, nextNewline);
        if (stop >= n) break;
        i = stop;
      }
      const c = chunk[i]!;
      if (c === NEWLINE) {
        this.line++;
        this.lineStart = this.offset + i + 1;
      }
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === BACKSLASH) this.escaped = true;
        else if (c === QUOTE) {
          this.inString = false;
          if (this.keyParts) {
            this.lastKey = Buffer.from(this.keyParts).toString('utf8');
            this.keyParts = null;
          }
        } else if (this.keyParts && this.keyParts.length < 64) this.keyParts.push(c);
        continue;
      }
      if (this.inObjects && this.depth === 2 && !this.itemOpen) {
        // Between items of the objects list.
        if (isSpace(c)) continue;
        if (c === COMMA) {
          if (this.afterComma || this.count === 0) this.fail(i, 'expected a value before this comma');
          this.afterComma = true;
          continue;
        }
        if (c === CLOSE_BRACKET) {
          if (this.afterComma) this.fail(i, "expected a value after the comma, found ']'");
          this.inObjects = false;
          this.depth--;
          envelopeFrom = i; // the envelope reads `[` + `]`: an empty list
          continue;
        }
        if (this.count > 0 && !this.afterComma) this.fail(i, "expected ',' or ']' between objects");
        // A value cannot start with these: say so here, where the text went wrong.
        if (c === CLOSE_BRACE || c === COLON)
          this.fail(i, `expected an object or ']', found '${String.fromCharCode(c)}'`);
        this.itemOpen = true;
        this.afterComma = false;
        this.itemLine = this.line;
        this.itemColumn = this.offset + i - this.lineStart + 1;
        itemFrom = i;
      } else if (this.inObjects && this.depth === 2 && (c === COMMA || c === CLOSE_BRACKET || isSpace(c))) {
        // A scalar item (a number, a string, true…) ends at the first separator after it.
        out.push(this.finishItem(chunk, itemFrom, i));
        itemFrom = -1;
        if (c === COMMA) this.afterComma = true;
        else if (c === CLOSE_BRACKET) {
          this.inObjects = false;
          this.depth--;
          envelopeFrom = i;
        }
        continue;
      }
      if (c === QUOTE) {
        this.inString = true;
        if (this.depth === 1 && this.expectKey && !this.inObjects) this.keyParts = [];
        continue;
      }
      if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        this.depth++;
        // Depth is checked on each parsed object, where the limit error can name its path.
        if (this.depth === 1) this.expectKey = c === OPEN_BRACE;
        else if (this.depth === 2 && c === OPEN_BRACKET && this.lastKey === 'objects' && !this.expectKey) {
          if (this.objectsSeen) this.fail(i, 'the document has two "objects" lists');
          this.objectsSeen = true;
          this.inObjects = true;
          this.afterComma = false;
          this.envelope(chunk, envelopeFrom, i + 1);
          envelopeFrom = -1;
          this.readHead();
        }
        continue;
      }
      if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        this.depth--;
        if (this.inObjects && this.depth === 2 && this.itemOpen) {
          // A container item closed: it ends here.
          out.push(this.finishItem(chunk, itemFrom, i + 1));
          itemFrom = -1;
        }
        continue;
      }
      if (this.depth === 1 && !this.inObjects) {
        if (c === COLON) this.expectKey = false;
        else if (c === COMMA) this.expectKey = true;
      }
    }
    if (this.itemOpen && itemFrom >= 0) this.keepItem(chunk.subarray(itemFrom));
    if (!this.inObjects && envelopeFrom >= 0) this.envelope(chunk, envelopeFrom, n);
    this.offset += n;
    return out;
  }

  /** The envelope, once the whole text has been pushed. */
  end(): SplitEnvelope {
    if (this.inString || this.depth !== 0 || this.inObjects) {
      throw new AccordError(
        'ACCORD_BAD_REQUEST',
        `${this.what} ends at line ${this.line} before the document is complete${
          this.inObjects ? ` (inside its objects list, after ${this.count} objects)` : ''
        }`,
        { line: this.line, items: this.count },
      );
    }
    const text = Buffer.concat(this.envelopeParts).toString('utf8');
    this.envelopeParts = [];
    if (text.trim() === '')
      throw new AccordError('ACCORD_BAD_REQUEST', `${this.what} is empty: expected a JSON document`);
    let value: unknown;
    try {
      value = sjson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
    } catch (e) {
      const where = describeSyntaxError(text);
      // Positions in the envelope are exact before the objects list; after it they are not.
      throw new AccordError(
        'ACCORD_BAD_REQUEST',
        where
          ? `${this.what} is not valid JSON${this.objectsSeen ? ' outside its objects list' : ` at line ${where.line}, column ${where.column}`}: ${where.reason}`
          : `${this.what} is not acceptable JSON: ${(e as Error).message}`,
      );
    }
    assertJsonLimits(value, { what: this.what });
    return { value, streamed: this.objectsSeen, items: this.count };
  }

  /**
   * The envelope's properties written before its objects list (type, id, spec_version…), known
   * once the list opens; undefined before that, or when they are not valid JSON (which `end`
   * reports).
   */
  head: Record<string, unknown> | undefined;

  private readHead(): void {
    try {
      const value = sjson.parse(`${Buffer.concat(this.envelopeParts).toString('utf8')}]}`, undefined, {
        protoAction: 'error',
        constructorAction: 'error',
      });
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) this.head = value;
    } catch {
      this.head = undefined;
    }
  }

  private envelope(chunk: Buffer, from: number, to: number): void {
    if (from < 0 || to <= from) return;
    this.envelopeBytes += to - from;
    if (this.envelopeBytes > this.maxItemBytes) {
      throw new AccordError(
        'ACCORD_LIMIT_EXCEEDED',
        `${this.what}: outside a top-level "objects" list a document may hold at most ${this.maxItemBytes} bytes; stream large documents as a bundle`,
      );
    }
    this.envelopeParts.push(chunk.subarray(from, to));
  }

  private keepItem(part: Buffer): void {
    this.itemBytes += part.length;
    if (this.itemBytes > this.maxItemBytes) {
      throw new AccordError(
        'ACCORD_LIMIT_EXCEEDED',
        `${this.what}: $.objects[${this.count}] (line ${this.itemLine}) is larger than ${this.maxItemBytes} bytes, the most one object may take`,
        { index: this.count, line: this.itemLine },
      );
    }
    // Copied: a stream may reuse the chunk's memory after handing it over.
    this.itemParts.push(Buffer.from(part));
  }

  private finishItem(chunk: Buffer, from: number, to: number): unknown {
    let text: string;
    if (this.itemParts.length === 0) {
      if (to - from > this.maxItemBytes) this.keepItem(chunk.subarray(from, to));
      text = chunk.toString('utf8', from, to);
    } else {
      this.keepItem(chunk.subarray(Math.max(from, 0), to));
      text = Buffer.concat(this.itemParts).toString('utf8');
    }
    this.itemParts = [];
    this.itemBytes = 0;
    this.itemOpen = false;
    const index = this.count++;
    const path = `$.objects[${index}]`;
    let value: unknown;
    try {
      value = sjson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
    } catch (e) {
      const where = describeSyntaxError(text);
      const line = where ? this.itemLine + where.line - 1 : this.itemLine;
      const column = where
        ? where.line === 1
          ? this.itemColumn + where.column - 1
          : where.column
        : this.itemColumn;
      throw new AccordError(
        'ACCORD_BAD_REQUEST',
        `${this.what}: ${path} is not valid JSON at line ${line}, column ${column}: ${where?.reason ?? (e as Error).message}`,
        { index, path, line, column },
      );
    }
    assertJsonLimits(value, { path, depth: 2, topLevelListsFree: false, what: this.what });
    return value;
  }

  private fail(i: number, reason: string): never {
    const column = this.offset + i - this.lineStart + 1;
    throw new AccordError(
      'ACCORD_BAD_REQUEST',
      `${this.what} is not valid JSON at line ${this.line}, column ${column}: ${reason}`,
      { line: this.line, column, offset: this.offset + i },
    );
  }
}
