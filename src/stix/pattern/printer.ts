// Prints a tree as canonical pattern text: single spaces, '=' and '!=' rather than '==' and
// '<>', numbers without '+' or superfluous zeros, and parentheses only where the tree needs
// them, so that parsing the output gives back the same tree.

import type { ComparisonExpr, Constant, ObjectPath, ObservationExpr, Qualifier, SetConstant } from './ast.js';
import { KEYWORDS } from './lexer.js';

const PLAIN_KEY = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const PRECEDENCE = { FOLLOWEDBY: 1, OR: 2, AND: 3 } as const;

export function printString(value: string): string {
  return `'${value.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

export function printKey(name: string): string {
  return PLAIN_KEY.test(name) && !KEYWORDS.has(name) ? name : printString(name);
}

export function printPath(path: ObjectPath): string {
  let out = `${path.objectType}:`;
  path.steps.forEach((step, i) => {
    if (step.kind === 'key') out += i === 0 ? printKey(step.name) : `.${printKey(step.name)}`;
    else if (step.kind === 'index') out += `[${step.index}]`;
    else out += '[*]';
  });
  return out;
}

export function printConstant(c: Constant | SetConstant): string {
  switch (c.kind) {
    case 'string':
      return printString(c.value);
    case 'int':
    case 'float':
      return c.text;
    case 'boolean':
      return c.value ? 'true' : 'false';
    case 'binary':
      return `b'${c.value}'`;
    case 'hex':
      return `h'${c.value}'`;
    case 'timestamp':
      return `t'${c.value}'`;
    case 'set':
      return `(${c.values.map(printConstant).join(', ')})`;
  }
}

function printComparison(e: ComparisonExpr): string {
  if (e.kind === 'boolean') {
    return e.operands
      .map((o) => {
        const inner = printComparison(o);
        // OR inside AND, or a nested chain of the same operator, keeps its parentheses.
        return o.kind === 'boolean' && (o.op === 'OR' || o.op === e.op) ? `(${inner})` : inner;
      })
      .join(` ${e.op} `);
  }
  const not = e.negated ? 'NOT ' : '';
  if (e.op === 'EXISTS') return `${not}EXISTS ${printPath(e.path)}`;
  return `${printPath(e.path)} ${not}${e.op} ${e.value ? printConstant(e.value) : ''}`;
}

export function printQualifier(q: Qualifier): string {
  switch (q.kind) {
    case 'within':
      return `WITHIN ${q.seconds.text} SECONDS`;
    case 'repeats':
      return `REPEATS ${q.times} TIMES`;
    case 'start-stop':
      return `START t'${q.start.value}' STOP t'${q.stop.value}'`;
  }
}

/** Whether a qualifier chain rests directly on a bracket and already has this qualifier type. */
function chainHas(e: ObservationExpr, kind: Qualifier['kind']): boolean {
  let cur = e;
  let found = false;
  while (cur.kind === 'qualified') {
    if (cur.qualifier.kind === kind) found = true;
    cur = cur.expr;
  }
  return found && cur.kind === 'observation';
}

function printObservation(e: ObservationExpr): string {
  switch (e.kind) {
    case 'observation':
      return `[${printComparison(e.expr)}]`;
    case 'observation-op':
      return e.operands
        .map((o) => {
          const inner = printObservation(o);
          return o.kind === 'observation-op' && PRECEDENCE[o.op] <= PRECEDENCE[e.op] ? `(${inner})` : inner;
        })
        .join(` ${e.op} `);
    case 'qualified': {
      const inner = printObservation(e.expr);
      const wrap = e.expr.kind === 'observation-op' || chainHas(e.expr, e.qualifier.kind);
      return `${wrap ? `(${inner})` : inner} ${printQualifier(e.qualifier)}`;
    }
  }
}

export function printPattern(ast: ObservationExpr): string {
  return printObservation(ast);
}
