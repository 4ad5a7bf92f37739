// Writes a STIX bundle of N indicators to a file, streamed, for measuring `accord import` on
// bundles too large to build in memory (docs/performance.md, "One bundle of 1,000,000"):
//   node --import tsx bench/write-bundle.ts /tmp/b1m.json 1000000
import { createWriteStream } from 'node:fs';
import { benchIndicator, scatteredIp } from './fill-indicators.js';

const [file, count] = process.argv.slice(2);
if (!file) throw new Error('usage: bench/write-bundle.ts FILE [COUNT]');
const n = Number(count ?? 1_000_000);
const out = createWriteStream(file);
const write = (s: string) => new Promise<void>((done) => (out.write(s) ? done() : out.once('drain', done)));

await write('{"type":"bundle","id":"bundle--00000000-0000-4000-8000-000000000001","objects":[');
let buffered = '';
for (let i = 0; i < n; i++) {
  buffered += `${i > 0 ? ',' : ''}${JSON.stringify(benchIndicator(i, scatteredIp(i)))}`;
  if (buffered.length > 1 << 20) {
    await write(buffered);
    buffered = '';
  }
}
await write(`${buffered}]}`);
out.end();
