// Child process of memory.bench.ts: opens a node on the given store as `accord serve` would
// (HTTP app, observable index built), answers one lookup, and prints its resident memory.
import { buildApp } from '../src/http/app.js';
import { observableIndexOf } from '../src/intel/index-build.js';
import { lookupValues } from '../src/intel/lookup-service.js';
import { partyAudience } from '../src/node/disclosure.js';
import { openNode } from '../src/node/node.js';

const [data, db] = process.argv.slice(2) as [string, string];
const node = await openNode({ data, db });
const app = await buildApp(node);
await app.ready();
await lookupValues(node, partyAudience(node.settings.party), ['10.0.0.1', 'evil.example']);
(globalThis as { gc?: () => void }).gc?.();
const m = process.memoryUsage();
process.stdout.write(
  `${JSON.stringify({ rss: m.rss, heapUsed: m.heapUsed, entries: observableIndexOf(node).size })}\n`,
);
await app.close();
await node.close();
