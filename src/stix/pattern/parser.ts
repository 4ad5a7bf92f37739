// A recursive-descent parser for the STIX 2.1 pattern grammar (STIXPattern.g4). Precedence,
// loosest first: FOLLOWEDBY, OR, AND between observations; qualifiers bind tightest; inside
// brackets OR is looser than AND. Chains of one operator are flattened into one node, which
// is safe because every one of them is associative, and gives the printer one canonical form.

import { LIMITS } from '../limits.js';
import type {
  BooleanNode,
  ComparisonExpr,
  ComparisonNode,
  ComparisonOp,
  Constant,
  ObjectPath,
  ObservationExpr,
  ObservationOp,
  PathStep,
  Qualifier,
  SetConstant,
  TimestampConstant,
} from './ast.js';
import { PatternSyntaxError } from './errors.js';
import type { PositionTable } from './positions.js';
import { TokenCursor } from './token-cursor.js';
import { numberConstant } from './token-text.js';

const freeze = Object.freeze;

const ORDER_OPS: Record<string, ComparisonOp> = { '<': '<', '<=': '<=', '>': '>', '>=': '>=' };
const EQUALITY_OPS: Record<string, ComparisonOp> = { '=': '=', '==': '=', '!=': '!=', '<>': '!=' };
const WORD_OPS = new Set(['IN', 'LIKE', 'MATCHES', 'ISSUBSET', 'ISSUPERSET']);
const PLAIN_KEY = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

class Parser extends TokenCursor {
  parse(): ObservationExpr {
    const expr = this.followedBy();
    if (this.tok.type !== 'eof') {
      this.fail([
        'AND',
        'OR',
        'FOLLOWEDBY',
        'a qualifier (WITHIN, REPEATS, START)',
        'the end of the pattern',
      ]);
    }
    return expr;
  }

  private chain(op: ObservationOp, next: () => ObservationExpr): ObservationExpr {
    const first = next();
    if (!this.isKeyword(op)) return first;
    const operands: ObservationExpr[] = [];
    const add = (e: ObservationExpr) => {
      if (e.kind === 'observation-op' && e.op === op) operands.push(...e.operands);
      else operands.push(e);
    };
    add(first);
    while (this.isKeyword(op)) {
      this.i++;
      add(next());
    }
    return freeze({ kind: 'observation-op', op, operands: freeze(operands) });
  }

  private followedBy(): ObservationExpr {
    return this.chain('FOLLOWEDBY', () => this.or());
  }

  private or(): ObservationExpr {
    return this.chain('OR', () => this.and());
  }

  private and(): ObservationExpr {
    return this.chain('AND', () => this.qualified());
  }

  private qualified(): ObservationExpr {
    const simple = this.isPunct('[');
    let expr = this.primary();
    // The OASIS validator allows one qualifier of each type directly on a bracketed
    // observation, and any number on a parenthesised group.
    let seen = '';
    for (;;) {
      const t = this.tok;
      if (t.type !== 'keyword') return expr;
      const q = this.qualifier();
      if (!q) return expr;
      if (simple && seen.includes(`${q.kind};`)) {
        const name = q.kind === 'start-stop' ? 'START/STOP' : q.kind.toUpperCase();
        throw new PatternSyntaxError(t.start, {
          what: `duplicate ${name} qualifier on one observation expression (put the expression in parentheses to qualify it again)`,
        });
      }
      seen += `${q.kind};`;
      expr = this.at(freeze({ kind: 'qualified', expr, qualifier: q }), t.start);
    }
  }

  private primary(): ObservationExpr {
    const t = this.tok;
    if (this.isPunct('[')) {
      if (++this.observations > LIMITS.patternObservations) {
        throw new PatternSyntaxError(t.start, {
          what: `a pattern may have at most ${LIMITS.patternObservations} observation expressions [ … ]`,
        });
      }
      this.enter();
      const expr = this.comparisonOr();
      this.expectPunct(']', 'the comparison expression');
      this.depth--;
      return this.at(freeze({ kind: 'observation', expr }), t.start);
    }
    if (this.isPunct('(')) {
      this.enter();
      const expr = this.followedBy();
      if (!this.isPunct(')')) this.fail(["')'", 'AND', 'OR', 'FOLLOWEDBY', 'a qualifier']);
      this.i++;
      this.depth--;
      return expr;
    }
    return this.fail(["'['", "'('"]);
  }

