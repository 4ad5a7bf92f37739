#!/usr/bin/env node
// The published entry point runs the compiled code in dist/ (built by `npm ci` through the
// `prepare` script, and again by `npm start` and `npm test`), so a command pays for no
// TypeScript compiler at run time. A checkout that has not been built yet still works when
// the development dependencies are installed: the sources then run through tsx, and the
// command says so once on stderr so nobody mistakes it for the production path.
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/cli/main.js', import.meta.url);
let main;
if (existsSync(compiled)) {
  ({ main } = await import(compiled.href));
} else {
  let register;
  try {
    ({ register } = await import('tsx/esm/api'));
  } catch {
    process.stderr.write('accord: dist/ is missing; run `npm run build` (or `npm ci`) first\n');
    process.exit(2);
  }
  if (!process.env.ACCORD_QUIET_SOURCE) {
    process.stderr.write('accord: running from TypeScript sources (dist/ not built)\n');
  }
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
