// STIX MATCHES takes a PCRE regular expression; JavaScript's RegExp is close but not equal.
// This rewrites PCRE syntax into a JavaScript (u-flag) source with the same meaning, and
// refuses the constructs that JavaScript cannot honour (possessive quantifiers, atomic
// groups, recursion, conditionals, \G, \K, mid-pattern flags…) rather than matching them
// differently. docs/patterns.md lists every difference.

import { LIMITS } from '../limits.js';
import { cp, HSPACE, literal, NOT_SPACE_IN_CLASS, POSIX, SPACE, VSPACE } from './regex-chars.js';

export class RegexProblem extends Error {
  constructor(
    message: string,
    readonly index: number,
  ) {
    super(message);
  }
}

export interface TranslatedRegex {
  source: string;
  flags: string;
  /** Backreferences or lookarounds: features a linear-time engine could not run. */
  backrefs: boolean;
}

interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
}

class Translator {
  private i = 0;
  private out = '';
  private flags: Flags = { i: false, m: false, s: false };
  private backrefs = false;

  constructor(private readonly src: string) {}

  private fail(message: string, at = this.i): never {
    throw new RegexProblem(message, at);
  }

  translate(): TranslatedRegex {
    this.leadingOptions();
    while (this.i < this.src.length) this.atom();
    let flags = 'u';
    if (this.flags.i) flags += 'i';
    if (this.flags.s) flags += 's';
    return { source: this.out, flags, backrefs: this.backrefs };
  }

  /** (*UTF) verbs and (?ims) groups are accepted only at the very start. */
  private leadingOptions(): void {
    for (;;) {
      const rest = this.src.slice(this.i);
      const verb = /^\(\*(UTF8?|UTF|NO_START_OPT)\)/.exec(rest);
      if (verb) {
        this.i += verb[0].length;
        continue;
      }
      const opt = /^\(\?([ims]+)\)/.exec(rest);
      if (!opt) return;
      for (const f of opt[1]!) this.flags[f as keyof Flags] = true;
      this.i += opt[0].length;
    }
  }

  private atom(): void {
    const ch = this.src[this.i]!;
    if (ch === '\\') {
      this.out += this.escape(false);
      this.quantifier();
      return;
    }
    if (ch === '[') {
      this.out += this.charClass();
      this.quantifier();
      return;
    }
    if (ch === '(') {
      this.group();
      return;
    }
    if (ch === ')') {
      this.out += ')';
      this.i++;
      this.quantifier();
      return;
    }
    if (ch === '*' || ch === '+' || ch === '?') this.fail(`nothing to repeat before '${ch}'`);
    if (ch === '{' && this.counted() !== undefined) this.fail("nothing to repeat before '{'");
    this.i += ch.length;
    if (ch === '.') this.out += this.flags.s ? '[\\s\\S]' : '[^\\n]';
    else if (ch === '$') this.out += this.flags.m ? '(?=\\n|(?![\\s\\S]))' : '(?=\\n?(?![\\s\\S]))';
    else if (ch === '^') this.out += this.flags.m ? '(?:(?<![\\s\\S])|(?<=\\n)(?=[\\s\\S]))' : '^';
    else if (ch === '|') this.out += '|';
    else {
      const full = String.fromCodePoint(this.src.codePointAt(this.i - 1)!);
      this.i += full.length - 1;
      this.out += literal(full, false);
    }
    if (ch !== '|' && ch !== '^' && ch !== '$') this.quantifier();
  }

  /** `{n}`, `{n,}` or `{n,m}` at the cursor, or undefined when '{' is a literal there (as in PCRE). */
  private counted(): { text: string; min: number; max: number } | undefined {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
    if (!m) return undefined;
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === '' ? Number.POSITIVE_INFINITY : Number(m[3]);
    if (max < min) this.fail(`quantifier {${m[1]}${m[2]}} has its numbers out of order`);
    // Counted repeats compile to copies of the atom; nested ones multiply (a{1000}){1000}.
    if (min > LIMITS.regexRepeat || (max !== Number.POSITIVE_INFINITY && max > LIMITS.regexRepeat))
      this.fail(
        `quantifier ${m[0]} repeats more than ${LIMITS.regexRepeat} times, the most a MATCHES expression may`,
      );
    return { text: m[0], min, max };
  }

