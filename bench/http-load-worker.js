// The load generator of the HTTP benchmarks, in a worker thread of its own: a firewall or a
// SIEM is another process, so the client's work must not be counted against the server's
// event loop. Receives { port, token, method, paths or bodies, clients, warm }, answers with
// the elapsed time and every request's latency. With `warm`, each client first sends that many
// untimed requests: a firewall keeps its connections open, so what is timed is a request on
// an open connection, not the TCP handshake or this worker compiling its own code.
import { Agent, request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

const { port, token, method, requests, clients, warm = 0 } = workerData;
const agent = new Agent({ keepAlive: true, maxSockets: clients });

function call(r) {
  return new Promise((resolve, reject) => {
    const headers = { authorization: `Bearer ${token}` };
    if (r.body) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(r.body);
    }
    const req = request({ host: '127.0.0.1', port, method, path: r.path, agent, headers }, (res) => {
      let size = 0;
      res.on('data', (d) => {
        size += d.length;
      });
      res.on('end', () =>
        res.statusCode === 200 ? resolve(size) : reject(new Error(`HTTP ${res.statusCode}`)),
      );
    });
    req.on('error', reject);
    req.end(r.body);
  });
}

await Promise.all(
  Array.from({ length: clients }, async (_, c) => {
    for (let k = 0; k < warm; k++) await call(requests[(c * warm + k) % requests.length]);
  }),
);

const latencies = [];
let next = 0;
const t0 = performance.now();
await Promise.all(
  Array.from({ length: clients }, async () => {
    while (next < requests.length) {
      const r = requests[next++];
      const t = performance.now();
      await call(r);
      latencies.push(performance.now() - t);
    }
  }),
);
const elapsed = performance.now() - t0;
agent.destroy();
parentPort.postMessage({ elapsed, latencies });
