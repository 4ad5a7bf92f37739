// A library file over the peer route: `GET /federation/v1/library/{document}/files/{sha256}`.
// Only the document's maker serves it, only to a pinned peer whose signed request checks, and
// only when the one policy decision releases the document to that peer's Party today; every
// file served is written to the audit log. Anything else is answered 404, as if the document
// did not exist (the route is no oracle for what this node holds).

import { createReadStream, existsSync, statSync } from 'node:fs';
import type { FastifyReply } from 'fastify';
import { recordAudit } from '../../audit/log.js';
import { AccordError } from '../../errors.js';
import { filePath } from '../../exchange/library-files.js';
import type { LibraryDocument } from '../../exchange/library-service.js';
import { todayUtc } from '../../node/agreement-service.js';
import { decideDisclosure } from '../../node/disclosure.js';
import type { AccordNode } from '../../node/node.js';
import { getRecord } from '../../store/exchange-repo.js';
import { latestCopiesList } from '../../store/index.js';
import type { Peer } from '../../store/peers-repo.js';
import { peerAudience } from './outbox.js';

export const FILE_ROUTE = '/library/:id/files/:file';
const DOCUMENT_ID = /^x-accord-document--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SHA256 = /^[0-9a-f]{64}$/;

/** The header naming the hash of the bytes served; the fetcher checks the bytes, not this. */
export const FILE_HASH_HEADER = 'x-accord-sha256';

export async function serveFile(
  node: AccordNode,
  peer: Peer,
  params: { id: string; file: string },
  reply: FastifyReply,
) {
  if (!DOCUMENT_ID.test(params.id) || !SHA256.test(params.file))
    throw new AccordError('ACCORD_VALIDATION', 'the path must name a document id and a file’s SHA-256');
  const gone = new AccordError(
    'ACCORD_NOT_FOUND',
    `no file ${params.file} of ${params.id} for ${peer.party}`,
  );
  const row = await getRecord(node.store.db, 'document', params.id);
  // Only the maker serves its files: a recipient never passes another Party's file on.
  if (!row || row.party !== node.settings.party) throw gone;
  const own = (await latestCopiesList(node.store.db, [params.id])).filter(
    (v) => v.party === node.settings.party && v.sourceNode === node.settings.nodeId,
  );
  const date = todayUtc();
  const { allowed } = await decideDisclosure(node, peerAudience(peer), own, 'federation', date, {
    audit: false,
  });
  if (allowed.length === 0) throw gone;
  const d = JSON.parse(row.json) as LibraryDocument;
  const f = d.files.find((x) => x.sha256 === params.file);
  const path = filePath(node, params.file);
  if (!f || !existsSync(path)) throw gone;
  await recordAudit(node, [
    {
      at: new Date().toISOString(),
      actor: { kind: 'node', id: peer.nodeId, party: peer.party },
      action: 'library.file-disclosed',
      subject: { type: 'x-accord-document', id: d.id, version: allowed[0]!.modified },
      details: { channel: 'federation', recipient: peer.party, sha256: f.sha256, size: f.size, date },
    },
  ]);
  reply.type('application/octet-stream');
  reply.header('content-length', String(statSync(path).size));
  reply.header(FILE_HASH_HEADER, f.sha256);
  return reply.send(createReadStream(path));
}
