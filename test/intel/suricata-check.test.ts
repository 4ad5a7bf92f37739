import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkSuricataRules, decodeContent } from '../helpers/suricata-check.js';

// The checker stands in for `suricata -T` where Suricata is not installed: it must refuse what
// Suricata's loader refuses, or a passing feed test means nothing.
const good =
  'alert dns any any -> any any (msg:"ACCORD KZ domain c2.example"; dns.query; dotprefix; content:".c2.example"; nocase; endswith; metadata:accord_id indicator--1; sid:1000001; rev:1;)';

describe('Suricata rule checker', () => {
  test('a rule as the feed writes it passes', () => {
    assert.deepEqual(checkSuricataRules(`# comment\n\n${good}\n`), []);
  });

  test('what Suricata refuses is named, with its line', () => {
    const cases: [string, RegExp][] = [
      [good.replace('dns.query', 'http.host').replace('alert dns', 'alert http'), /http\.host with nocase/],
      [
        good.replace('dns.query', 'http.host').replace('; nocase', '').replace('.c2.example', '.C2.example'),
        /capitals/,
      ],
      [good.replace('.c2.example"', '.c2;x"'), /options|content/],
      [good.replace('.c2.example', '.c2"x'), /double quote/],
      [good.replace('.c2.example', '.c2|3|'), /hex/],
      [good.replace('sid:1000001; ', ''), /no sid/],
      [good.replace('-> any any', '-> 999.1.1.1 any'), /not an address/],
      [good.replace('dns.query; dotprefix; ', 'nocase; '), /nocase must follow a content/],
      [good.replace('alert dns', 'alert dnz'), /unknown protocol/],
    ];
    for (const [rule, want] of cases) {
      const problems = checkSuricataRules(
        `${good}\n${rule}`.replace(/sid:1000001; rev:1;\)$/, 'sid:1000002; rev:1;)'),
      );
      assert.ok(problems.length > 0, `not refused: ${rule}`);
      assert.equal(problems[0]!.line, 2);
      assert.match(problems.map((p) => p.message).join('; '), want, rule);
    }
    assert.match(checkSuricataRules(`${good}\n${good}`)[0]!.message, /sid 1000001 is used twice/);
  });

  test('content bytes: hex runs and escapes', () => {
    assert.deepEqual(decodeContent('"a|3B 3a|\\;"'), { bytes: [0x61, 0x3b, 0x3a, 0x3b] });
    assert.ok('error' in decodeContent('"a\\x"'));
  });
});