  private qualifier(): Qualifier | undefined {
    const t = this.tok;
    if (t.type !== 'keyword') return undefined;
    if (t.text === 'WITHIN') {
      this.i++;
      const n = this.tok;
      if ((n.type !== 'int' && n.type !== 'float') || n.text.startsWith('-')) {
        this.fail(['a positive number of seconds'], 'WITHIN');
      }
      const seconds = numberConstant(n);
      if (seconds.value <= 0) this.fail(['a positive number of seconds'], 'WITHIN');
      this.i++;
      if (!this.isKeyword('SECONDS')) this.fail(['SECONDS'], `WITHIN ${n.text}`);
      this.i++;
      return freeze({ kind: 'within', seconds });
    }
    if (t.text === 'REPEATS') {
      this.i++;
      const n = this.tok;
      if (n.type !== 'int' || n.text.startsWith('-') || numberConstant(n).value < 1) {
        this.fail(['a positive integer'], 'REPEATS');
      }
      this.i++;
      if (!this.isKeyword('TIMES')) this.fail(['TIMES'], `REPEATS ${n.text}`);
      this.i++;
      return freeze({ kind: 'repeats', times: numberConstant(n).value });
    }
    if (t.text === 'START') {
      this.i++;
      const start = this.timestamp('START');
      if (!this.isKeyword('STOP')) this.fail(['STOP'], 'the START timestamp');
      this.i++;
      const stop = this.timestamp('STOP');
      return freeze({ kind: 'start-stop', start, stop });
    }
    return undefined;
  }

  private timestamp(after: string): TimestampConstant {
    const t = this.tok;
    if (t.type !== 'timestamp') this.fail(["a timestamp t'YYYY-MM-DDTHH:MM:SSZ'"], after);
    this.i++;
    return this.at(freeze({ kind: 'timestamp', value: t.value }), t.start);
  }

  private boolChain(op: 'AND' | 'OR', next: () => ComparisonExpr): ComparisonExpr {
    const first = next();
    if (!this.isKeyword(op)) return first;
    const operands: ComparisonExpr[] = [];
    const add = (e: ComparisonExpr) => {
      if (e.kind === 'boolean' && e.op === op) operands.push(...e.operands);
      else operands.push(e);
    };
    add(first);
    while (this.isKeyword(op)) {
      this.i++;
      add(next());
    }
    const node: BooleanNode = freeze({ kind: 'boolean', op, operands: freeze(operands) });
    return node;
  }

  private comparisonOr(): ComparisonExpr {
    return this.boolChain('OR', () => this.comparisonAnd());
  }

  private comparisonAnd(): ComparisonExpr {
    return this.boolChain('AND', () => this.propTest());
  }

  private propTest(): ComparisonExpr {
    const t = this.tok;
    if (this.isPunct('(')) {
      this.enter();
      const expr = this.comparisonOr();
      if (!this.isPunct(')')) this.fail(["')'", 'AND', 'OR']);
      this.i++;
      this.depth--;
      return expr;
    }
    let negated = false;
    if (this.isKeyword('NOT')) {
      // NOT EXISTS: the grammar has no NOT for EXISTS, the issue asks for it on every operator.
      this.i++;
      if (!this.isKeyword('EXISTS')) this.fail(['EXISTS'], 'NOT');
      negated = true;
    }
    if (this.isKeyword('EXISTS')) {
      this.i++;
      const path = this.objectPath('EXISTS');
      return this.at(freeze({ kind: 'comparison', path, op: 'EXISTS', negated }), t.start);
    }
    if (t.type !== 'word') this.fail(["an object path 'type:property'", "'('", 'EXISTS']);
    const path = this.objectPath();
    return this.at(this.operatorAndOperand(path), t.start);
  }

