import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AccordError } from '../errors.js';
import { isRec, looksLikeMisp, mispEvents, type Rec } from '../intel/misp/misp-shape.js';
import { readJsonFile } from './read-json-file.js';

export type ImportInput =
  | { kind: 'stix'; doc: unknown }
  | { kind: 'misp'; events: { path: string; event: Rec }[] };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What `accord import FILE` was given: a STIX document, a MISP document (an event, a list of
 * events, a restSearch answer), or a MISP feed directory (manifest.json naming {uuid}.json).
 */
export async function readImportInput(file: string): Promise<ImportInput> {
  const isDir = file !== '-' && (await stat(file).catch(() => null))?.isDirectory() === true;
  if (!isDir) {
    const doc = await readJsonFile(file);
    return looksLikeMisp(doc) ? { kind: 'misp', events: mispEvents(doc) } : { kind: 'stix', doc };
  }
  const manifest = await readJsonFile(join(file, 'manifest.json')).catch((e) => {
    throw new AccordError(
      'ACCORD_VALIDATION',
      `${file}: a directory is read as a MISP feed and needs a manifest.json (${(e as Error).message})`,
    );
  });
  if (!isRec(manifest))
    throw new AccordError(
      'ACCORD_VALIDATION',
      `${file}/manifest.json: must be a JSON object of events by uuid`,
    );
  const events: { path: string; event: Rec }[] = [];
  for (const uuid of Object.keys(manifest)) {
    if (!UUID.test(uuid))
      throw new AccordError(
        'ACCORD_VALIDATION',
        `${file}/manifest.json: '${uuid.slice(0, 64)}' is not an event uuid`,
      );
    const name = `${uuid}.json`;
    for (const e of mispEvents(await readJsonFile(join(file, name))))
      events.push({ path: `${name}:${e.path}`, event: e.event });
  }
  return { kind: 'misp', events };
}
