import { readFile } from 'node:fs/promises';
import { AccordError } from '../errors.js';
import { parseJsonBody } from '../stix/json-text.js';

/** Reads and parses a JSON file ('-' is standard input); errors name the file, line and column. */
export async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = path === '-' ? await readStdin() : await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new AccordError(
      'ACCORD_NOT_FOUND',
      code === 'ENOENT' ? `${path}: no such file` : `${path}: ${(e as Error).message}`,
    );
  }
  return parseJsonBody(text, path);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
