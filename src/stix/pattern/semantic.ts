// Checks the specification makes definite and the grammar cannot express: hash values of
// the right length and alphabet for the named algorithm, IP addresses or CIDR blocks for
// ISSUBSET / ISSUPERSET, regular expressions that compile (and that we can run safely),
// and START before STOP.

import type { ComparisonExpr, ComparisonNode, Constant, ObservationExpr } from './ast.js';
import { parseIpBlock } from './cidr.js';
import { HASHES, normaliseHashName } from './hashes.js';
import type { PositionTable } from './positions.js';
import { compileRegex } from './regex-guard.js';
import { parseInstant } from './timestamp.js';

export interface SemanticIssue {
  message: string;
  offset: number;
}

function hashAlgorithm(c: ComparisonNode): string | undefined {
  const steps = c.path.steps;
  for (let i = 0; i + 1 < steps.length; i++) {
    const s = steps[i]!;
    const next = steps[i + 1]!;
    if (s.kind === 'key' && s.name === 'hashes' && next.kind === 'key' && i + 2 === steps.length)
      return next.name;
  }
  return undefined;
}

function where(pos: PositionTable, node: object, c: ComparisonNode): number {
  return pos.get(node) ?? pos.get(c) ?? 0;
}

function checkComparison(c: ComparisonNode, pos: PositionTable, out: SemanticIssue[]): void {
  const algorithm = hashAlgorithm(c);
  if (algorithm !== undefined && (c.op === '=' || c.op === '!=' || c.op === 'IN')) {
    const rule = HASHES[normaliseHashName(algorithm)];
    const values: readonly Constant[] = c.value?.kind === 'set' ? c.value.values : c.value ? [c.value] : [];
    for (const v of rule ? values : []) {
      if (v.kind === 'string' && !rule!.re.test(v.value)) {
        out.push({
          message: `'${v.value}' is not a valid ${rule!.name} hash (expected ${rule!.expect})`,
          offset: where(pos, v, c),
        });
      }
    }
  }
  const v = c.value;
  if ((c.op === 'ISSUBSET' || c.op === 'ISSUPERSET') && v?.kind === 'string' && !parseIpBlock(v.value)) {
    out.push({
      message: `'${v.value}' is not an IPv4 or IPv6 address or CIDR block, which ${c.op} needs`,
      offset: where(pos, v, c),
    });
  }
  if (c.op === 'MATCHES' && v?.kind === 'string') {
    const r = compileRegex(v.value);
    if (!r.ok) {
      const near = r.index > 0 ? ` (near character ${r.index + 1})` : '';
      out.push({
        message: `invalid regular expression '${v.value}': ${r.message}${near}`,
        offset: where(pos, v, c),
      });
    }
  }
}

function visitComparison(e: ComparisonExpr, pos: PositionTable, out: SemanticIssue[]): void {
  if (e.kind === 'boolean') for (const o of e.operands) visitComparison(o, pos, out);
  else checkComparison(e, pos, out);
}

function visitObservation(e: ObservationExpr, pos: PositionTable, out: SemanticIssue[]): void {
  switch (e.kind) {
    case 'observation':
      visitComparison(e.expr, pos, out);
      return;
    case 'observation-op':
      for (const o of e.operands) visitObservation(o, pos, out);
      return;
    case 'qualified': {
      visitObservation(e.expr, pos, out);
      const q = e.qualifier;
      if (q.kind === 'start-stop') {
        const start = parseInstant(q.start.value);
        const stop = parseInstant(q.stop.value);
        if (start && stop && start.key >= stop.key) {
          out.push({
            message: 'the STOP timestamp must be later than the START timestamp',
            offset: pos.get(q.stop) ?? 0,
          });
        }
      }
    }
  }
}

const NO_POSITIONS: PositionTable = new WeakMap();

export function hasSemanticIssues(ast: ObservationExpr): boolean {
  const out: SemanticIssue[] = [];
  visitObservation(ast, NO_POSITIONS, out);
  return out.length > 0;
}

export function semanticIssues(ast: ObservationExpr, positions: PositionTable): SemanticIssue[] {
  const out: SemanticIssue[] = [];
  visitObservation(ast, positions, out);
  return out.sort((a, b) => a.offset - b.offset);
}
