// A TAXII client reading a whole collection, in a worker thread of its own (a SIEM is another
// process): follows `next` from the first page to the last over one kept-alive connection,
// parsing every page as a client would. Receives { port, token, path }, answers with the
// elapsed time, the pages and the objects read.
import { Agent, request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

const { port, token, path } = workerData;
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
const headers = { authorization: `Bearer ${token}`, accept: 'application/taxii+json;version=2.1' };

function page(p) {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: p, agent, headers }, (res) => {
      const parts = [];
      res.on('data', (d) => parts.push(d));
      res.on('end', () => {
        const body = Buffer.concat(parts).toString();
        if (res.statusCode !== 200) reject(new Error(`HTTP ${res.statusCode}: ${body.slice(0, 200)}`));
        else resolve(JSON.parse(body));
      });
    });
    req.on('error', reject);
    req.end();
  });
}

let objects = 0;
let pages = 0;
let url = path;
const t0 = performance.now();
for (;;) {
  const body = await page(url);
  objects += body.objects?.length ?? 0;
  pages++;
  if (!body.more) break;
  url = `${path}&next=${encodeURIComponent(body.next)}`;
}
const elapsed = performance.now() - t0;
agent.destroy();
parentPort.postMessage({ elapsed, pages, objects });
