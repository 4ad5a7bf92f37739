// A peer that keeps refusing (a Party for which the Agreement is not in force) is retried for
// as long as the node runs: the log says so once, again when the failure changes, and when the
// exchange works again, rather than a warning with a stack on every attempt.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { pino } from 'pino';
import { FailureReports } from '../../src/federation/peering/failure-reports.js';
import { PeerError } from '../../src/federation/peering/peer-client.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l));
      done();
    },
  });
  return { lines, log: pino({ level: 'debug' }, sink) };
}

const refused = () =>
  new PeerError(
    403,
    'accord-by answered 403 ACCORD_FORBIDDEN: the Agreement is not in force for AM',
    'not-in-force',
  );

test('a failure is said once, again when it changes, and its end is said', async () => {
  const { lines, log } = capture();
  const reports = new FailureReports(log);
  for (let attempt = 1; attempt <= 5; attempt++) reports.failed('push to accord-by', refused(), attempt);
  reports.failed('pull from accord-by', refused());
  reports.failed(
    'push to accord-by',
    new PeerError(0, 'accord-by is unreachable: ECONNREFUSED', 'unreachable'),
    6,
  );
  reports.succeeded('push to accord-by');
  reports.succeeded('push to accord-by');
  await new Promise((r) => setImmediate(r));

  const at = (level: number) => lines.filter((l) => l.level === level).map((l) => l.msg);
  assert.deepEqual(at(40), [
    'push to accord-by failed: accord-by answered 403 ACCORD_FORBIDDEN: the Agreement is not in force for AM (retrying; said again only when the failure changes)',
    'pull from accord-by failed: accord-by answered 403 ACCORD_FORBIDDEN: the Agreement is not in force for AM (retrying; said again only when the failure changes)',
    'push to accord-by failed: accord-by is unreachable: ECONNREFUSED (retrying; said again only when the failure changes)',
  ]);
  assert.equal(at(20).length, 4, 'the repeats are there at debug level');
  assert.deepEqual(at(30), ['push to accord-by works again']);
  const first = lines.find((l) => l.level === 40)!;
  assert.equal(first.state, 'not-in-force');
  assert.equal(first.status, 403);
  assert.equal(first.err, undefined, "a peer's answer carries no stack");

  const bug = new TypeError('x is undefined');
  reports.failed('pull from accord-kg', bug);
  await new Promise((r) => setImmediate(r));
  const last = lines.at(-1)!;
  assert.match(
    String((last.err as { stack?: string }).stack),
    /TypeError: x is undefined/,
    'anything else keeps its stack',
  );
});