  private quantifier(): void {
    const ch = this.src[this.i];
    let text: string | undefined;
    if (ch === '*' || ch === '+' || ch === '?') text = ch;
    else if (ch === '{') text = this.counted()?.text;
    if (text === undefined) return;
    this.i += text.length;
    this.out += text;
    const next = this.src[this.i];
    if (next === '+') this.fail('possessive quantifiers (*+, ++, ?+, {n}+) are not supported in JavaScript');
    if (next === '?') {
      this.out += '?';
      this.i++;
    }
    const after = this.src[this.i];
    if (after === '*' || after === '+' || after === '?')
      this.fail(`a quantifier cannot follow another quantifier`);
  }

  private group(): void {
    const rest = this.src.slice(this.i);
    const start = this.i;
    const simple = /^\((?:\?:|\?=|\?!|\?<=|\?<!)/.exec(rest);
    if (simple) {
      this.out += simple[0];
      this.i += simple[0].length;
      return;
    }
    const named = /^\((?:\?P?<([A-Za-z_][A-Za-z0-9_]*)>|\?'([A-Za-z_][A-Za-z0-9_]*)')/.exec(rest);
    if (named) {
      this.out += `(?<${named[1] ?? named[2]}>`;
      this.i += named[0].length;
      return;
    }
    const backref = /^\(\?P=([A-Za-z_][A-Za-z0-9_]*)\)/.exec(rest);
    if (backref) {
      this.backrefs = true;
      this.out += `\\k<${backref[1]}>`;
      this.i += backref[0].length;
      this.quantifier();
      return;
    }
    const comment = /^\(\?#[^)]*\)/.exec(rest);
    if (comment) {
      this.i += comment[0].length;
      return;
    }
    if (rest.startsWith('(?>')) this.fail('atomic groups (?>…) are not supported in JavaScript', start);
    if (rest.startsWith('(?|')) this.fail('branch-reset groups (?|…) are not supported in JavaScript', start);
    if (rest.startsWith('(?('))
      this.fail('conditional groups (?(…)…) are not supported in JavaScript', start);
    if (/^\(\?(?:R|[+-]?\d|&|P>)/.test(rest))
      this.fail('recursion and subroutine calls are not supported', start);
    if (/^\(\?[imsxnJU^-]*[:)]/.test(rest)) {
      this.fail('option settings such as (?i) are supported only at the very start of the expression', start);
    }
    if (rest.startsWith('(*')) this.fail('backtracking control verbs (*…) are not supported', start);
    if (rest.startsWith('(?')) this.fail(`unknown group syntax '${rest.slice(0, 3)}'`, start);
    this.out += '(';
    this.i++;
  }

  private charClass(): string {
    const start = this.i;
    this.i++;
    let negate = false;
    if (this.src[this.i] === '^') {
      negate = true;
      this.i++;
    }
    type Item = { kind: 'char' | 'set'; js: string } | { kind: 'dash' };
    const items: Item[] = [];
    let first = true;
    for (;;) {
      if (this.i >= this.src.length) this.fail("missing ']' to close a character class", start);
      const ch = this.src[this.i]!;
      if (ch === ']' && !first) {
        this.i++;
        break;
      }
      first = false;
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(this.src.slice(this.i));
      if (posix) {
        const set = POSIX[posix[2]!];
        if (!set) this.fail(`unknown POSIX class [:${posix[2]}:]`);
        if (posix[1]) this.fail('negated POSIX classes [:^…:] are not supported');
        items.push({ kind: 'set', js: set });
        this.i += posix[0].length;
      } else if (ch === '\\') {
        const before = this.i;
        const esc = this.escape(true);
        const isSet =
          /^\\[dDwWpP]/.test(esc) ||
          [SPACE, NOT_SPACE_IN_CLASS, HSPACE, VSPACE].includes(esc) ||
          (this.src[before + 1] === 'Q' && esc.length !== 1);
        items.push({ kind: isSet ? 'set' : 'char', js: esc });
      } else if (ch === '-') {
        items.push({ kind: 'dash' });
        this.i++;
      } else {
        const full = String.fromCodePoint(this.src.codePointAt(this.i)!);
        items.push({ kind: 'char', js: literal(full, true) });
        this.i += full.length;
      }
    }
    let body = '';
    items.forEach((item, k) => {
      if (item.kind !== 'dash') body += item.js;
      else {
        const range = items[k - 1]?.kind === 'char' && items[k + 1]?.kind === 'char' && k > 0;
        body += range ? '-' : '\\-';
      }
    });
    return `[${negate ? '^' : ''}${body}]`;
  }

  /** Translates the escape at the cursor (which is at the backslash). */
  private escape(inClass: boolean): string {
    const at = this.i;
    const c = this.src[this.i + 1];
    if (c === undefined) this.fail('a pattern cannot end with a backslash', at);
    this.i += 2;
    switch (c) {
      case 'd':
      case 'D':
      case 'w':
      case 'W':
      case 'n':
      case 'r':
      case 't':
      case 'f':
        return `\\${c}`;
      case 'b':
        return inClass ? '\\x08' : '\\b';
      case 'B':
        if (inClass) this.fail('\\B is not allowed in a character class', at);
        return '\\B';
      case 's':
        return inClass ? SPACE : `[${SPACE}]`;
      case 'S':
        return inClass ? NOT_SPACE_IN_CLASS : `[^${SPACE}]`;
      case 'h':
        return inClass ? HSPACE : `[${HSPACE}]`;
      case 'v':
        return inClass ? VSPACE : `[${VSPACE}]`;
      case 'H':
      case 'V':
      case 'N':
      case 'R':
        if (inClass) this.fail(`\\${c} is not allowed in a character class`, at);
        if (c === 'H') return `[^${HSPACE}]`;
        if (c === 'V') return `[^${VSPACE}]`;
        if (c === 'N') return '[^\\n]';
        return `(?:\\r\\n|[${VSPACE}])`;
      case 'A':
        return '(?<![\\s\\S])';
      case 'z':
        return '(?![\\s\\S])';
      case 'Z':
        return '(?=\\n?(?![\\s\\S]))';
      case 'e':
        return '\\x1b';
      case 'a':
        return '\\x07';
      case 'c': {
        const l = this.src[this.i];
        if (!l || !/[A-Za-z]/.test(l)) this.fail('\\c must be followed by a letter', at);
        this.i++;
        return `\\c${l}`;
      }
      case 'x': {
        const braced = /^\{([0-9A-Fa-f]+)\}/.exec(this.src.slice(this.i));
        if (braced) {
          this.i += braced[0].length;
          const v = Number.parseInt(braced[1]!, 16);
          if (v > 0x10ffff) this.fail('character code above U+10FFFF', at);
          return cp(v);
        }
        const hex = /^[0-9A-Fa-f]{0,2}/.exec(this.src.slice(this.i))![0];
        this.i += hex.length;
        return cp(hex ? Number.parseInt(hex, 16) : 0);
      }
      case 'o': {
        const m = /^\{([0-7]+)\}/.exec(this.src.slice(this.i));
        if (!m) this.fail('\\o must be followed by {octal digits}', at);
        this.i += m[0].length;
        return cp(Number.parseInt(m[1]!, 8));
      }
      case '0': {
        const oct = /^[0-7]{0,2}/.exec(this.src.slice(this.i))![0];
        this.i += oct.length;
        return cp(Number.parseInt(`0${oct}`, 8));
      }
      case 'p':
      case 'P':
        return this.property(c, at);
      case 'Q': {
        const end = this.src.indexOf('\\E', this.i);
        const text = end < 0 ? this.src.slice(this.i) : this.src.slice(this.i, end);
        this.i = end < 0 ? this.src.length : end + 2;
        return Array.from(text, (ch) => literal(ch, inClass)).join('');
      }
      case 'E':
        return '';
      case 'g':
      case 'k':
        if (inClass) this.fail(`\\${c} is not allowed in a character class`, at);
        return this.backreference(c, at);
    }
    if (/[1-9]/.test(c)) {
      // PCRE: \1-\9 and any number up to the group count are backreferences; a larger
      // number that starts with octal digits is an octal character code.
      const digits = c + /^[0-9]*/.exec(this.src.slice(this.i))![0];
      if (inClass || (digits.length > 1 && Number(digits) > this.groupCount())) {
        const oct = /^[0-7]{1,3}/.exec(digits)?.[0];
        if (!oct) this.fail(`\\${digits} is neither a backreference nor an octal code`, at);
        this.i += oct.length - 1;
        return cp(Number.parseInt(oct, 8));
      }
      this.i += digits.length - 1;
      this.backrefs = true;
      return `\\${digits}`;
    }
    if (/[A-Za-z0-9]/.test(c)) this.fail(`unsupported escape \\${c}`, at);
    const full = String.fromCodePoint(this.src.codePointAt(this.i - 1)!);
    this.i += full.length - 1;
    return literal(full, inClass);
  }

  private groupCount(): number {
    const plain = this.src.replace(/\\./g, '').replace(/\[(?:[^\]\\]|\\.)*\]/g, '');
    return (plain.match(/\((?!\?)|\(\?P?<[A-Za-z_]|\(\?'/g) ?? []).length;
  }

  private property(c: string, at: number): string {
    const m = /^(?:\{(\^?)([A-Za-z_ &=]+)\}|([A-Za-z]))/.exec(this.src.slice(this.i));
    if (!m) this.fail(`\\${c} must be followed by a property name`, at);
    this.i += m[0].length;
    const negate = (c === 'P') !== (m[1] === '^');
    const name = (m[2] ?? m[3]!).replace(/[ _]/g, '');
    const p = negate ? 'P' : 'p';
    for (const candidate of [name, `Script=${name}`]) {
      try {
        new RegExp(`\\${p}{${candidate}}`, 'u');
        return `\\${p}{${candidate}}`;
      } catch {
        // try the next spelling
      }
    }
    return this.fail(`unknown Unicode property '${name}'`, at);
  }

  private backreference(c: string, at: number): string {
    const m = /^(?:\{(-?\d+|[A-Za-z_]\w*)\}|<([A-Za-z_]\w*)>|'([A-Za-z_]\w*)'|(\d+))/.exec(
      this.src.slice(this.i),
    );
    if (!m) this.fail(`\\${c} must be followed by a group number or name`, at);
    this.i += m[0].length;
    const ref = m[1] ?? m[2] ?? m[3] ?? m[4]!;
    if (ref.startsWith('-')) this.fail('relative backreferences \\g{-n} are not supported', at);
    this.backrefs = true;
    return /^\d+$/.test(ref) ? `\\${ref}` : `\\k<${ref}>`;
  }
}

/** Translates a PCRE expression; throws RegexProblem with the index in the expression. */
export function translatePcre(pcre: string): TranslatedRegex {
  if (pcre.length > LIMITS.regexChars) {
    throw new RegexProblem(
      `a MATCHES expression may have at most ${LIMITS.regexChars} characters, this one has ${pcre.length}`,
      LIMITS.regexChars,
    );
  }
  return new Translator(pcre).translate();
}
