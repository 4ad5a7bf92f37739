// Writes a STIX bundle of N indicators to a file, streamed, for measuring `accord import` on
// bundles too large to build in memory (docs/performance.md, "One bundle of 1,000,000"):
//   node --import tsx bench/write-bundle.ts /tmp/b1m.json 1000000
import { createWriteStream } from 'node:fs';
import { scatteredIp } from './fill-indicators.js';

const [file, count] = process.argv.slice(2);
if (!file) throw new Error('usage: bench/write-bundle.ts FILE [COUNT]');
const n = Number(count ?? 1_000_000);
const out = createWriteStream(file);
const write = (s: string) => new Promise<void>((done) => (out.write(s) ? done() : out.once('drain', done)));

await write('{"type":"bundle","id":"bundle--00000000-0000-4000-8000-000000000001","objects":[');
let buffered = '';
for (let i = 0; i < n; i++) {
  const hex = i.toString(16).padStart(12, '0');
  buffered += `${i > 0 ? ',' : ''}${JSON.stringify({
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--${hex.slice(0, 8)}-0000-4000-8000-${hex}`,
    created: '2024-05-01T10:00:00.000Z',
    modified: '2024-05-01T10:00:00.000Z',
    name: `C2 ${i}`,
    indicator_types: ['malicious-activity'],
    pattern: `[ipv4-addr:value = '${scatteredIp(i)}']`,
    pattern_type: 'stix',
    valid_from: '2024-05-01T10:00:00Z',
  })}`;
  if (buffered.length > 1 << 20) {
    await write(buffered);
    buffered = '';
  }
}
await write(`${buffered}]}`);
out.end();
