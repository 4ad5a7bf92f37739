#!/usr/bin/env node
// The published entry point: loads the TypeScript sources through tsx so that a clone
// works right after `npm ci`, with no build step to forget.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
