import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateDocument } from '../../src/stix/index.js';
import { conformanceFiles, readConformanceJson } from '../helpers/conformance.js';

for (const subdir of ['stix-examples', 'stix-objects']) {
  describe(`conformance/${subdir}`, () => {
    const files = conformanceFiles(subdir);

    it('is present', () => assert.ok(files.length > 0, `no files in ${subdir}`));

    for (const file of files) {
      it(`${file} validates without errors`, () => {
        const result = validateDocument(readConformanceJson(`${subdir}/${file}`));
        assert.deepEqual(result.errors, []);
        assert.equal(result.ok, true);
        assert.ok(result.objects.length > 0);
      });
    }
  });
}
