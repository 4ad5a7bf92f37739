// MATCHES must not let one hostile pattern stall the node. Two defences, both pure JS
// (re2 would need a native build): expressions whose structure backtracks exponentially —
// an unbounded quantifier inside a repeated group, as in (a+)+ or (.*,)* — are refused when
// the pattern is checked; every other expression that repeats a group, uses a
// backreference or has several unbounded quantifiers runs under node:vm with a time limit.
// The rest (at most one unbounded quantifier, no repeated groups) cannot backtrack worse
// than quadratically and runs directly on inputs up to DIRECT_LIMIT characters.

import vm from 'node:vm';
import { LIMITS } from '../limits.js';
import { RegexProblem, translatePcre } from './regex-translate.js';

export const REGEX_TIME_LIMIT_MS = LIMITS.regexTestMs;
const DIRECT_LIMIT = 16_384;

interface Shape {
  /** Offset in the JS source of a repeated group holding an unbounded quantifier. */
  nested?: number;
  risky: boolean;
}

/** Reads the translated (well-formed, u-mode) source and finds repeated groups. */
function shape(src: string, backrefs: boolean): Shape {
  const stack: { start: number; unbounded: boolean; alternation: boolean }[] = [
    { start: 0, unbounded: false, alternation: false },
  ];
  let unboundedCount = 0;
  let repeatedGroup = false;
  let nested: number | undefined;
  let lastGroup: { start: number; unbounded: boolean; alternation: boolean } | undefined;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    let justClosed: typeof lastGroup;
    if (c === '\\') {
      const m = /^\\(?:u\{[0-9a-f]+\}|k<\w+>|c[A-Za-z]|.)/.exec(src.slice(i));
      i += m![0].length - 1;
    } else if (c === '[') {
      for (i++; i < src.length && src[i] !== ']'; i++) if (src[i] === '\\') i++;
    } else if (c === '(') {
      stack.push({ start: i, unbounded: false, alternation: false });
      continue;
    } else if (c === ')') {
      justClosed = stack.pop();
      const parent = stack.at(-1)!;
      if (justClosed?.unbounded) parent.unbounded = true;
    } else if (c === '|') {
      stack.at(-1)!.alternation = true;
      continue;
    }
    const q = /^(?:[*+]|\?|\{(\d+)(?:,(\d*))?\})/.exec(src.slice(i + 1));
    if (!q) continue;
    const unbounded = q[0] === '*' || q[0] === '+' || (q[2] === '' && q[1] !== undefined);
    const repeats = q[0] !== '?' && !(q[1] !== undefined && q[2] === undefined && Number(q[1]) <= 1);
    if (unbounded) {
      unboundedCount++;
      stack.at(-1)!.unbounded = true;
    }
    if (justClosed && repeats) {
      repeatedGroup = true;
      if (justClosed.unbounded && nested === undefined) nested = justClosed.start;
    }
    i += q[0].length;
  }
  return { nested, risky: backrefs || repeatedGroup || unboundedCount > 1 };
}

export interface CompiledRegex {
  /** True or false; undefined when the time limit stopped the match. */
  test(value: string): boolean | undefined;
}

export type RegexCompileResult =
  | { ok: true; regex: CompiledRegex }
  | { ok: false; message: string; index: number };

let sandbox: vm.Context | undefined;
let runner: vm.Script | undefined;

function guarded(re: RegExp, value: string): boolean | undefined {
  sandbox ??= vm.createContext({ re: null, s: '' });
  runner ??= new vm.Script('re.test(s)');
  sandbox.re = re;
  sandbox.s = value;
  try {
    return runner.runInContext(sandbox, { timeout: REGEX_TIME_LIMIT_MS }) as boolean;
  } catch {
    return undefined;
  } finally {
    sandbox.re = null;
    sandbox.s = '';
  }
}

const cache = new Map<string, RegexCompileResult>();

/** Translates, checks and compiles a PCRE expression for MATCHES; results are cached. */
export function compileRegex(pcre: string): RegexCompileResult {
  const hit = cache.get(pcre);
  if (hit) return hit;
  const result = compileUncached(pcre);
  if (cache.size > 1000) cache.clear();
  cache.set(pcre, result);
  return result;
}

function compileUncached(pcre: string): RegexCompileResult {
  let translated: ReturnType<typeof translatePcre>;
  try {
    translated = translatePcre(pcre);
  } catch (e) {
    if (e instanceof RegexProblem) return { ok: false, message: e.message, index: e.index };
    throw e;
  }
  let re: RegExp;
  try {
    re = new RegExp(translated.source, translated.flags);
  } catch (e) {
    const detail = (e as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /, '');
    return { ok: false, message: `not a valid regular expression: ${detail}`, index: 0 };
  }
  const s = shape(translated.source, translated.backrefs);
  if (s.nested !== undefined) {
    return {
      ok: false,
      message:
        'a repeated group containing an unbounded quantifier, such as (a+)+, can take exponential time; rewrite it without the nesting',
      index: 0,
    };
  }
  const regex: CompiledRegex = s.risky
    ? { test: (v) => guarded(re, v) }
    : { test: (v) => (v.length <= DIRECT_LIMIT ? re.test(v) : guarded(re, v)) };
  return { ok: true, regex };
}
