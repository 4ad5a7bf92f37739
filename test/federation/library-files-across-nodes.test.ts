import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { fileArtifactId, filePath } from '../../src/exchange/library-files.js';
import { documentStix, keepDocument, type LibraryDocument } from '../../src/exchange/library-service.js';
import { markingsFor, publish } from '../../src/exchange/records.js';
import { SIGNATURE_HEADER, signRequest } from '../../src/federation/peering/request-auth.js';
import { addUser, createToken, latestCopies, listAudit } from '../../src/store/index.js';
import { BACKENDS } from '../helpers/stores.js';
import { eventually, type Federation, peerAll, startFederation } from './federation-helpers.js';

// Library files cross nodes over the signed peer route, streamed and hash-checked: the signed
// document names them, its maker's node serves them to the Parties the document is released
// to, and a recipient keeps only bytes that match. TJ is peered with everyone but not a
// recipient: the route answers it 404.
for (const backend of BACKENDS) {
  describe(`federation: library files streamed across nodes on ${backend.name}`, () => {
    let fed: Federation;
    const tokens = new Map<string, string>();
    before(async () => {
      fed = await startFederation(['KZ', 'BY', 'TJ'], { backend });
      await peerAll(fed);
      for (const p of ['KZ', 'BY', 'TJ']) {
        const db = fed.get(p).node.store.db;
        const u = await addUser(db, { party: p, name: `analyst-${p.toLowerCase()}`, role: 'liaison' });
        tokens.set(p, (await createToken(db, u, 'test')).token);
      }
    });
    after(async () => fed.dispose());

    const api = (p: string, path: string, init: RequestInit = {}) =>
      fetch(`${fed.get(p).url}/api/v1${path}`, {
        ...init,
        headers: { authorization: `Bearer ${tokens.get(p)}`, ...(init.headers ?? {}) },
      });
    const newDocument = async (title: string, content: string) => {
      const r = await api('KZ', '/library', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          title,
          language: 'ru',
          kind: 'legal-act',
          content,
          tlp: 'amber',
          releasable_to: ['BY'],
        }),
      });
      assert.equal(r.status, 201, await r.clone().text());
      return ((await r.json()) as { id: string }).id;
    };
    const upload = (id: string, name: string, bytes: Buffer) =>
      api('KZ', `/library/${id}/files?filename=${encodeURIComponent(name)}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/octet-stream' },
        body: bytes,
      });
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    const peerGet = async (from: string, to: string, path: string) => {
      const f = fed.get(from);
      const signature = await signRequest(f.node.keys.privateKey, {
        from: f.node.settings.nodeId,
        to: fed.get(to).node.settings.nodeId,
        method: 'GET',
        path,
        body: '',
      });
      return fetch(`${fed.get(to).url}${path}`, { headers: { [SIGNATURE_HEADER]: signature } });
    };

    it('a file of a few MiB streams to the recipient, is found in Russian and English, and TJ gets 404', async () => {
      for (const f of fed.nodes.values()) await f.startService();
      const id = await newDocument(
        'Закон об информационной безопасности',
        'Оператор обязан уведомлять о компьютерных инцидентах. The operator notifies computer incidents.',
      );
      // Several MiB: many chunks of the HTTP stream and of the disk writes.
      const bytes = randomBytes(3 * 1024 * 1024 + 12_345);
      const put = await upload(id, 'закон.bin', bytes);
      assert.equal(put.status, 200, await put.clone().text());
      const doc = (await put.json()) as { files: { sha256: string; size: number }[] };
      assert.deepEqual(doc.files, [
        {
          filename: 'закон.bin',
          media_type: 'application/octet-stream',
          sha256: sha(bytes),
          size: bytes.length,
        },
      ]);

      // The signed object names the file; the bytes are not in it.
      const signed = (await latestCopies(fed.get('KZ').node.store.db, [id])).get(id)![0]!;
      assert.ok(signed.json.length < 5000, 'the signed document carries metadata and the hash only');
      assert.match(signed.json, new RegExp(sha(bytes)));

      await eventually(
        async () => (await api('BY', `/library/${id}/files/${sha(bytes)}`)).status === 200,
        'the file on BY',
        15_000,
      );
      const got = await api('BY', `/library/${id}/files/${sha(bytes)}`);
      assert.equal(got.headers.get('content-length'), String(bytes.length));
      assert.deepEqual(Buffer.from(await got.arrayBuffer()), bytes);

      for (const q of ['инцидент', 'компьютерного инцидента', 'incident']) {
        const found = (await (await api('BY', `/library?q=${encodeURIComponent(q)}`)).json()) as {
          items: { id: string }[];
        };
        assert.deepEqual(
          found.items.map((x) => x.id),
          [id],
          `BY finds it by '${q}'`,
        );
      }
      const kzAudit = await listAudit(fed.get('KZ').node.store.db, {
        action: 'library.file-disclosed',
        limit: 10,
      });
      assert.deepEqual(
        kzAudit.map((e) => (e.details as { recipient: string }).recipient),
        ['BY'],
        'KZ’s audit log records the file served to BY',
      );

      const route = `/federation/v1/library/${id}/files/${sha(bytes)}`;
      const asTj = await peerGet('TJ', 'KZ', route);
      assert.equal(asTj.status, 404, 'TJ is not a recipient: the document does not exist for it');
      assert.equal(((await asTj.json()) as { error: { code: string } }).error.code, 'ACCORD_NOT_FOUND');
      assert.equal(
        (await fetch(`${fed.get('KZ').url}${route}`)).status,
        401,
        'an unsigned request is refused',
      );
      assert.equal(
        (await peerGet('TJ', 'BY', route)).status,
        404,
        'a recipient never serves another Party’s file',
      );
      assert.equal((await api('TJ', `/library/${id}/files/${sha(bytes)}`)).status, 404);
    });

    it('a file altered on the way is refused, audited, and fetched again once it is right', async () => {
      const by = fed.get('BY');
      await by.service?.stop();
      by.service = null;
      const id = await newDocument('Положение о реагировании', 'Порядок реагирования на инциденты.');
      const bytes = randomBytes(200_000);
      assert.equal((await upload(id, 'order.bin', bytes)).status, 200);
      const onKz = filePath(fed.get('KZ').node, sha(bytes));
      const good = readFileSync(onKz);
      const bad = Buffer.from(good);
      bad[1000] = bad[1000]! ^ 0xff;
      writeFileSync(onKz, bad);
      await eventually(
        async () => (await api('BY', `/library/${id}`)).status === 200,
        'the document (without its file) on BY',
      );
      await by.startService();
      await eventually(
        async () =>
          (await listAudit(by.node.store.db, { action: 'library.file-refused', limit: 10 })).length > 0,
        'BY refusing the altered file',
      );
      const refused = await api('BY', `/library/${id}/files/${sha(bytes)}`);
      assert.equal(refused.status, 404, 'nothing is kept under a hash it does not have');
      assert.match(((await refused.json()) as { error: { message: string } }).error.message, /not arrived/);

      writeFileSync(onKz, good);
      await eventually(
        async () => (await api('BY', `/library/${id}/files/${sha(bytes)}`)).status === 200,
        'the file on BY after a retry',
        15_000,
      );
    });

    it('a file above the node’s limit is refused with 413 and nothing is kept', async () => {
      const id = await newDocument('Большой файл', 'Слишком большой.');
      const before = process.env.ACCORD_LIBRARY_MAX_FILE_BYTES;
      process.env.ACCORD_LIBRARY_MAX_FILE_BYTES = String(1024 * 1024);
      try {
        const r = await upload(id, 'big.bin', randomBytes(1024 * 1024 + 1));
        assert.equal(r.status, 413);
        const e = ((await r.json()) as { error: { code: string; message: string } }).error;
        assert.equal(e.code, 'ACCORD_PAYLOAD_TOO_LARGE');
        assert.match(e.message, /1048576 bytes/);
        // Sent in chunks without a length, the size is only known as it arrives: refused there.
        const chunk = randomBytes(256 * 1024);
        let sent = 0;
        const chunked = await api('KZ', `/library/${id}/files?filename=stream.bin`, {
          method: 'PUT',
          headers: { 'content-type': 'application/octet-stream' },
          body: new ReadableStream({
            pull(c) {
              if (sent++ < 8) c.enqueue(chunk);
              else c.close();
            },
          }),
          duplex: 'half',
        } as RequestInit);
        assert.equal(chunked.status, 413);
        assert.equal(
          ((await chunked.json()) as { error: { code: string } }).error.code,
          'ACCORD_PAYLOAD_TOO_LARGE',
        );
      } finally {
        if (before === undefined) delete process.env.ACCORD_LIBRARY_MAX_FILE_BYTES;
        else process.env.ACCORD_LIBRARY_MAX_FILE_BYTES = before;
      }
      const d = (await (await api('KZ', `/library/${id}`)).json()) as { files: unknown[] };
      assert.deepEqual(d.files, []);
    });

    it('a file its maker sent the old way, inside a STIX artifact, stays readable on arrival', async () => {
      // What a node before streamed files published: the bytes in an artifact of the maker,
      // the document naming it. KZ's node keeps no copy on disk, so the peer route cannot be
      // where BY's copy comes from.
      const kz = fed.get('KZ').node;
      const bytes = Buffer.from('Старый способ: файл внутри объекта.\n');
      const d: LibraryDocument = {
        id: `x-accord-document--${crypto.randomUUID()}`,
        title: 'Документ прежней версии',
        language: 'ru',
        kind: 'reference',
        tlp: 'amber',
        releasableTo: ['BY'],
        files: [{ filename: 'old.txt', mediaType: 'text/plain', sha256: sha(bytes), size: bytes.length }],
        party: 'KZ',
        createdBy: 'analyst-kz',
        createdAt: new Date().toISOString(),
        exercise: null,
      };
      const m = markingsFor('KZ', 'amber', ['KZ', 'BY']);
      await publish(
        kz,
        'KZ',
        null,
        {
          type: 'artifact',
          spec_version: '2.1',
          id: fileArtifactId(d.id, sha(bytes)),
          mime_type: 'text/plain',
          payload_bin: bytes.toString('base64'),
          hashes: { 'SHA-256': sha(bytes) },
          object_marking_refs: m.refs,
        },
        m.definitions,
      );
      const stix = documentStix(d, m.refs) as Record<string, unknown> & { files: Record<string, unknown>[] };
      stix.files = stix.files.map((f) => ({ ...f, artifact_ref: fileArtifactId(d.id, sha(bytes)) }));
      await publish(kz, 'KZ', null, stix, m.definitions);
      await keepDocument(kz, d, kz.store.clock.next());
      await eventually(
        async () => (await api('BY', `/library/${d.id}/files/${sha(bytes)}`)).status === 200,
        'the old-style file on BY',
      );
      const got = await api('BY', `/library/${d.id}/files/${sha(bytes)}`);
      assert.deepEqual(Buffer.from(await got.arrayBuffer()), bytes);
    });
  });
}
