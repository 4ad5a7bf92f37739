// The ATT&CK matrix for one audience: every object it counts has passed the disclosure gate
// for that audience first, so a count never reveals an object the reader may not see.

import { disclosedObject } from '../node/disclosed.js';
import { type Audience, decideDisclosure } from '../node/disclosure.js';
import type { AccordNode } from '../node/node.js';
import { releaseFilterFor } from '../node/release-filter.js';
import { listVersions, type StoredVersion } from '../store/index.js';
import { buildMatrices, fromMitre, type MatrixView } from './attack-matrix.js';

const PAGE = 1000;

/** The ATT&CK framework objects the matrix is drawn from. */
const KNOWLEDGE_TYPES = ['x-mitre-matrix', 'x-mitre-tactic', 'attack-pattern'];

/** Objects that report use of a technique (edges, containers) or name a tactic (kill_chain_phases). */
const REPORT_TYPES = [
  'relationship',
  'report',
  'grouping',
  'note',
  'opinion',
  'indicator',
  'malware',
  'tool',
  'intrusion-set',
  'campaign',
  'threat-actor',
  'infrastructure',
];

export interface MatrixPeriod {
  /** date_added bounds, in microseconds, inclusive. */
  from: number;
  to: number;
}

type Obj = { type: string; id: string; [property: string]: unknown };

async function visibleObjects(
  node: AccordNode,
  audience: Audience,
  types: readonly string[],
  period?: MatrixPeriod,
  counts?: (o: Obj) => boolean,
): Promise<Obj[]> {
  const release = await releaseFilterFor(node, audience);
  const out: Obj[] = [];
  let after = period ? period.from - 1 : undefined;
  for (;;) {
    const rows: StoredVersion[] = await listVersions(node.store.db, {
      types,
      limit: PAGE,
      release,
      ...(after === undefined ? {} : { after }),
      ...(period ? { until: period.to } : {}),
    });
    if (rows.length === 0) break;
    // Rows the matrix would not count are not disclosed at all: ATT&CK's own 20,000 edges
    // would otherwise cost a decision and an audit entry each on every view of the matrix.
    const wanted = counts ? rows.filter((v) => counts(JSON.parse(v.json) as Obj)) : rows;
    const { allowed } = await decideDisclosure(node, audience, wanted, 'rest');
    for (const v of allowed) out.push(disclosedObject(v));
    if (rows.length < PAGE) break;
    after = rows.at(-1)!.dateAdded;
  }
  return out;
}

/** The matrices the audience may see, counted by what reached this node within `period`. */
export async function attackMatrix(
  node: AccordNode,
  audience: Audience,
  period: MatrixPeriod,
): Promise<MatrixView[]> {
  const knowledge = await visibleObjects(node, audience, KNOWLEDGE_TYPES);
  if (!knowledge.some((o) => o.type === 'x-mitre-matrix')) return [];
  const reports = await visibleObjects(node, audience, REPORT_TYPES, period, (o) => !fromMitre(o));
  return buildMatrices(knowledge, reports);
}
