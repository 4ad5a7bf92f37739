// How tokens read in messages, and number tokens as canonical constants: shared by the parser
// and its error messages.

import type { NumberConstant } from './ast.js';
import type { Token } from './lexer.js';

const freeze = Object.freeze;

export function describe(t: Token): string {
  if (t.type === 'eof') return 'the end of the pattern';
  if (t.type === 'string') return t.text;
  return `'${t.text}'`;
}

/** Canonical number text: no '+', no superfluous zeros, '-0' read as '0'. */
export function numberConstant(t: Token): NumberConstant {
  let text = t.text.startsWith('+') ? t.text.slice(1) : t.text;
  const neg = text.startsWith('-');
  if (neg) text = text.slice(1);
  if (t.type === 'float') {
    const dot = text.indexOf('.');
    const whole = text.slice(0, dot).replace(/^0+/, '') || '0';
    const frac = text.slice(dot + 1).replace(/0+$/, '') || '0';
    text = `${whole}.${frac}`;
  }
  const value = Number(text);
  const canonical = neg && value !== 0 ? `-${text}` : text;
  return freeze({
    kind: t.type === 'float' ? 'float' : 'int',
    value: value === 0 ? 0 : neg ? -value : value,
    text: canonical,
  });
}
