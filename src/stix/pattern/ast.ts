// The syntax tree of a STIX 2.1 pattern. Nodes are plain frozen objects with no source
// positions, so two parses of equivalent text compare equal with deepStrictEqual; positions
// live beside the tree (see positions.ts). The parser, printer, matcher and extractor each
// visit this tree; nothing else knows the grammar.

export type Pattern = ObservationExpr;

export type ObservationExpr = ObservationNode | ObservationOpNode | QualifiedNode;

/** `[ comparison expression ]`: one observed-data instance must satisfy it. */
export interface ObservationNode {
  readonly kind: 'observation';
  readonly expr: ComparisonExpr;
}

export type ObservationOp = 'AND' | 'OR' | 'FOLLOWEDBY';

/** Two or more observation expressions joined by one operator (chains are flattened). */
export interface ObservationOpNode {
  readonly kind: 'observation-op';
  readonly op: ObservationOp;
  readonly operands: readonly ObservationExpr[];
}

export interface QualifiedNode {
  readonly kind: 'qualified';
  readonly expr: ObservationExpr;
  readonly qualifier: Qualifier;
}

export type Qualifier = WithinQualifier | RepeatsQualifier | StartStopQualifier;

export interface WithinQualifier {
  readonly kind: 'within';
  readonly seconds: NumberConstant;
}
export interface RepeatsQualifier {
  readonly kind: 'repeats';
  readonly times: number;
}
export interface StartStopQualifier {
  readonly kind: 'start-stop';
  readonly start: TimestampConstant;
  readonly stop: TimestampConstant;
}

export type ComparisonExpr = BooleanNode | ComparisonNode;

/** Comparison expressions joined by AND or OR inside one observation (chains are flattened). */
export interface BooleanNode {
  readonly kind: 'boolean';
  readonly op: 'AND' | 'OR';
  readonly operands: readonly ComparisonExpr[];
}

export type ComparisonOp =
  | '='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | 'IN'
  | 'LIKE'
  | 'MATCHES'
  | 'ISSUBSET'
  | 'ISSUPERSET'
  | 'EXISTS';

export interface ComparisonNode {
  readonly kind: 'comparison';
  readonly path: ObjectPath;
  readonly op: ComparisonOp;
  readonly negated: boolean;
  /** Absent for EXISTS; a set for IN; a single constant otherwise. */
  readonly value?: Constant | SetConstant;
}

export interface ObjectPath {
  readonly objectType: string;
  /** The first step is always a key. */
  readonly steps: readonly PathStep[];
}

export type PathStep =
  | { readonly kind: 'key'; readonly name: string }
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'any' };

export type Constant =
  | StringConstant
  | NumberConstant
  | BooleanConstant
  | BinaryConstant
  | HexConstant
  | TimestampConstant;

export interface StringConstant {
  readonly kind: 'string';
  readonly value: string;
}

/** Integers and floats keep their canonical text so printing never goes through a float format. */
export interface NumberConstant {
  readonly kind: 'int' | 'float';
  readonly value: number;
  readonly text: string;
}

export interface BooleanConstant {
  readonly kind: 'boolean';
  readonly value: boolean;
}

/** `b'…'`: `value` is the base64 text as written. */
export interface BinaryConstant {
  readonly kind: 'binary';
  readonly value: string;
}

/** `h'…'`: `value` is the hex text, lower-cased. */
export interface HexConstant {
  readonly kind: 'hex';
  readonly value: string;
}

/** `t'…'`: `value` is the timestamp text as written (already checked). */
export interface TimestampConstant {
  readonly kind: 'timestamp';
  readonly value: string;
}

export interface SetConstant {
  readonly kind: 'set';
  readonly values: readonly Constant[];
}
