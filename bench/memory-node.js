// Child process of memory.bench.ts: opens a node on the given store as `accord serve` would
// (HTTP app, observable index built), answers one lookup, and prints its resident memory.
// Plain JavaScript over the compiled build: what an operator runs, without tsx's own share.
import { buildApp } from '../dist/http/app.js';
import { observableIndexOf } from '../dist/intel/index-build.js';
import { lookupValues } from '../dist/intel/lookup-service.js';
import { partyAudience } from '../dist/node/disclosure.js';
import { openNode } from '../dist/node/node.js';

const [data, db] = process.argv.slice(2);
const node = await openNode({ data, db });
const app = await buildApp(node);
await app.ready();
await lookupValues(node, partyAudience(node.settings.party), ['10.0.0.1', 'evil.example']);
globalThis.gc?.();
const m = process.memoryUsage();
process.stdout.write(
  `${JSON.stringify({ rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, entries: observableIndexOf(node).size })}\n`,
);
await app.close();
await node.close();
