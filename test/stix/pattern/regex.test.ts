import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkPattern } from '../../../src/stix/pattern/index.js';
import { compileRegex } from '../../../src/stix/pattern/regex-guard.js';
import { translatePcre } from '../../../src/stix/pattern/regex-translate.js';

function test(pcre: string, value: string): boolean | undefined {
  const r = compileRegex(pcre);
  if (!r.ok) assert.fail(`${pcre}: ${r.message}`);
  return r.regex.test(value);
}

function rejects(pcre: string, why: RegExp): void {
  const r = compileRegex(pcre);
  assert.equal(r.ok, false, pcre);
  if (!r.ok) assert.match(r.message, why);
}

describe('PCRE semantics on JavaScript', () => {
  it('escaped punctuation that JavaScript u-mode refuses', () => {
    assert.equal(test('.+\\@example\\.com$', 'boss@example.com'), true);
    assert.equal(test('a\\-b\\#', 'a-b#'), true);
  });

  it('$ matches before a final newline, as in PCRE', () => {
    assert.equal(test('abc$', 'abc\n'), true);
    assert.equal(test('abc$', 'abc\nx'), false);
    assert.equal(test('abc\\z', 'abc\n'), false);
    assert.equal(test('\\Aabc', 'abc'), true);
  });

  it('. matches \\r but not \\n; (?s) makes it match both', () => {
    assert.equal(test('a.b', 'a\rb'), true);
    assert.equal(test('a.b', 'a\nb'), false);
    assert.equal(test('(?s)a.b', 'a\nb'), true);
    assert.equal(test('(?i)ABC', 'abc'), true);
  });

  it('\\s is ASCII white space; \\h and \\v are PCRE classes', () => {
    assert.equal(test('a\\sb', 'a\u00a0b'), false);
    assert.equal(test('a\\Sb', 'a\u00a0b'), true);
    assert.equal(test('a[\\S]b', 'a\u00a0b'), true);
    assert.equal(test('a\\hb', 'a\tb'), true);
    assert.equal(test('a\\vb', 'a\nb'), true);
  });

  it('hex, octal, \\Q…\\E, POSIX classes, named groups, properties', () => {
    assert.equal(test('\\x41\\x{42}\\101', 'ABA'), true);
    assert.equal(test('\\Qa.b*\\E', 'a.b*'), true);
    assert.equal(test('\\Qa.b*\\E', 'axbb'), false);
    assert.equal(test('^[[:alpha:]]+[[:digit:]]$', 'abc1'), true);
    assert.equal(test('(?P<w>ab)(?P=w)', 'abab'), true);
    assert.equal(test('\\p{Cyrillic}', 'привет'), true);
    assert.equal(test('[\\d-z]', '-'), true);
  });

  it('refuses what JavaScript cannot honour', () => {
    rejects('a++', /possessive/);
    rejects('(?>a)', /atomic/);
    rejects('(a)(?1)', /recursion/);
    rejects('a(?i)b', /only at the very start/);
    rejects('\\Ga', /unsupported escape/);
    rejects('a\\K', /unsupported escape/);
    rejects('(?(1)a|b)', /conditional/);
    rejects('[a', /missing '\]'/);
    rejects('a{3,1}', /out of order/);
    rejects('*a', /nothing to repeat/);
  });
});

describe('backtracking guard', () => {
  it('refuses nested unbounded quantifiers', () => {
    rejects('(a+)+$', /exponential/);
    rejects('^(\\w*,)*x', /exponential/);
    rejects('(?:.*a){20}', /exponential/);
  });

  it('accepts bounded nesting', () => {
    assert.equal(test('^(\\d{1,3}\\.){3}\\d{1,3}$', '192.168.0.1'), true);
  });

  it('stops a match that runs too long and reports it undecided', () => {
    const r = compileRegex('^(a|a)*b');
    assert.ok(r.ok);
    if (!r.ok) return;
    const started = Date.now();
    assert.equal(r.regex.test(`${'a'.repeat(40)}c`), undefined);
    assert.ok(Date.now() - started < 2000);
  });

  it('is reported by checkPattern with the position of the string', () => {
    const [e] = checkPattern("[file:name MATCHES '(a+)+']");
    assert.match(e!.message, /invalid regular expression '\(a\+\)\+': .* at 1:19/);
  });

  it('translation keeps simple expressions as they are', () => {
    assert.equal(translatePcre('^abc\\d+').source, '^abc\\d+');
  });
});
