// The shared conformance vectors live beside the repository (`<repo>/../shared/conformance/`),
// both in the working checkout and in CI, which clones the repo with `shared/` next to it.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Absolute path of `<repo>/../shared/conformance/`, with a trailing slash. */
export const conformanceDir: string = fileURLToPath(new URL('../../../shared/conformance/', import.meta.url));

/** Parses a conformance file, e.g. `readConformanceJson('stix-examples/apt1.json')`. */
export function readConformanceJson(relPath: string): unknown {
  return JSON.parse(
    readFileSync(new URL(relPath, new URL('../../../shared/conformance/', import.meta.url)), 'utf8'),
  );
}

/** The file names in a conformance subdirectory (e.g. `stix-objects`), sorted. */
export function conformanceFiles(subdir: string): string[] {
  return readdirSync(new URL(`${subdir}/`, new URL('../../../shared/conformance/', import.meta.url))).sort();
}