  private operatorAndOperand(path: ObjectPath): ComparisonNode {
    let negated = false;
    if (this.isKeyword('NOT')) {
      negated = true;
      this.i++;
    }
    const t = this.tok;
    let op: ComparisonOp | undefined;
    if (t.type === 'punct') op = EQUALITY_OPS[t.text] ?? ORDER_OPS[t.text];
    else if (t.type === 'keyword' && WORD_OPS.has(t.text)) op = t.text as ComparisonOp;
    if (!op) {
      this.fail(
        ['a comparison operator (=, !=, <, <=, >, >=, IN, LIKE, MATCHES, ISSUBSET, ISSUPERSET)'],
        negated ? 'NOT' : 'the object path',
      );
    }
    this.i++;
    let value: Constant | SetConstant;
    if (op === 'IN') value = this.set();
    else if (op === 'LIKE' || op === 'MATCHES' || op === 'ISSUBSET' || op === 'ISSUPERSET') {
      const s = this.tok;
      if (s.type !== 'string') this.fail(['a string'], op);
      this.i++;
      value = this.at(freeze({ kind: 'string', value: s.value }), s.start);
    } else {
      value = this.constant(op, op === '=' || op === '!=');
    }
    return freeze({ kind: 'comparison', path, op, negated, value });
  }

  private set(): SetConstant {
    const open = this.tok;
    this.expectPunct('(', 'IN');
    const values: Constant[] = [];
    if (!this.isPunct(')')) {
      values.push(this.constant('('));
      while (this.isPunct(',')) {
        if (values.length >= LIMITS.patternSetMembers) {
          throw new PatternSyntaxError(open.start, {
            what: `an IN set may have at most ${LIMITS.patternSetMembers} members`,
          });
        }
        this.i++;
        values.push(this.constant(','));
      }
      if (!this.isPunct(')')) this.fail(["','", "')'"], 'a set member');
    }
    this.i++;
    return this.at(freeze({ kind: 'set', values: freeze(values) }), open.start);
  }

  private constant(after: string, allowBoolean = true): Constant {
    const t = this.tok;
    let c: Constant | undefined;
    switch (t.type) {
      case 'string':
        c = { kind: 'string', value: t.value };
        break;
      case 'int':
      case 'float':
        c = numberConstant(t);
        break;
      case 'binary':
        c = { kind: 'binary', value: t.value };
        break;
      case 'hex':
        c = { kind: 'hex', value: t.value };
        break;
      case 'timestamp':
        c = { kind: 'timestamp', value: t.value };
        break;
      case 'keyword':
        if (allowBoolean && (t.text === 'true' || t.text === 'false'))
          c = { kind: 'boolean', value: t.text === 'true' };
        break;
    }
    if (!c) {
      this.fail(
        allowBoolean ? ['a constant'] : ['a string, number, binary or timestamp constant (not a boolean)'],
        after,
      );
    }
    this.i++;
    return this.at(freeze(c), t.start);
  }

  private objectPath(after?: string): ObjectPath {
    const t = this.tok;
    if (t.type !== 'word') this.fail(["an object path 'type:property'"], after);
    this.i++;
    if (!this.isPunct(':')) this.fail(["':'"], `the object type '${t.text}'`);
    this.i++;
    const steps: PathStep[] = [this.key(`'${t.text}:'`)];
    for (;;) {
      if (this.isPunct('.')) {
        this.i++;
        steps.push(this.key("'.'"));
      } else if (this.isPunct('[')) {
        this.i++;
        const n = this.tok;
        if (n.type === 'int') steps.push(freeze({ kind: 'index', index: numberConstant(n).value }));
        else if (this.isPunct('*')) steps.push(freeze({ kind: 'any' }));
        else this.fail(['a list index', "'*'"], "'['");
        this.i++;
        this.expectPunct(']', 'the list index');
      } else {
        return freeze({ objectType: t.text, steps: freeze(steps) });
      }
    }
  }

  private key(after: string): PathStep {
    const t = this.tok;
    if (t.type === 'string') {
      this.i++;
      return freeze({ kind: 'key', name: t.value });
    }
    if (t.type === 'word' && PLAIN_KEY.test(t.text)) {
      this.i++;
      return freeze({ kind: 'key', name: t.text });
    }
    return this.fail(["a property name (quote it if it has '-' or other characters)"], after);
  }
}

/** Parses pattern text; throws PatternSyntaxError. Use parsePattern from index.ts instead. */
export function parseTree(text: string, positions?: PositionTable): ObservationExpr {
  return new Parser(text, positions).parse();
}
